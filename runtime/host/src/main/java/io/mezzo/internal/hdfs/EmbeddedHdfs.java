package io.mezzo.internal.hdfs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A single-node HDFS inside this process, for {@code mezzo local --hdfs}: one NameNode and one
 * DataNode, every address on 127.0.0.1 with a port the OS picks, its storage under a
 * directory of the local cluster's work dir (wiped at start). For trying things out, never for
 * data that matters: it lives exactly as long as the process's local cluster.
 *
 * <p>The NameNode's and DataNode's own logs are silenced: they warn about things that do not
 * matter for a throwaway local HDFS (no native library, no HTTP signature secret, threads
 * interrupted at shutdown) and would bury the local cluster's output. A failure to start still
 * surfaces, as the exception {@link #start} throws.
 */
public final class EmbeddedHdfs implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EmbeddedHdfs.class.getName());
    /** Held so the levels stay set: java.util.logging keeps loggers only weakly. */
    private static final List<java.util.logging.Logger> SILENCED = new CopyOnWriteArrayList<>();

    private final MiniDFSCluster cluster;
    private final URI uri;

    private EmbeddedHdfs(MiniDFSCluster cluster, URI uri) {
        this.cluster = cluster;
        this.uri = uri;
    }

    /** Starts it with its storage in {@code baseDir} and waits until the DataNode has registered. */
    public static EmbeddedHdfs start(Path baseDir) throws IOException {
        silenceServerLogs();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        for (String address : new String[] {"dfs.namenode.rpc-address", "dfs.namenode.http-address",
                "dfs.datanode.address", "dfs.datanode.http.address", "dfs.datanode.ipc.address"}) {
            conf.set(address, "127.0.0.1:0");
        }
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        conf.setBoolean("dfs.permissions.enabled", false);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Hadoop finds its default resources through the context loader; a Felix thread's would not see them.
        Thread.currentThread().setContextClassLoader(FileSystem.class.getClassLoader());
        MiniDFSCluster cluster = null;
        try {
            cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile()).numDataNodes(1).nameNodePort(0)
                    .checkDataNodeAddrConfig(true).format(true).build();
            cluster.waitActive();
            URI uri = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
            LOG.log(Level.INFO, "embedded HDFS at " + uri + ", storage in " + baseDir);
            return new EmbeddedHdfs(cluster, uri);
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.shutdown(true);
            }
            throw e instanceof IOException io ? io
                    : new IOException("cannot start the embedded HDFS in " + baseDir + ": " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void silenceServerLogs() {
        if (!SILENCED.isEmpty()) {
            return;
        }
        for (String name : List.of("org.apache.hadoop.hdfs.server", "org.apache.hadoop.http",
                "org.apache.hadoop.security.authentication.server", "org.apache.hadoop.util.NativeCodeLoader",
                "org.apache.hadoop.hdfs.MiniDFSCluster", "org.apache.hadoop.metrics2",
                "org.apache.hadoop.fs.CachingGetSpaceUsed")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.OFF);
            SILENCED.add(logger);
        }
    }

    /** {@code hdfs://127.0.0.1:<port>}: the default file system to give clients. */
    public URI uri() {
        return uri;
    }

    /** Stops the NameNode and the DataNode and deletes their storage. */
    @Override
    public void close() {
        try {
            cluster.shutdown(true);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the embedded HDFS: " + e.getMessage());
        }
    }
}
