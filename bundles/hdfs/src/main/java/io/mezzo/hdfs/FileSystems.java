package io.mezzo.hdfs;

import io.mezzo.api.HdfsUri;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The Hadoop FileSystems of one client, one per NameNode, opened on first use as the client's
 * user. A location without an authority ({@code hdfs:///x}) goes to the configured default
 * file system; one naming another NameNode gets its own FileSystem, like
 * {@code hadoop fs -copyToLocal hdfs://other:9000/x} would. Opening one does not contact the
 * NameNode.
 */
final class FileSystems implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FileSystems.class.getName());

    private final Configuration conf;
    private final UserGroupInformation user;
    private final Optional<String> defaultAuthority;
    private final Map<String, FileSystem> open = new HashMap<>();
    private boolean closed;

    FileSystems(Configuration conf, UserGroupInformation user) {
        this.conf = conf;
        this.user = user;
        URI defaultFs = FileSystem.getDefaultUri(conf);
        this.defaultAuthority = "hdfs".equalsIgnoreCase(defaultFs.getScheme()) && defaultFs.getAuthority() != null
                ? Optional.of(defaultFs.getAuthority()) : Optional.empty();
    }

    /** The NameNode (host[:port]) a location names, or the default one. */
    String authority(HdfsUri location) throws HdfsException {
        return location.authority().or(() -> defaultAuthority).orElseThrow(() -> new HdfsException(Kind.INVALID,
                "invalid HDFS location '" + location + "': it names no NameNode and no default file system is"
                        + " configured (set the HDFS default fs, or fs.defaultFS to hdfs://host:port in core-site.xml)"));
    }

    /** Hadoop's fully qualified path for the location. */
    Path path(HdfsUri location) throws HdfsException {
        try {
            return new Path(new URI("hdfs", authority(location), location.path(), null, null));
        } catch (URISyntaxException e) {
            throw new HdfsException(Kind.INVALID, "invalid HDFS location '" + location + "': " + e.getReason(), e);
        }
    }

    /** The FileSystem serving the location. */
    synchronized FileSystem forLocation(HdfsUri location) throws HdfsException, IOException, InterruptedException {
        if (closed) {
            throw new HdfsException(Kind.IO, "cannot use " + location + ": the HDFS client is closed");
        }
        String authority = authority(location);
        String key = authority.toLowerCase(Locale.ROOT);
        FileSystem fs = open.get(key);
        if (fs == null) {
            URI uri = URI.create("hdfs://" + authority + "/");
            fs = user.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(uri, conf));
            open.put(key, fs);
        }
        return fs;
    }

    @Override
    public void close() {
        List<FileSystem> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(open.values());
            open.clear();
        }
        for (FileSystem fs : toClose) {
            try {
                fs.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing " + fs.getUri() + ": " + Failures.firstLine(e));
            }
        }
    }
}
