package io.mezzo.internal.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mezzo.api.HdfsUri;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.hdfs.EmbeddedHdfs;
import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.runtime.GuardedLauncher;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.time.SystemTime;
import io.mezzo.launcher.ProcessLauncher;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsSettings;
import io.mezzo.spi.Launcher;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/frameworks/wordcount.js end to end over HDFS: a master, two real agents whose JS
 * tasks get the HDFS settings, the framework script with {@code ctx.hdfs} on the same HDFS.
 */
class HdfsWordCountTest {
    static final Path SCRIPT = Path.of("../../scripts/frameworks/wordcount.js");

    @TempDir
    Path work;

    @Test
    void wordCountReadsItsInputFromHdfsAndWritesTheResultBack() throws Exception {
        try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(work.resolve("hdfs"));
             TestCluster cluster = TestCluster.start(work.resolve("cluster"));
             SystemTime time = new SystemTime()) {
            HdfsSettings settings = new HdfsSettings(Optional.empty(), Optional.of(hdfs.uri()), Duration.ofSeconds(30));
            List<Agent> agents = new ArrayList<>();
            try (HdfsClient client = HdfsServices.connect(settings, Optional.empty())) {
                for (int i = 0; i < 2; i++) {
                    agents.add(addAgent(cluster, i, settings));
                }
                JsScriptHost host = new JsScriptHost(TestEngine.SHARED, time, Duration.ofSeconds(30),
                        HdfsBridge.of(client, Optional.of(hdfs.uri())));
                RunningFramework fw = host.start(ScriptSource.of(SCRIPT), JsonNodeFactory.instance.objectNode(),
                        new HttpSchedulerConnection(List.of(URI.create(cluster.url())), time));
                FrameworkOutcome outcome = awaitOutcome(cluster, fw.outcome());

                assertThat(outcome.kind()).as("reason: %s", outcome.reason()).isEqualTo(FrameworkOutcome.Kind.FINISHED);
                JsonNode result = outcome.result();
                // the sample: the 11; it, of, was 10; we 4; age, all, before, direct, epoch 2 (ties by word)
                assertThat(result.get("words").asInt()).isEqualTo(34);
                assertThat(result.get("total").asInt()).isEqualTo(85);
                assertThat(result.get("top").toString()).isEqualTo("[[\"the\",11],[\"it\",10],[\"of\",10],"
                        + "[\"was\",10],[\"we\",4],[\"age\",2],[\"all\",2],[\"before\",2],[\"direct\",2],[\"epoch\",2]]");
                String run = hdfs.uri() + "/mezzo/wordcount/" + fw.frameworkId().orElseThrow();
                assertThat(result.get("read")).extracting(JsonNode::asText).containsExactly(
                        run + "/input/part-0.txt", run + "/input/part-1.txt", run + "/input/part-2.txt");
                assertThat(result.get("wrote")).extracting(JsonNode::asText).containsExactly(run + "/result.json");
                try (InputStream in = client.read(HdfsUri.parse(run + "/result.json"))) {
                    JsonNode counts = MezzoJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    assertThat(counts.get("the").asInt()).isEqualTo(11);
                    assertThat(counts.size()).isEqualTo(34);
                }
                assertThat(client.exists(HdfsUri.parse(run + "/maps/map-2.json"))).isTrue();
            } finally {
                agents.forEach(Agent::close);
            }
        }
    }

    /** A real agent of the test cluster that hands its HDFS settings to its JS tasks. */
    private Agent addAgent(TestCluster cluster, int index, HdfsSettings settings) {
        int port = Integer.parseInt(cluster.url().substring(cluster.url().lastIndexOf(':') + 1));
        AgentConfig config = AgentConfig.of(List.of(new MasterAddress("127.0.0.1", port)),
                work.resolve("agent-" + index), "127.0.0.1", Resources.parse("cpus:1;mem:1024")).withHdfs(settings);
        Plugin<Launcher> process = new Plugin<>(new ProcessLauncher(), "process", 0, "io.mezzo.launcher", "test", 2);
        GuardedLauncher launcher = new GuardedLauncher(() -> Optional.of(process), cluster.guard);
        Agent agent = new Agent(config, cluster.vertx, cluster.time, launcher::ifAvailable, new Random(index));
        int before = cluster.snapshot().agents().size();
        agent.start();
        cluster.await("agent " + index + " registered", s -> s.agents().size() > before
                && s.agents().stream().allMatch(MasterSnapshot.AgentView::connected));
        return agent;
    }

    /**
     * The master's clock is fake: moving it on lets declined offers come back while the
     * framework waits for its tasks' JVMs, which run in real time.
     */
    private static FrameworkOutcome awaitOutcome(TestCluster cluster, CompletableFuture<FrameworkOutcome> outcome)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            try {
                return outcome.get(500, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                cluster.advance(Duration.ofSeconds(1));
            }
        }
        throw new AssertionError("the word count did not end; master state: " + cluster.snapshot());
    }
}
