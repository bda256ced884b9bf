package io.mezzo.internal.cluster;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.runtime.MasterClustering;
import io.mezzo.internal.runtime.MasterParts;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three masters in this JVM, each with its own Hazelcast member and HTTP server on
 * 127.0.0.1: one leads (the oldest), the others redirect, and a failure of the leader hands
 * the lead and the replicated state to another with a higher epoch.
 */
class MasterClusterTest {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final FakeTime time = new FakeTime();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> masters = new ArrayList<>();
    private final List<String> members = new ArrayList<>();
    private final List<MasterService> services = new ArrayList<>();
    private String clusterName;

    @BeforeEach
    void ports() throws Exception {
        clusterName = "mezzo-ha-test-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
        // Six different ports: a port just closed may be handed out again by the next freePort().
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < 6) {
            ports.add(freePort());
        }
        List<Integer> six = List.copyOf(ports);
        for (int i = 0; i < 3; i++) {
            masters.add("127.0.0.1:" + six.get(2 * i));
            members.add("127.0.0.1:" + six.get(2 * i + 1));
        }
    }

    @AfterEach
    void stop() {
        services.forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                // already stopped by the test
            }
        });
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private MasterService startMaster(int i) {
        int port = Integer.parseInt(masters.get(i).substring(masters.get(i).lastIndexOf(':') + 1));
        int clusterPort = Integer.parseInt(members.get(i).substring(members.get(i).lastIndexOf(':') + 1));
        Plugin<Allocator> drf = new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
        MasterParts parts = new MasterParts(vertx, time, AllocatorSource.fixed(drf), new PluginGuard(),
                AuthorizerSource.none(), AuthenticatorSource.fixed(Optional.empty()), Optional.empty());
        MasterService service = MasterService.start(parts, MasterConfig.defaults("127.0.0.1", "127.0.0.1", port),
                new MasterClustering(clusterName, Optional.of(clusterPort), masters, Optional.empty(), members, false,
                        Optional.empty(), false), Map.of("cluster", "test"), Optional.empty(), MasterSecurity.NONE);
        services.add(service);
        return service;
    }

    /** A master on its own, mirroring replicated state to {@code mirror}. */
    private MasterService startAlone(java.nio.file.Path mirror) throws Exception {
        Plugin<Allocator> drf = new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
        MasterParts parts = new MasterParts(vertx, time, AllocatorSource.fixed(drf), new PluginGuard(),
                AuthorizerSource.none(), AuthenticatorSource.fixed(Optional.empty()), Optional.empty());
        MasterService service = MasterService.start(parts, MasterConfig.defaults("127.0.0.1", "127.0.0.1", 0),
                new MasterClustering(clusterName, Optional.of(freePort()), List.of(), Optional.empty(), List.of(), false,
                        Optional.of(mirror), false), Map.of("cluster", "test"), Optional.empty(), MasterSecurity.NONE);
        services.add(service);
        return service;
    }

    @Test
    void aRestartedLoneMasterRecoversFromItsDiskMirrorWithAHigherEpoch(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path work) throws Exception {
        MasterService first = startAlone(work.resolve("replicated"));
        long epoch = first.master().epoch();
        SimulatedAgent agent = new SimulatedAgent(first.url());
        agent.register("sim-1", Resources.parse("cpus:1;mem:256"));
        SchedulerClient scheduler = new SchedulerClient(first.url());
        scheduler.subscribe(frameworkInfo("durable").put("failover_timeout", 600.0));
        String frameworkId = scheduler.frameworkId();
        scheduler.close();
        agent.close();
        first.close();

        MasterService second = startAlone(work.resolve("replicated"));
        assertThat(second.master().epoch()).isGreaterThan(epoch);
        MasterSnapshot recovered = second.master().snapshot().join();
        assertThat(recovered.agents()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(agent.agentId()));
        assertThat(recovered.frameworks()).singleElement().satisfies(f -> {
            assertThat(f.id().value()).isEqualTo(frameworkId);
            assertThat(f.info().failoverTimeout()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    private List<MasterService> startThree() {
        List<MasterService> three = List.of(startMaster(0), startMaster(1), startMaster(2));
        await("the first master leads and every master knows it", () -> three.get(0).leading().isPresent()
                && three.stream().allMatch(s -> s.cluster().leader().map(l -> l.address().equals(masters.get(0)))
                        .orElse(false) && s.cluster().members().size() == 3));
        return three;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(20); // polling a condition with a deadline, not synchronizing on time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private HttpResponse<String> get(String address, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String address, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void threeMastersElectTheOldestAndStandbysRedirectToIt() throws Exception {
        List<MasterService> three = startThree();
        assertThat(three.stream().filter(s -> s.leading().isPresent())).hasSize(1);
        long epoch = three.get(0).master().epoch();
        assertThat(epoch).isPositive();

        for (int i = 1; i < 3; i++) {
            HttpResponse<String> call = post(masters.get(i), "/api/v1/scheduler", "{\"type\":\"SUBSCRIBE\"}");
            assertThat(call.statusCode()).isEqualTo(307);
            assertThat(call.headers().firstValue("Location")).hasValue("//" + masters.get(0) + "/api/v1/scheduler");
            HttpResponse<String> state = get(masters.get(i), "/master/state?jsonp=x");
            assertThat(state.headers().firstValue("Location")).hasValue("//" + masters.get(0) + "/master/state?jsonp=x");
            HttpResponse<String> redirect = get(masters.get(i), "/redirect");
            assertThat(redirect.statusCode()).isEqualTo(307);
            assertThat(redirect.headers().firstValue("Location")).hasValue("//" + masters.get(0));
            assertThat(redirect.headers().firstValue("Mezzo-Epoch")).hasValue(Long.toString(epoch));
            assertThat(get(masters.get(i), "/health").statusCode()).isEqualTo(200);
        }
        assertThat(get(masters.get(0), "/master/redirect").headers().firstValue("Location"))
                .hasValue("//" + masters.get(0));
        assertThat(get(masters.get(0), "/state").statusCode()).isEqualTo(200);
    }

    @Test
    void everyMasterDescribesItselfAtMezzoCluster() throws Exception {
        List<MasterService> three = startThree();
        long epoch = three.get(0).master().epoch();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get(masters.get(i), "/mezzo/cluster");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode json = SchedulerClient.JSON.readTree(response.body());
            assertThat(json.path("self").path("address").asText()).isEqualTo(masters.get(i));
            assertThat(json.path("self").path("role").asText()).isEqualTo(i == 0 ? "leader" : "standby");
            assertThat(json.path("leader").path("address").asText()).isEqualTo(masters.get(0));
            assertThat(json.path("leader").path("epoch").asLong()).isEqualTo(epoch);
            assertThat(json.path("quorum").asInt()).isEqualTo(2);
            assertThat(json.path("masters")).hasSize(3);
            assertThat(json.path("members")).hasSize(3);
        }
        // The backups are checked every second on the master's clock.
        for (int i = 0; i < 3; i++) {
            String address = masters.get(i);
            await("master " + address + " to report its replicas in sync", () -> {
                time.advance(Duration.ofSeconds(1));
                try {
                    return SchedulerClient.JSON.readTree(get(address, "/mezzo/cluster").body())
                            .path("replicas_in_sync").asBoolean(false);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    /** Posts {@code body} without waiting for the answer. */
    private CompletableFuture<HttpResponse<String>> postAsync(String address, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Advances the clock by the hold limit until {@code call} is answered: a held request is
     * answered when the limit passes on the master's clock (the call may not be held yet when
     * the clock first moves, hence the bounded repetition).
     */
    private HttpResponse<String> answeredAfterTheHoldLimit(CompletableFuture<HttpResponse<String>> call) {
        await("the held call to be answered", () -> {
            if (!call.isDone()) {
                time.advance(Duration.ofSeconds(3));
            }
            return call.isDone();
        });
        return call.join();
    }

    @Test
    void withoutAQuorumNoMasterLeadsAndCallsGet503() throws Exception {
        MasterService first = startMaster(0);
        // Alone, it sees 1 of 3 masters: fewer than the quorum of 2.
        await("the first member has decided", () -> first.cluster().members().size() == 1);
        assertThat(first.leading()).isEmpty();
        // Held for a while in case a leader is elected meanwhile, then refused as Mesos does.
        CompletableFuture<HttpResponse<String>> held = postAsync(masters.get(0), "{\"type\":\"SUBSCRIBE\"}", Map.of());
        HttpResponse<String> call = answeredAfterTheHoldLimit(held);
        assertThat(call.statusCode()).isEqualTo(503);
        assertThat(call.body()).isEqualTo("No leader elected");
        assertThat(get(masters.get(0), "/redirect").statusCode()).isEqualTo(503);
        assertThat(SchedulerClient.JSON.readTree(get(masters.get(0), "/mezzo/cluster").body()).path("leader").isNull())
                .isTrue();
    }

    @Test
    void aCallerThatLostTheLeaderIsHeldByAStandbyUntilTheNextLeaderIsKnown() throws Exception {
        List<MasterService> three = startThree();
        // The scheduler lost master 0 (its stream broke) and asks master 2, which still names master 0;
        // so do many more callers, more than the standby looks at again in one batch.
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            held.add(postAsync(masters.get(2), "{\"type\":\"SUBSCRIBE\"}", Map.of(LeaderHeaders.LOST_LEADER,
                    masters.get(0))));
        }
        three.get(0).close();
        // Answered when master 2 learns the next leader, not when the hold limit passes: the clock stands still.
        for (CompletableFuture<HttpResponse<String>> each : held) {
            HttpResponse<String> call = each.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(call.statusCode()).isEqualTo(307);
            assertThat(call.headers().firstValue("Location")).hasValue("//" + masters.get(1) + "/api/v1/scheduler");
            assertThat(call.headers().firstValue("Mezzo-Epoch").map(Long::parseLong).orElseThrow())
                    .isGreaterThan(0);
        }
        // Followed at once, the call reaches the new leader, which subscribes the framework.
        HttpResponse<java.io.InputStream> subscribed = http.send(HttpRequest.newBuilder(URI.create("http://" + masters.get(1)
                        + "/api/v1/scheduler")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
                        + frameworkInfo("held") + "}}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(subscribed.statusCode()).isEqualTo(200);
        subscribed.body().close();
    }

    @Test
    void aHeldCallIsAnsweredAsBeforeWhenNothingChangesWithinTheLimit() throws Exception {
        startThree();
        // The caller says it lost master 0, which still leads (a glitch on the caller's side).
        CompletableFuture<HttpResponse<String>> held = postAsync(masters.get(1), "{\"type\":\"SUBSCRIBE\"}",
                Map.of(LeaderHeaders.LOST_LEADER, masters.get(0)));
        HttpResponse<String> call = answeredAfterTheHoldLimit(held);
        assertThat(call.statusCode()).isEqualTo(307);
        assertThat(call.headers().firstValue("Location")).hasValue("//" + masters.get(0) + "/api/v1/scheduler");
        // Without the header nothing is held.
        assertThat(post(masters.get(1), "/api/v1/scheduler", "{\"type\":\"SUBSCRIBE\"}").statusCode()).isEqualTo(307);
    }

    @Test
    void aLeaderThatLosesItsQuorumStepsDown() throws Exception {
        List<MasterService> three = startThree();
        Master leader = three.get(0).master();
        three.get(1).close();
        three.get(2).close();
        await("the leader in a minority steps down", () -> three.get(0).leading().isEmpty());
        await("its master is closed", () -> leader.snapshot().isCompletedExceptionally());
        assertThat(get(masters.get(0), "/redirect").statusCode()).isEqualTo(503);
    }

    @Test
    void aNewerEpochInTheMapDeposesTheLeaderAtOnce() throws Exception {
        List<MasterService> three = startThree();
        Master leader = three.get(0).master();
        long newer = leader.epoch() + 10;
        three.get(1).hazelcast().<String, String>getMap(Leadership.MAP).put(Leadership.EPOCH_KEY, Long.toString(newer));
        // The old term ends; still the oldest with a quorum, the master leads again, above the newer epoch.
        await("a new term", () -> three.get(0).leading().map(m -> m != leader).orElse(false));
        assertThat(leader.snapshot()).failsWithin(Duration.ofSeconds(10));
        assertThat(three.get(0).master().epoch()).isGreaterThan(newer);
    }

    @Test
    void whenTheLeaderGoesTheNextOldestLeadsWithAHigherEpochAndTheReplicatedState() throws Exception {
        List<MasterService> three = startThree();
        Master leader = three.get(0).master();
        long epoch = leader.epoch();
        Resources resources = Resources.parse("cpus:4;mem:4096");
        String url = "http://" + masters.get(0);
        SimulatedAgent agent = new SimulatedAgent(url);
        agent.register("sim-1", resources);
        SchedulerClient scheduler = new SchedulerClient(url);
        scheduler.subscribe(frameworkInfo("fw").put("failover_timeout", 3600.0));
        String frameworkId = scheduler.frameworkId();
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("t1", "sleep 300", 1, 128)), 0));
        AgentEvent.LaunchTask launch = agent.next(AgentEvent.LaunchTask.class);
        agent.update(launch.frameworkId(), launch.task().taskId(), TaskState.TASK_RUNNING, "running");
        scheduler.awaitState("t1", "TASK_RUNNING");
        assertThat(leader.updateWeights(Map.of("ads", 2.0)).join()).isEmpty();
        assertThat(leader.updateQuota(Map.of("ads", new Quota(Resources.parse("cpus:1"), Resources.parse("cpus:2"))),
                true).join()).isEmpty();

        three.get(0).close();
        agent.close();
        scheduler.close();
        await("the second master leads", () -> three.get(1).leading().isPresent());
        Master next = three.get(1).master();
        assertThat(next.epoch()).isGreaterThan(epoch);
        assertThat(three.get(2).cluster().leader().map(Leadership.Leader::address)).hasValue(masters.get(1));
        MasterSnapshot recovered = next.snapshot().join();
        assertThat(recovered.agents()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(agent.agentId()));
        assertThat(recovered.frameworks()).singleElement().satisfies(f -> {
            assertThat(f.id().value()).isEqualTo(frameworkId);
            assertThat(f.info().failoverTimeout()).isEqualTo(Duration.ofHours(1));
            assertThat(f.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING));
        });
        assertThat(recovered.weights()).containsEntry("ads", 2.0);
        assertThat(recovered.quotas()).containsKey("ads");

        // The agent comes back to the new leader and learns its epoch.
        SimulatedAgent back = new SimulatedAgent("http://" + masters.get(1));
        back.register(new io.mezzo.internal.protocol.AgentCall.Register(Optional.of(agent.agentId()),
                new io.mezzo.internal.model.AgentInfo("sim-1", 5051, resources, List.of()), List.of(launch.framework()),
                List.of(new io.mezzo.internal.protocol.ReportedTask(launch.frameworkId(), launch.task(),
                        recovered.frameworks().get(0).tasks().get(0).latest().orElseThrow())), "test"));
        back.close();
    }
}
