package io.mezzo.internal.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCa;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.time.SystemTime;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.internal.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master over HTTPS with a test CA: agents and schedulers that trust the CA get through, others never do. */
class TlsRoundTripTest {
    @TempDir
    static Path certs;
    static TestCa ca;
    static TestCa otherCa;
    static ServerTls masterTls;

    @TempDir
    Path work;

    @BeforeAll
    static void makeCertificates() {
        ca = TestCa.create(certs, "mezzo");
        otherCa = TestCa.create(certs, "other");
        TestCa.Issued master = ca.issueForLoopback("master");
        masterTls = ServerTls.load(master.cert(), master.key(), Optional.empty());
    }

    @Test
    void agentRegistersAndRunsATaskAndASchedulerGetsOffersOverTls() throws Exception {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try (TestCluster cluster = TestCluster.startTls(work, masterTls, ClientTls.trusting(ca.cert()), Optional.empty());
             SystemTime time = new SystemTime();
             HttpSchedulerConnection scheduler = new HttpSchedulerConnection(List.of(URI.create(cluster.url())), time,
                     Map::of, Optional.of(ClientTls.trusting(ca.cert()).sslContext()))) {
            assertThat(cluster.url()).startsWith("https://127.0.0.1:");
            cluster.addAgent("cpus:1;mem:512");
            scheduler.start(SchedulerClient.frameworkInfo("tls"), collect(events));

            JsonNode offer = next(events, "OFFERS").path("offers").path("offers").get(0);
            scheduler.send(accept(offer, SchedulerClient.commandTask("t-1", "echo over tls", 0.1, 32)))
                    .get(20, TimeUnit.SECONDS);

            assertThat(finalState(scheduler, events)).isEqualTo("TASK_FINISHED");
        }
    }

    @Test
    void agentTrustingAnotherCaNeverRegistersAndSaysWhy() throws Exception {
        try (TestCluster cluster = TestCluster.startTls(work, masterTls, ClientTls.trusting(ca.cert()), Optional.empty());
             LogCapture log = LogCapture.of(Class.forName("io.mezzo.internal.agent.MasterLink"))) {
            Agent agent = rogueAgent(cluster, ClientTls.trusting(otherCa.cert()));
            try {
                agent.start();
                awaitLog(() -> log.at(Level.WARNING, "TLS handshake with master 127.0.0.1:"), 1);
                // Past the backoff: it tries again, and fails again. The retry timer is armed on the
                // agent's thread some time after the first failure is logged, so the clock moves on
                // until the retry shows.
                awaitLog(() -> {
                    cluster.advance(Duration.ofMinutes(2));
                    return log.at(Level.WARNING, "TLS handshake with master 127.0.0.1:");
                }, 2);

                assertThat(log.at(Level.WARNING, "TLS handshake").get(0).getMessage())
                        .startsWith("registration failed: TLS handshake with master 127.0.0.1:" + port(cluster)
                                + " failed: ")
                        .endsWith("; is --ssl-ca the CA that signed the master's certificate?");
                assertThat(cluster.snapshot().agents()).isEmpty();
                assertThat(agent.snapshot().get(10, TimeUnit.SECONDS).agentId()).isEmpty();
            } finally {
                agent.close();
            }
        }
    }

    @Test
    void certificateForAnotherHostIsRefusedEvenWhenTheCaIsRight() throws Exception {
        TestCa.Issued elsewhere = ca.issue("elsewhere", "DNS:elsewhere.example");
        ServerTls wrongName = ServerTls.load(elsewhere.cert(), elsewhere.key(), Optional.empty());
        try (TestCluster cluster = TestCluster.startTls(work, wrongName, ClientTls.trusting(ca.cert()), Optional.empty());
             LogCapture log = LogCapture.of(HttpSchedulerConnection.class);
             LogCapture agentLog = LogCapture.of(Class.forName("io.mezzo.internal.agent.MasterLink"));
             SystemTime time = new SystemTime();
             HttpSchedulerConnection scheduler = new HttpSchedulerConnection(List.of(URI.create(cluster.url())), time,
                     Map::of, Optional.of(ClientTls.trusting(ca.cert()).sslContext()))) {
            scheduler.start(SchedulerClient.frameworkInfo("tls"), collect(new LinkedBlockingQueue<>()));

            awaitLog(() -> log.at(Level.INFO, "TLS handshake failed"), 1);
            assertThat(log.at(Level.INFO, "TLS handshake failed").get(0).getMessage())
                    .contains("cannot subscribe (cannot reach " + cluster.url() + "/api/v1/scheduler: TLS handshake"
                            + " failed: ", "127.0.0.1", "the master's certificate must name the host clients connect to in its subject alternative names");
            assertThat(cluster.snapshot().frameworks()).isEmpty();

            Agent agent = rogueAgent(cluster, ClientTls.trusting(ca.cert()));
            try {
                agent.start();
                awaitLog(() -> agentLog.at(Level.WARNING, "TLS handshake with master"), 1);
                assertThat(agentLog.at(Level.WARNING, "TLS handshake with master").get(0).getMessage())
                        .contains("127.0.0.1", "subject alternative names");
                assertThat(cluster.snapshot().agents()).isEmpty();
            } finally {
                agent.close();
            }
        }
    }

    @Test
    void plainHttpToTheTlsPortIsNeverAnswered() throws Exception {
        try (TestCluster cluster = TestCluster.startTls(work, masterTls, ClientTls.trusting(ca.cert()), Optional.empty());
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port(cluster)), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = readUntilClosed(socket.getInputStream());

            assertThat(answer).doesNotContain("HTTP/1.1");
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // No answer in clear and no close within the bound: as good as a refusal for this test.
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private Agent rogueAgent(TestCluster cluster, ClientTls trust) {
        AgentConfig config = AgentConfig.of(List.of(new MasterAddress("127.0.0.1", port(cluster))),
                work.resolve("rogue"), "127.0.0.1", Resources.parse("cpus:1;mem:256")).withTls(Optional.of(trust));
        return new Agent(config, cluster.vertx, cluster.time, Optional::empty, new Random(7));
    }

    private static int port(TestCluster cluster) {
        return URI.create(cluster.url()).getPort();
    }

    private static void awaitLog(Supplier<List<?>> records, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (records.get().size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + atLeast + " log record(s)");
            }
            Thread.sleep(20);
        }
    }

    static SchedulerConnection.Listener collect(BlockingQueue<JsonNode> events) {
        return new SchedulerConnection.Listener() {
            @Override
            public void onEvent(JsonNode event) {
                events.add(event);
            }

            @Override
            public void onClosed(String reason) {
                events.add(SchedulerClient.JSON.createObjectNode().put("type", "CLOSED").put("reason", reason));
            }
        };
    }

    private static ObjectNode accept(JsonNode offer, ObjectNode task) {
        task.set("agent_id", offer.path("agent_id"));
        ObjectNode call = SchedulerClient.JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.path("id"));
        accept.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch").putArray("task_infos")
                .add(task);
        return call;
    }

    /** Acknowledges updates until the task is terminal; returns its final state. */
    private static String finalState(HttpSchedulerConnection scheduler, BlockingQueue<JsonNode> events)
            throws Exception {
        while (true) {
            JsonNode status = next(events, "UPDATE").path("update").path("status");
            if (status.hasNonNull("uuid")) {
                ObjectNode ack = SchedulerClient.JSON.createObjectNode().put("type", "ACKNOWLEDGE");
                ack.putObject("acknowledge").<ObjectNode>set("agent_id", status.path("agent_id"))
                        .<ObjectNode>set("task_id", status.path("task_id")).put("uuid", status.path("uuid").asText());
                scheduler.send(ack).get(20, TimeUnit.SECONDS);
            }
            String state = status.path("state").asText();
            if (!state.equals("TASK_STARTING") && !state.equals("TASK_RUNNING") && !state.equals("TASK_STAGING")) {
                return state;
            }
        }
    }

    static JsonNode next(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.path("type").asText().equals(type)) {
                return e;
            }
            if (e != null && e.path("type").asText().equals("CLOSED")) {
                throw new AssertionError("session closed: " + e);
            }
        }
        throw new AssertionError("no " + type + " event");
    }
}
