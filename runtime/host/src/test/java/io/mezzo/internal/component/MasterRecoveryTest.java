package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import io.mezzo.api.Resources;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterStore;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.ReportedTask;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.testkit.TestCluster;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents, frameworks and tasks live in Hazelcast maps: a new master on the same member finds
 * them, waits for the agent and the framework to come back, and loses no task.
 */
class MasterRecoveryTest {
    static HazelcastInstance hazelcast;

    @TempDir
    Path work;

    @BeforeAll
    static void member() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        hazelcast = HazelcastMember.start("mezzo-test-" + port, "127.0.0.1", port, List.of());
    }

    @AfterAll
    static void shutdown() {
        hazelcast.shutdown();
    }

    @Test
    void newMasterRecoversAgentsFrameworksAndTasksFromTheMaps() throws Exception {
        Resources resources = Resources.parse("cpus:4;mem:4096");
        TestCluster cluster = TestCluster.startStrict(work, new HazelcastMasterStore(hazelcast, "mezzo-recovery"));
        try (SimulatedAgent agent = new SimulatedAgent(cluster.url());
             SchedulerClient scheduler = new SchedulerClient(cluster.url())) {
            agent.register("sim-1", resources);
            scheduler.subscribe(frameworkInfo("fw").put("failover_timeout", 3600.0));
            String frameworkId = scheduler.frameworkId();
            JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
            assertAccepted(scheduler.launch(offer, List.of(commandTask("t1", "sleep 300", 1, 128)), 0));
            AgentEvent.LaunchTask launch = agent.next(AgentEvent.LaunchTask.class);
            agent.update(launch.frameworkId(), launch.task().taskId(), TaskState.TASK_RUNNING, "running");
            scheduler.awaitState("t1", "TASK_RUNNING");
            cluster.settle();

            cluster.stopMaster();
            cluster.startMaster();
            MasterSnapshot recovered = cluster.snapshot();
            assertThat(recovered.agents()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(agent.agentId());
                assertThat(a.connected()).isFalse();
            });
            assertThat(recovered.frameworks()).singleElement().satisfies(f -> {
                assertThat(f.id().value()).isEqualTo(frameworkId);
                assertThat(f.state()).isEqualTo("RECOVERED");
                assertThat(f.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING));
            });

            SimulatedAgent back = new SimulatedAgent(cluster.url());
            back.register(new io.mezzo.internal.protocol.AgentCall.Register(java.util.Optional.of(agent.agentId()),
                    new AgentInfo("sim-1", 5051, resources, List.of()), List.of(launch.framework()),
                    List.of(new ReportedTask(launch.frameworkId(), launch.task(),
                            cluster.snapshot().frameworks().get(0).tasks().get(0).latest().orElseThrow())), "test"));
            SchedulerClient again = new SchedulerClient(cluster.url());
            ObjectNode info = frameworkInfo("fw").put("failover_timeout", 3600.0);
            info.putObject("id").put("value", frameworkId);
            assertThat(again.subscribe(info).path("type").asText()).isEqualTo("SUBSCRIBED");
            MasterSnapshot after = cluster.await("framework and agent back",
                    s -> s.agents().get(0).connected() && s.frameworks().get(0).connected());
            assertThat(after.frameworks().get(0).tasks()).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING));
            again.close();
            back.close();
        } finally {
            cluster.close();
        }
    }

    /** Counts agent writes, passing everything on. */
    private static final class CountingStore implements MasterStore {
        private final MasterStore store;
        final java.util.concurrent.atomic.AtomicInteger agentWrites = new java.util.concurrent.atomic.AtomicInteger();

        CountingStore(MasterStore store) {
            this.store = store;
        }

        @Override
        public void putAgent(StoredAgent agent) {
            agentWrites.incrementAndGet();
            store.putAgent(agent);
        }

        @Override
        public void removeAgent(io.mezzo.api.AgentId id) {
            store.removeAgent(id);
        }

        @Override
        public void putFramework(StoredFramework framework) {
            store.putFramework(framework);
        }

        @Override
        public void removeFramework(io.mezzo.api.FrameworkId id) {
            store.removeFramework(id);
        }

        @Override
        public void putTask(io.mezzo.internal.master.Task task) {
            store.putTask(task);
        }

        @Override
        public void removeTask(io.mezzo.api.FrameworkId frameworkId, io.mezzo.api.TaskId taskId) {
            store.removeTask(frameworkId, taskId);
        }

        @Override
        public void putWeights(java.util.Map<String, Double> weights) {
            store.putWeights(weights);
        }

        @Override
        public void putQuotas(java.util.Map<String, io.mezzo.api.Quota> quotas) {
            store.putQuotas(quotas);
        }

        @Override
        public Contents load() {
            return store.load();
        }
    }

    @Test
    void anAgentBackUnchangedAfterAFailoverIsNotWrittenAgainButAChangedOneIs() throws Exception {
        Resources resources = Resources.parse("cpus:4;mem:4096");
        Resources grown = Resources.parse("cpus:8;mem:4096");
        CountingStore store = new CountingStore(new HazelcastMasterStore(hazelcast, "mezzo-rewrite"));
        TestCluster cluster = TestCluster.startStrict(work, store);
        try (SimulatedAgent one = new SimulatedAgent(cluster.url()); SimulatedAgent two = new SimulatedAgent(cluster.url())) {
            one.register("sim-1", resources);
            two.register("sim-2", resources);
            assertThat(store.agentWrites.get()).isEqualTo(2);
            cluster.settle();
            cluster.stopMaster();
            cluster.startMaster();

            try (SimulatedAgent oneBack = new SimulatedAgent(cluster.url());
                 SimulatedAgent twoBack = new SimulatedAgent(cluster.url())) {
                oneBack.register(new io.mezzo.internal.protocol.AgentCall.Register(java.util.Optional.of(one.agentId()),
                        new AgentInfo("sim-1", 5051, resources, List.of()), List.of(), List.of(), "test"));
                twoBack.register(new io.mezzo.internal.protocol.AgentCall.Register(java.util.Optional.of(two.agentId()),
                        new AgentInfo("sim-2", 5051, grown, List.of()), List.of(), List.of(), "test"));
                cluster.await("both agents back", s -> s.agents().stream().allMatch(MasterSnapshot.AgentView::connected));
                // The unchanged one is in the store as it is; only the one with new resources is written.
                assertThat(store.agentWrites.get()).isEqualTo(3);
                assertThat(new HazelcastMasterStore(hazelcast, "mezzo-rewrite").load().agents())
                        .extracting(a -> a.info().hostname() + "=" + a.info().resources())
                        .containsExactlyInAnyOrder("sim-1=" + resources, "sim-2=" + grown);

                // Back once more in the same term (no longer just recovered): written as always.
                twoBack.close();
                cluster.await("sim-2 gone", s -> s.agents().stream().filter(a -> !a.connected()).count() == 1);
                try (SimulatedAgent again = new SimulatedAgent(cluster.url())) {
                    again.register(new io.mezzo.internal.protocol.AgentCall.Register(java.util.Optional.of(two.agentId()),
                            new AgentInfo("sim-2", 5051, grown, List.of()), List.of(), List.of(), "test"));
                    assertThat(store.agentWrites.get()).isEqualTo(4);
                }
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    void aMasterThatStopsLeavesFrameworksWithoutAFailoverTimeoutToTheNextMaster() throws Exception {
        TestCluster cluster = TestCluster.startStrict(work, new HazelcastMasterStore(hazelcast, "mezzo-stop"));
        try (SchedulerClient scheduler = new SchedulerClient(cluster.url())) {
            scheduler.subscribe(frameworkInfo("no-failover"));
            String frameworkId = scheduler.frameworkId();
            cluster.settle();

            // Its stream breaks because the master stops, not because the framework went away.
            cluster.stopMaster();
            cluster.startMaster();

            assertThat(cluster.snapshot().frameworks()).singleElement().satisfies(f -> {
                assertThat(f.id().value()).isEqualTo(frameworkId);
                assertThat(f.state()).isEqualTo("RECOVERED");
            });

            // It has as long as agents have to come back; then, still away, it is removed.
            Duration grace = MasterConfig.defaults("127.0.0.1", "127.0.0.1", 0).agentReregisterTimeout();
            cluster.advance(grace.minusSeconds(1));
            assertThat(cluster.snapshot().frameworks()).hasSize(1);
            cluster.advance(Duration.ofSeconds(1));
            cluster.await("the framework that never came back is removed", s -> s.frameworks().isEmpty());
        } finally {
            cluster.close();
        }
    }
}
