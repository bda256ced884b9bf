package io.mezzo.hdfs;

import io.mezzo.spi.Hdfs;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.osgi.service.component.annotations.Component;

/**
 * HDFS through the Hadoop client the host puts on its class path. Outside OSGi (task JVMs, the
 * {@code mezzo dfs} command) {@code ServiceLoader.load(Hdfs.class)} finds this class through
 * {@code META-INF/services}, hence the public no-argument constructor.
 *
 * <p>The client acts as the Hadoop user that is current when {@link #connect} is called: the
 * process's user (or {@code HADOOP_USER_NAME}), or the user of an enclosing
 * {@code UserGroupInformation.doAs}.
 */
@Component(service = Hdfs.class, property = {"service.ranking:Integer=0", "mezzo.plugin.name=hadoop"})
public final class HadoopHdfs implements Hdfs {
    private static final System.Logger LOG = System.getLogger(HadoopHdfs.class.getName());
    private static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml");

    public HadoopHdfs() {
        // ServiceLoader and Declarative Services both need a public no-argument constructor.
    }

    @Override
    public HdfsClient connect(HdfsSettings settings) throws HdfsException {
        Optional<Path> confDir = settings.confDir();
        if (confDir.isPresent() && !Files.isDirectory(confDir.get())) {
            throw new HdfsException(HdfsException.Kind.INVALID,
                    "invalid Hadoop configuration directory '" + confDir.get() + "': not a directory");
        }
        try {
            return HadoopLoader.call(() -> {
                Configuration conf = configuration(settings);
                UserGroupInformation user = UserGroupInformation.getCurrentUser();
                return new HadoopHdfsClient(new FileSystems(conf, user), settings.timeout());
            });
        } catch (IOException | RuntimeException e) {
            throw new HdfsException(HdfsException.Kind.INVALID,
                    "cannot set up the Hadoop client: " + Failures.firstLine(e), e);
        }
    }

    /**
     * The site files first, then the default file system (it wins), then the timeouts: those go
     * last so no site file can make an operation wait longer than the settings allow.
     */
    static Configuration configuration(HdfsSettings settings) {
        Configuration conf = new Configuration();
        conf.setClassLoader(FileSystem.class.getClassLoader());
        settings.confDir().ifPresent(dir -> {
            for (String name : SITE_FILES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
                } else {
                    LOG.log(Level.DEBUG, () -> "no " + name + " in " + dir);
                }
            }
        });
        settings.defaultFs().map(URI::toString).ifPresent(fs -> conf.set(FileSystem.FS_DEFAULT_NAME_KEY, fs));
        applyTimeouts(conf, settings.timeout());
        return conf;
    }

    private static void applyTimeouts(Configuration conf, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        // One retry of a refused connection, soon enough to fit well inside the deadline.
        conf.setInt("ipc.client.connect.timeout", millis);
        conf.setInt("ipc.client.connect.max.retries", 1);
        conf.setInt("ipc.client.connect.retry.interval", Math.max(1, Math.min(1000, millis / 4)));
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
        conf.setInt("ipc.client.rpc-timeout.ms", millis);
        conf.setInt("dfs.client.socket-timeout", millis);
        conf.setInt("dfs.client.retry.max.attempts", 1);
        conf.setInt("dfs.client.failover.max.attempts", 1);
        // Each client owns its FileSystem: closing one must not close another's.
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
    }
}
