package io.mezzo.internal.http.hostile;

import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A master with a real agent, a simulated second agent and two subscribed frameworks, over
 * loopback HTTP, that hostile requests are thrown at. After each request
 * {@link #assertUnharmed} checks that nothing changed and nothing broke: the master's state
 * is what it was, no thread died, nothing was logged at ERROR, the event loop still serves
 * {@code /health} and the master's thread still answers.
 */
final class HostileMaster implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Loggers whose ERROR lines would mean a hostile request hurt something. */
    private static final List<String> WATCHED = List.of("io.mezzo", "io.vertx", "io.netty");

    final TestCluster cluster;
    final SchedulerClient framework;
    final SchedulerClient otherFramework;
    final String offerId;
    final String agentId;
    private final String otherAgentId;
    private final String otherAgentStream;
    private final InputStream otherAgentEvents;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers = WATCHED.stream().map(Logger::getLogger).toList();
    private final Handler errorRecorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();

    HostileMaster(Path work) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        loggers.forEach(l -> l.addHandler(errorRecorder));
        cluster = TestCluster.start(work);
        cluster.addAgent("cpus:2;mem:1024;ports:[31000-32000]");
        framework = new SchedulerClient(cluster.url());
        framework.subscribe(frameworkInfo("victim"));
        JsonNode offer = framework.next("OFFERS").path("offers").path("offers").get(0);
        offerId = offer.path("id").path("value").asText();
        agentId = offer.path("agent_id").path("value").asText();
        otherFramework = new SchedulerClient(cluster.url());
        otherFramework.subscribe(frameworkInfo("intruder"));
        HttpResponse<InputStream> registered = http.send(HttpRequest.newBuilder(URI.create(cluster.url()
                        + AgentProtocol.PATH)).header("Content-Type", AgentProtocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"REGISTER\",\"agent_info\":{\"hostname\":"
                        + "\"other\",\"port\":5051,\"resources\":[],\"attributes\":[]},\"version\":\"test\"}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(registered.statusCode()).isEqualTo(200);
        otherAgentStream = registered.headers().firstValue(AgentProtocol.STREAM_ID_HEADER).orElseThrow();
        otherAgentEvents = registered.body();
        otherAgentId = cluster.await("the second agent registered", s -> s.agents().size() == 2).agents().stream()
                .map(a -> a.id().value()).filter(id -> !id.equals(agentId)).findFirst().orElseThrow();
        cluster.settle();
    }

    /** The master's state, without what moves on its own (nothing does: the clock is fake). */
    MasterSnapshot state() throws Exception {
        return cluster.master().snapshot().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends {@code c} with its placeholders filled in. */
    HttpResponse<String> send(HostileCase c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + c.path())).timeout(WAIT)
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(fill(c.body())));
        c.headers().forEach((name, value) -> b.header(name, fill(value)));
        return bounded(c.name(), b.build());
    }

    /** Sends {@code body} chunked, with no Content-Length to tell its size in advance. */
    HttpResponse<String> sendChunked(String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url() + path)).timeout(WAIT)
                .header("Content-Type", HostileCase.JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        return bounded(path, request);
    }

    /** The whole answer; an answer that never ends (a stream opened by mistake) fails the test. */
    private HttpResponse<String> bounded(String what, HttpRequest request) throws Exception {
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + ": no complete answer within " + WAIT + " (did it open a stream?)", e);
        }
    }

    /** Sends {@code c} and checks the answer and that the master came out of it unharmed. */
    void assertRefused(HostileCase c) throws Exception {
        MasterSnapshot before = state();
        int errorsBefore = errors.size();
        HttpResponse<String> response = send(c);
        assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
        if (c.says() != null) {
            assertThat(response.body()).as(c.name()).contains(c.says());
            assertThat(response.headers().firstValue("Content-Type")).as(c.name()).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain"));
        }
        assertUnharmed(c.name(), before, errorsBefore);
    }

    void assertUnharmed(String what, MasterSnapshot before, int errorsBefore) throws Exception {
        cluster.settle();
        assertThat(state()).as(what + ": the master's state is unchanged").isEqualTo(before);
        assertThat(errors.subList(errorsBefore, errors.size())).as(what + ": nothing logged at ERROR")
                .extracting(LogRecord::getMessage).isEmpty();
        assertThat(uncaught).as(what + ": no thread died").isEmpty();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/health"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(what + ": the event loop still serves").isEqualTo(200);
    }

    int errorCount() {
        return errors.size();
    }

    private String fill(String text) {
        return text.replace("{fw}", framework.frameworkId()).replace("{stream}", framework.streamId())
                .replace("{fw2}", otherFramework.frameworkId()).replace("{stream2}", otherFramework.streamId())
                .replace("{offer}", offerId).replace("{agent}", agentId).replace("{agent2}", otherAgentId)
                .replace("{agentStream2}", otherAgentStream);
    }

    private byte[] fill(byte[] body) {
        // Only short bodies carry placeholders; big ones are sent as they are.
        if (body.length > 64 * 1024) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean isText = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
        return isText ? fill(text).getBytes(StandardCharsets.UTF_8) : body;
    }

    @Override
    public void close() throws Exception {
        framework.close();
        otherFramework.close();
        otherAgentEvents.close();
        cluster.close();
        loggers.forEach(l -> l.removeHandler(errorRecorder));
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
}
