package io.mezzo.hdfs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real one-DataNode HDFS on 127.0.0.1 with ephemeral ports, its files under {@code target/}. */
final class MiniHdfs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MiniHdfs.class.getName());

    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    static MiniHdfs start() throws IOException {
        Path base = Path.of("target", "minidfs", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(base);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        long started = System.nanoTime();
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).nameNodePort(0)
                .nameNodeHttpPort(0).build();
        cluster.waitActive();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, "MiniDFSCluster build()+waitActive() took " + millis + " ms");
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://127.0.0.1:port}, the NameNode's address. */
    URI uri() {
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    String authority() {
        return "127.0.0.1:" + cluster.getNameNodePort();
    }

    /** The superuser's own file system, to set up what a test then reads through the client. */
    DistributedFileSystem admin() throws IOException {
        return cluster.getFileSystem();
    }

    void stopNameNode() {
        cluster.shutdownNameNode(0);
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
