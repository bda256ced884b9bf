package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.cluster.HazelcastHostedStore;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hosted scripts across a failover: two masters' {@link HostedFrameworks} over one Hazelcast
 * store, the scripts talking HTTP to a real master. The one that steps down suspends; the one
 * that takes over resumes the same frameworks.
 */
class HostedFailoverTest {
    final SystemTime connectionTime = new SystemTime();
    final SubscribingHost host = new SubscribingHost();
    /** What each script's session actually sent as FrameworkInfo in SUBSCRIBE, in order. */
    final List<JsonNode> subscribedWith = new CopyOnWriteArrayList<>();
    HazelcastInstance hazelcast;
    HostingMaster master;
    HostedFrameworks before;
    HostedFrameworks after;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        hazelcast = HazelcastMember.start("hosted-failover-" + UUID.randomUUID(), "127.0.0.1", port, List.of());
        master = new HostingMaster();
        before = hosting();
        after = hosting();
    }

    private HostedFrameworks hosting() {
        ScriptRuntime runtime = new ScriptRuntime(() -> host,
                (masters, headers) -> recording(new HttpSchedulerConnection(masters, connectionTime, headers)));
        return new HostedFrameworks(runtime, List.of(URI.create(master.url)), master.time, 10, Optional.empty(),
                new HazelcastHostedStore(hazelcast));
    }

    private SchedulerConnection recording(SchedulerConnection inner) {
        return new SchedulerConnection() {
            @Override
            public void start(ObjectNode frameworkInfo, Listener listener) {
                subscribedWith.add(frameworkInfo.deepCopy());
                inner.start(frameworkInfo, listener);
            }

            @Override
            public CompletableFuture<Void> send(ObjectNode call) {
                return inner.send(call);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @AfterEach
    void stop() {
        before.close();
        after.close();
        master.close();
        hazelcast.shutdown();
        connectionTime.close();
    }

    @Test
    void aResumedScriptSubscribesWithItsFrameworkIdAndGoesOn() throws Exception {
        ObjectNode params = MezzoJson.mapper().createObjectNode().put("n", "7");
        ScriptSource script = ScriptSource.of("pi.js", "// pi", Map.of("tasks/t.js", "module.exports = 1;"));
        Hosted submitted = before.submit(script, params, Hosted.Origin.SUBMITTED, Optional.of("alice"))
                .get(10, TimeUnit.SECONDS);
        String frameworkId = awaitValue("the framework id", () -> before.get(submitted.id()).flatMap(Hosted::frameworkId));
        await("the framework id in the store", () -> stored(submitted.id()).frameworkId().isPresent());

        before.suspend();
        await("the suspended script to stop", () -> host.started.get(0).outcome.isDone());

        // Not torn down: the master still has the framework, and the store still says RUNNING.
        assertThat(frameworks()).extracting(f -> f.id().value()).containsExactly(frameworkId);
        assertThat(stored(submitted.id()).state()).isEqualTo(Hosted.State.RUNNING);

        List<Hosted> resumed = after.resume().get(10, TimeUnit.SECONDS);

        assertThat(resumed).singleElement().satisfies(h -> assertThat(h.id()).isEqualTo(submitted.id()));
        assertThat(host.started).hasSize(2);
        Started again = host.started.get(1);
        assertThat(subscribedWith.get(0).has("id")).isFalse();
        assertThat(subscribedWith.get(1).path("id").path("value").asText()).isEqualTo(frameworkId);
        assertThat(again.params.path("n").asText()).isEqualTo("7");
        assertThat(again.script.read("tasks/t.js")).contains("module.exports = 1;");
        await("the resumed script to be subscribed", () -> frameworkId.equals(again.subscribedAs));
        assertThat(after.get(submitted.id())).hasValueSatisfying(h -> {
            assertThat(h.state()).isEqualTo(Hosted.State.RUNNING);
            assertThat(h.frameworkId()).contains(frameworkId);
        });
        assertThat(frameworks()).extracting(f -> f.id().value()).containsExactly(frameworkId);
        // It goes on: calls from the resumed script reach the master as that framework.
        again.connection.send(MezzoJson.mapper().createObjectNode().put("type", "REVIVE")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void scriptsThatEndedAreListedButNotRestartedAndANewIdDoesNotCollide() throws Exception {
        Hosted done = before.submit(ScriptSource.of("done.js", "// done", Map.of()),
                MezzoJson.mapper().createObjectNode(), Hosted.Origin.SUBMITTED).get(10, TimeUnit.SECONDS);
        awaitValue("subscribed", () -> before.get(done.id()).flatMap(Hosted::frameworkId));
        before.stop(done.id(), "operator");
        await("the stop to be stored", () -> stored(done.id()).state().ended());
        await("the framework to be torn down", () -> frameworksQuietly().isEmpty());
        before.suspend();

        assertThat(after.resume().get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(host.started).hasSize(1);
        assertThat(after.get(done.id())).hasValueSatisfying(h -> assertThat(h.state().ended()).isTrue());

        Hosted next = after.submit(ScriptSource.of("next.js", "// next", Map.of()),
                MezzoJson.mapper().createObjectNode(), Hosted.Origin.SUBMITTED).get(10, TimeUnit.SECONDS);
        assertThat(next.id()).isNotEqualTo(done.id());
    }

    @Test
    void aDeployedScriptResumesOnlyWhenTheScanStartsItsFile() throws Exception {
        ScriptSource file = ScriptSource.of("deployed.js", "// deployed", Map.of());
        Hosted first = before.submitDeployed(file, MezzoJson.mapper().createObjectNode()).get(10, TimeUnit.SECONDS);
        String frameworkId = awaitValue("subscribed", () -> before.get(first.id()).flatMap(Hosted::frameworkId));
        await("stored", () -> stored(first.id()).frameworkId().isPresent());
        before.suspend();

        assertThat(after.resume().get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(host.started).hasSize(1); // the scan, not resume(), starts deploy-directory files

        Hosted again = after.submitDeployed(file, MezzoJson.mapper().createObjectNode()).get(10, TimeUnit.SECONDS);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(subscribedWith.get(1).path("id").path("value").asText()).isEqualTo(frameworkId);
        await("the resumed script to be subscribed", () -> frameworkId.equals(host.started.get(1).subscribedAs));
    }

    private StoredHosted stored(String id) {
        return new HazelcastHostedStore(hazelcast).load().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not stored"));
    }

    private List<MasterSnapshot.FrameworkView> frameworks() throws Exception {
        return master.master.snapshot().get(10, TimeUnit.SECONDS).frameworks();
    }

    private List<MasterSnapshot.FrameworkView> frameworksQuietly() {
        try {
            return frameworks();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static <T> T awaitValue(String what, java.util.function.Supplier<Optional<T>> value) throws InterruptedException {
        await(what, () -> value.get().isPresent());
        return value.get().orElseThrow();
    }

    /** One started script: what it subscribed with, and how it is doing. */
    static final class Started implements RunningFramework {
        final ScriptSource script;
        final ObjectNode params;
        final ObjectNode info;
        final SchedulerConnection connection;
        final CompletableFuture<FrameworkOutcome> outcome = new CompletableFuture<>();
        final List<String> teardowns;
        volatile String subscribedAs;

        Started(ScriptSource script, ObjectNode params, ObjectNode info, SchedulerConnection connection,
                List<String> teardowns) {
            this.script = script;
            this.params = params;
            this.info = info;
            this.connection = connection;
            this.teardowns = teardowns;
        }

        @Override
        public String scriptName() {
            return script.name();
        }

        @Override
        public String name() {
            return script.name();
        }

        @Override
        public Optional<String> frameworkId() {
            return Optional.ofNullable(subscribedAs);
        }

        @Override
        public CompletableFuture<FrameworkOutcome> outcome() {
            return outcome;
        }

        /** As the JS host does: TEARDOWN through the connection, then close it. */
        @Override
        public void stop(String reason) {
            if (outcome.isDone()) {
                return;
            }
            connection.send(MezzoJson.mapper().createObjectNode().put("type", "TEARDOWN"))
                    .handle((ok, failure) -> {
                        if (failure == null) {
                            teardowns.add(script.name());
                        }
                        connection.close();
                        outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.STOPPED, null, reason));
                        return null;
                    });
        }
    }

    /** Scripts that subscribe (with a long failover timeout, as a hosted framework should) and wait. */
    static final class SubscribingHost implements ScriptHost {
        final List<Started> started = new CopyOnWriteArrayList<>();
        final List<String> teardowns = new CopyOnWriteArrayList<>();

        @Override
        public void check(ScriptSource script, ObjectNode params) {
        }

        @Override
        public RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection) {
            ObjectNode info = MezzoJson.mapper().createObjectNode().put("user", "u").put("name", script.name())
                    .put("failover_timeout", 3600.0);
            Started s = new Started(script, params, info, connection, teardowns);
            started.add(s);
            connection.start(info, new SchedulerConnection.Listener() {
                @Override
                public void onEvent(JsonNode event) {
                    if (event.path("type").asText().equals("SUBSCRIBED")) {
                        s.subscribedAs = event.path("subscribed").path("framework_id").path("value").asText();
                    }
                }

                @Override
                public void onClosed(String reason) {
                    s.outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.FAILED, null, reason));
                }
            });
            return s;
        }
    }
}
