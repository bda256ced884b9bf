package io.mezzo.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.internal.time.SystemTime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler client against a real master over loopback HTTP. */
class HttpSchedulerConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path work;
    TestCluster cluster;
    SystemTime realTime;
    HttpSchedulerConnection connection;
    HttpServer redirector;
    /** Other stand-in masters a test started; stopped after it. */
    final List<HttpServer> fronts = new java.util.ArrayList<>();
    final Recorder events = new Recorder();

    @BeforeEach
    void start() {
        cluster = TestCluster.start(work);
        realTime = new SystemTime();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (redirector != null) {
            redirector.stop(0);
        }
        fronts.forEach(f -> f.stop(0));
        realTime.close();
        cluster.close();
    }

    @Test
    void subscribeDeliversSubscribedThenOffersOfTheAgent() throws Exception {
        cluster.addAgent("cpus:2;mem:1024");
        connect(List.of(URI.create(cluster.url())), realTime);

        JsonNode subscribed = events.next("SUBSCRIBED");
        String id = subscribed.path("subscribed").path("framework_id").path("value").asText();
        assertThat(id).startsWith(cluster.master().info().id());
        assertThat(connection.frameworkId()).contains(id);
        JsonNode offers = events.next("OFFERS").path("offers").path("offers");
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).path("hostname").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void declineIsAcceptedAndTheOfferIsGone() throws Exception {
        cluster.addAgent("cpus:2;mem:1024");
        connect(List.of(URI.create(cluster.url())), realTime);
        JsonNode offer = events.next("OFFERS").path("offers").path("offers").get(0);

        ObjectNode decline = JSON.createObjectNode().put("type", "DECLINE");
        ObjectNode body = decline.putObject("decline");
        body.putArray("offer_ids").add(offer.path("id"));
        body.putObject("filters").put("refuse_seconds", 3600);
        connection.send(decline).get(WAIT_SECONDS, TimeUnit.SECONDS);

        MasterSnapshot s = cluster.await("the declined offer is gone", snap -> snap.offers().isEmpty());
        assertThat(s.frameworks()).hasSize(1);
    }

    @Test
    void acceptedLaunchRunsTheTaskAndItsUpdatesArrive() throws Exception {
        cluster.addAgent("cpus:2;mem:1024");
        connect(List.of(URI.create(cluster.url())), realTime);
        JsonNode offer = events.next("OFFERS").path("offers").path("offers").get(0);

        ObjectNode accept = JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode body = accept.putObject("accept");
        body.putArray("offer_ids").add(offer.path("id"));
        ObjectNode task = SchedulerClient.commandTask("t1", "true", 0.1, 32);
        task.set("agent_id", offer.path("agent_id"));
        ObjectNode launch = body.putArray("operations").addObject().put("type", "LAUNCH");
        launch.putObject("launch").putArray("task_infos").add(task);
        connection.send(accept).get(WAIT_SECONDS, TimeUnit.SECONDS);

        JsonNode update = events.next("UPDATE");
        assertThat(update.path("update").path("status").path("task_id").path("value").asText()).isEqualTo("t1");
        assertThat(update.path("update").path("status").path("state").asText()).isEqualTo("TASK_STARTING");
    }

    @Test
    void refusedCallFailsWithTheMastersStatusAndMessage() throws Exception {
        connect(List.of(URI.create(cluster.url())), realTime);
        events.next("SUBSCRIBED");

        CompletableFuture<Void> kill = connection.send(JSON.createObjectNode().put("type", "KILL"));

        assertThatThrownBy(() -> kill.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SchedulerCallException.class)
                .satisfies(e -> assertThat(((SchedulerCallException) e).status()).isEqualTo(400))
                .hasMessageContaining("kill");
    }

    @Test
    void subscribeWithAnInvalidFrameworkInfoClosesTheSessionNamingThe400() throws Exception {
        connection = new HttpSchedulerConnection(List.of(URI.create(cluster.url())), realTime);
        connection.start(JSON.createObjectNode().put("name", "no-user"), events);

        assertThat(events.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("master refused SUBSCRIBE: 400");
        assertThat(events.queue).isEmpty();
    }

    @Test
    void subscribeFollowsARedirectToTheLeadingMaster() throws Exception {
        AtomicInteger redirected = new AtomicInteger();
        String target = cluster.url().replace("http:", "");
        URI front = redirector(() -> {
            redirected.incrementAndGet();
            return target + "/api/v1/scheduler";
        });
        connect(List.of(front), realTime);

        events.next("SUBSCRIBED");
        assertThat(redirected).hasValue(1);
        ObjectNode revive = JSON.createObjectNode().put("type", "REVIVE");
        connection.send(revive).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void afterTheMasterRestartsTheConnectionResubscribesWithTheSameFrameworkId() throws Exception {
        AtomicReference<String> leader = new AtomicReference<>(cluster.url());
        URI front = redirector(() -> leader.get().replace("http:", ""));
        connect(List.of(front), realTime);
        String id = events.next("SUBSCRIBED").path("subscribed").path("framework_id").path("value").asText();

        cluster.stopMaster();
        cluster.startMaster();
        leader.set(cluster.url());

        JsonNode again = events.next("SUBSCRIBED");
        assertThat(again.path("subscribed").path("framework_id").path("value").asText()).isEqualTo(id);
        cluster.await("the framework is connected to the new master",
                s -> s.frameworks().stream().anyMatch(f -> f.id().value().equals(id) && f.state().equals("CONNECTED")));
    }

    @Test
    void aLostStreamsMasterIsNamedToTheNextMasterAsked() throws Exception {
        URI first = URI.create(cluster.url());
        AtomicReference<String> leader = new AtomicReference<>(cluster.url());
        URI front = redirector(() -> leader.get().replace("http:", "") + "/api/v1/scheduler");
        connect(List.of(first, front), realTime);
        String id = events.next("SUBSCRIBED").path("subscribed").path("framework_id").path("value").asText();
        assertThat(lostLeaders).isEmpty();

        cluster.stopMaster();
        cluster.startMaster();
        leader.set(cluster.url());
        // The first master's stream broke, and it refuses connections: the next one asked hears whom it lost.
        JsonNode again = events.next("SUBSCRIBED");
        assertThat(again.path("subscribed").path("framework_id").path("value").asText()).isEqualTo(id);
        if (!cluster.url().equals(first.toString())) {
            assertThat(lostLeaders).isNotEmpty().containsOnly(first.getRawAuthority());
        }
    }

    @Test
    void aMasterFoundUnreachableGivesWayAtOnceToTheOneAfterIt() throws Exception {
        // A redirects to B, the leader; C comes after B in the list and answers 503, as a
        // standby that knows no leader yet does, noting whom each caller says it lost.
        URI b = URI.create(cluster.url());
        URI a = redirector(() -> "//" + b.getRawAuthority() + "/api/v1/scheduler");
        List<String> askedC = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer c = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fronts.add(c);
        c.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            askedC.add(String.valueOf(exchange.getRequestHeaders().getFirst(LeaderHeaders.LOST_LEADER)));
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        c.start();
        FakeTime clientTime = new FakeTime();
        try (LogCapture logs = LogCapture.of(HttpSchedulerConnection.class)) {
            connection = new HttpSchedulerConnection(List.of(a, b,
                    URI.create("http://127.0.0.1:" + c.getAddress().getPort())), clientTime);
            connection.start(SchedulerClient.frameworkInfo("client-test").put("failover_timeout", 3600), events);
            events.next("SUBSCRIBED");

            cluster.stopMaster();
            awaitLog(logs, "scheduler stream lost");
            // B is asked again after the first backoff; it refuses, and C is asked with the clock
            // standing still (before, the client counted from A and asked B twice more, 0.6 s of backoff).
            clientTime.advance(Duration.ofMillis(100));
            awaitLog(logs, "trying master http://127.0.0.1:" + c.getAddress().getPort() + " now");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (askedC.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(askedC).as("C was asked, naming the lost leader").containsExactly(b.getRawAuthority());
        }
    }

    /** Waits (bounded, in real time) until a record containing {@code text} was logged. */
    private static void awaitLog(LogCapture logs, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (logs.all().stream().noneMatch(r -> r.getMessage().contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing logged containing '" + text + "': " + logs.all().stream()
                        .map(java.util.logging.LogRecord::getMessage).toList());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aSilentStreamIsDroppedAndTheFrameworkResubscribes() throws Exception {
        FakeTime clientTime = new FakeTime();
        connection = new HttpSchedulerConnection(List.of(URI.create(cluster.url())), clientTime);
        // A failover timeout keeps the framework while it has no stream.
        connection.start(SchedulerClient.frameworkInfo("client-test").put("failover_timeout", 3600), events);
        String id = events.next("SUBSCRIBED").path("subscribed").path("framework_id").path("value").asText();
        events.next("HEARTBEAT");

        // The master's heartbeats run on the cluster's clock, which stands still: 75 s of
        // the client's clock without an event.
        clientTime.advance(Duration.ofSeconds(15 * HttpSchedulerConnection.MISSED_HEARTBEATS));
        JsonNode again = pollAdvancing(clientTime, "SUBSCRIBED");

        assertThat(again.path("subscribed").path("framework_id").path("value").asText()).isEqualTo(id);
    }

    @Test
    void aTornDownFrameworkEndsTheSession() throws Exception {
        connect(List.of(URI.create(cluster.url())), realTime);
        events.next("SUBSCRIBED");

        try (LogCapture logs = LogCapture.of(HttpSchedulerConnection.class)) {
            connection.send(JSON.createObjectNode().put("type", "TEARDOWN")).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(events.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("torn down");
            assertThat(logs.all()).as("an ended session is neither lost nor retried")
                    .noneMatch(r -> r.getMessage().contains("subscribing to"))
                    .noneMatch(r -> r.getLevel().equals(java.util.logging.Level.WARNING));
        }
    }

    @Test
    void failedRequestsAreDescribedInAUsersWords() {
        assertThat(RequestFailures.describe(new java.util.concurrent.CompletionException(
                new java.net.ConnectException()))).isEqualTo("connection refused");
        assertThat(RequestFailures.describe(new java.net.http.HttpTimeoutException("request timed out")))
                .isEqualTo("timed out");
        assertThat(RequestFailures.describe(new java.io.IOException("stream reset")))
                .isEqualTo("stream reset");
    }

    @Test
    void closeEndsTheSubscriptionAndLaterCallsFail() throws Exception {
        connect(List.of(URI.create(cluster.url())), realTime);
        String id = events.next("SUBSCRIBED").path("subscribed").path("framework_id").path("value").asText();

        connection.close();

        cluster.await("the master saw the stream close",
                s -> s.frameworks().stream().noneMatch(f -> f.id().value().equals(id) && f.state().equals("CONNECTED")));
        assertThat(connection.send(JSON.createObjectNode().put("type", "REVIVE"))).isCompletedExceptionally();
        assertThat(events.closed).isNotDone();
    }

    private void connect(List<URI> masters, io.mezzo.internal.time.TimeSource time) {
        connection = new HttpSchedulerConnection(masters, time);
        connection.start(SchedulerClient.frameworkInfo("client-test"), events);
    }

    /** The {@code Mezzo-Lost-Leader} header of each request the redirector got ("null" without one). */
    private final List<String> lostLeaders = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A front that answers every request 307 to wherever {@code location} says. */
    private URI redirector(java.util.function.Supplier<String> location) throws Exception {
        redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirector.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            lostLeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst(LeaderHeaders.LOST_LEADER)));
            exchange.getResponseHeaders().add("Location", location.get());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirector.start();
        return URI.create("http://127.0.0.1:" + redirector.getAddress().getPort());
    }

    /** Advances the client's clock in backoff-sized steps until an event of {@code type} arrives. */
    private JsonNode pollAdvancing(FakeTime clock, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.queue.poll(50, TimeUnit.MILLISECONDS);
            if (e != null && e.path("type").asText().equals(type)) {
                return e;
            }
            clock.advance(Duration.ofMillis(100));
        }
        throw new AssertionError("no " + type + " event");
    }

    static final class Recorder implements SchedulerConnection.Listener {
        final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onEvent(JsonNode event) {
            queue.add(event);
        }

        @Override
        public void onClosed(String reason) {
            closed.complete(reason);
        }

        /** The next event of {@code type}, skipping others (bounded). */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                JsonNode e = queue.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && e.path("type").asText().equals(type)) {
                    return e;
                }
            }
            throw new AssertionError("no " + type + " event within " + WAIT_SECONDS + " s; closed: "
                    + closed.getNow("no"));
        }
    }
}
