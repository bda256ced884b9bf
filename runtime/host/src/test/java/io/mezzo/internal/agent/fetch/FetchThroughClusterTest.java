package io.mezzo.internal.agent.fetch;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.HdfsUri;
import io.mezzo.hdfs.HadoopHdfs;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher inside a real agent (real launcher, real task processes) behind a real master,
 * with a real HDFS (MiniDFSCluster) read through the real HDFS bundle classes.
 */
@Timeout(180)
class FetchThroughClusterTest {
    /** Short, so a lost NameNode fails the fetch quickly; real time, as the HDFS client's own timeout. */
    private static final Duration HDFS_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;
    MiniDFSCluster dfs;
    FileServer web;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (dfs != null) {
            dfs.shutdown(true);
        }
        if (web != null) {
            web.close();
        }
    }

    private void startCluster(HdfsClient hdfs) throws Exception {
        cluster = TestCluster.start(work.resolve("cluster"));
        cluster.addAgent("cpus:2;mem:1024", c -> c.withHdfs(settings()), hdfs);
        scheduler = new SchedulerClient(cluster.url());
        scheduler.subscribe(frameworkInfo("fetch-fw"));
    }

    private HdfsSettings settings() {
        Optional<URI> fs = dfs == null ? Optional.empty()
                : Optional.of(URI.create("hdfs://127.0.0.1:" + dfs.getNameNodePort()));
        return new HdfsSettings(Optional.empty(), fs, HDFS_TIMEOUT);
    }

    private void startHdfs() throws IOException {
        Path base = work.resolve("minidfs-" + UUID.randomUUID());
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        dfs = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).nameNodePort(0).nameNodeHttpPort(0)
                .build();
        dfs.waitActive();
    }

    private HdfsAccess hdfsAccess() {
        Plugin<Hdfs> plugin = new Plugin<>(new HadoopHdfs(), "hdfs", 0, "io.mezzo.hdfs", "test", 3);
        return new HdfsAccess(() -> Optional.of(plugin), settings());
    }

    /** Copies a local file into HDFS through the admin file system; returns its hdfs:// URI. */
    private String putInHdfs(Path local, String hdfsPath) throws IOException {
        dfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toString()),
                new org.apache.hadoop.fs.Path(hdfsPath));
        return "hdfs://127.0.0.1:" + dfs.getNameNodePort() + hdfsPath;
    }

    private static ObjectNode taskFetching(String id, String command, String... uris) {
        ObjectNode task = commandTask(id, command, 0.5, 64);
        var list = ((ObjectNode) task.get("command")).putArray("uris");
        for (String uri : uris) {
            list.addObject().put("value", uri);
        }
        return task;
    }

    private JsonNode launchAndAwait(ObjectNode task, String state) throws Exception {
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(task), 0));
        return scheduler.awaitState(task.path("task_id").path("value").asText(), state);
    }

    private Optional<Path> findInWork(String name) throws IOException {
        try (Stream<Path> all = Files.walk(work.resolve("cluster"))) {
            return all.filter(p -> p.getFileName().toString().equals(name)).findFirst();
        }
    }

    @Test
    void tarballInHdfsIsFetchedExtractedAndItsScriptRuns() throws Exception {
        startHdfs();
        Path tarball = new Archives().file("app/run.sh", "#!/bin/sh\necho fetched-and-ran > ran.txt\n", 0755)
                .write(work.resolve("local/app.tar.gz"));
        String uri = putInHdfs(tarball, "/frameworks/app.tar.gz");
        startCluster(hdfsAccess());

        launchAndAwait(taskFetching("hdfs-task", "./app/run.sh", uri), "TASK_FINISHED");

        Path ran = findInWork("ran.txt").orElseThrow(() -> new AssertionError("the fetched script did not run"));
        assertThat(ran).hasContent("fetched-and-ran");
        assertThat(ran.resolveSibling("app.tar.gz")).exists();
    }

    @Test
    void httpUriIsFetchedBeforeTheTaskRuns() throws Exception {
        web = new FileServer();
        web.serve("/job.sh", Files.writeString(work.resolve("job.sh"), "echo over-http > http.txt\n"));
        startCluster(HdfsAccess.none(settings()));

        launchAndAwait(taskFetching("http-task", "sh job.sh", web.url("/job.sh")), "TASK_FINISHED");

        assertThat(findInWork("http.txt")).hasValueSatisfying(p -> assertThat(p).hasContent("over-http"));
    }

    @Test
    void missingFileFailsTheTaskNamingTheUri() throws Exception {
        startCluster(HdfsAccess.none(settings()));
        String missing = work.resolve("nowhere/app.tgz").toString();

        JsonNode status = launchAndAwait(taskFetching("missing", "true", missing), "TASK_FAILED");

        assertThat(status.path("reason").asText()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(status.path("source").asText()).isEqualTo("SOURCE_AGENT");
        assertThat(status.path("message").asText())
                .isEqualTo("Failed to fetch '" + missing + "': no such file '" + missing + "'");
    }

    @Test
    void invalidUriFailsTheTaskWithAClearError() throws Exception {
        startCluster(HdfsAccess.none(settings()));

        JsonNode status = launchAndAwait(taskFetching("bad-uri", "true", "gopher://example.org/app.tgz"),
                "TASK_FAILED");

        assertThat(status.path("reason").asText()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(status.path("message").asText()).isEqualTo("Failed to fetch 'gopher://example.org/app.tgz':"
                + " unsupported URI scheme 'gopher' (supported: file, http, https, hdfs, or a plain path)");
    }

    @Test
    void nameNodeStoppedMidFetchFailsTheTaskNamingTheUri() throws Exception {
        startHdfs();
        String first = putInHdfs(Files.writeString(work.resolve("first.txt"), "one"), "/data/first.txt");
        String second = putInHdfs(Files.writeString(work.resolve("second.txt"), "two"), "/data/second.txt");
        // The NameNode goes away as soon as the first URI is in the sandbox: the second cannot come.
        startCluster(new StopAfterFirstCopy(hdfsAccess(), () -> dfs.shutdownNameNode(0)));

        JsonNode status = launchAndAwait(taskFetching("lost-nn", "true", first, second), "TASK_FAILED");

        assertThat(status.path("reason").asText()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(status.path("message").asText()).startsWith("Failed to fetch '" + second + "': HDFS ");
        assertThat(findInWork("first.txt").filter(p -> p.startsWith(work.resolve("cluster")))).isPresent();
        assertThat(findInWork("second.txt")).isEmpty();
    }

    /** Passes everything to the real client; runs {@code afterFirst} once the first copy is done. */
    private static final class StopAfterFirstCopy implements HdfsClient {
        private final HdfsClient real;
        private final Runnable afterFirst;
        private boolean copied;

        StopAfterFirstCopy(HdfsClient real, Runnable afterFirst) {
            this.real = real;
            this.afterFirst = afterFirst;
        }

        @Override
        public synchronized void copyToLocal(HdfsUri from, Path to) throws HdfsException {
            real.copyToLocal(from, to);
            if (!copied) {
                copied = true;
                afterFirst.run();
            }
        }

        @Override
        public boolean exists(HdfsUri path) throws HdfsException {
            return real.exists(path);
        }

        @Override
        public long du(HdfsUri path) throws HdfsException {
            return real.du(path);
        }

        @Override
        public void mkdirs(HdfsUri path) throws HdfsException {
            real.mkdirs(path);
        }

        @Override
        public void write(HdfsUri path, InputStream data, boolean overwrite) throws HdfsException {
            real.write(path, data, overwrite);
        }

        @Override
        public InputStream read(HdfsUri path) throws HdfsException {
            return real.read(path);
        }

        @Override
        public List<HdfsEntry> list(HdfsUri path) throws HdfsException {
            return real.list(path);
        }

        @Override
        public boolean delete(HdfsUri path, boolean recursive) throws HdfsException {
            return real.delete(path, recursive);
        }

        @Override
        public void copyFromLocal(Path from, HdfsUri to, boolean overwrite) throws HdfsException {
            real.copyFromLocal(from, to, overwrite);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
