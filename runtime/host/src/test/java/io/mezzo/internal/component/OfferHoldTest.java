package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.Resources;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.testkit.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a failover the allocator offers nothing until most recovered agents are back
 * ({@code --allocator-recovery-factor}), or until the agents' re-register timeout passed.
 */
class OfferHoldTest {
    private static final Resources RESOURCES = Resources.parse("cpus:2;mem:1024");
    private static final Duration REREGISTER = Duration.ofMinutes(10);

    @TempDir
    Path work;

    @Test
    void offersWaitUntilTheRecoveryFactorOfAgentsReregistered() throws Exception {
        try (TestCluster cluster = TestCluster.start(work, c -> c.withRecovery(REREGISTER, 0.6))) {
            List<SimulatedAgent> agents = recoveredAgents(cluster, 3);
            // 1 of 3 back: below 0.6
            reregister(cluster, agents.get(0), "a0");
            assertThat(cluster.master().holdingOffers().join()).isTrue();
            // 2 of 3 back: 0.67 >= 0.6
            reregister(cluster, agents.get(1), "a1");
            assertThat(cluster.master().holdingOffers().join()).isFalse();
            try (SchedulerClient scheduler = new SchedulerClient(cluster.url())) {
                scheduler.subscribe(frameworkInfo("after"));
                assertThat(scheduler.next("OFFERS").path("offers").path("offers")).isNotEmpty();
            }
        }
    }

    @Test
    void theReregisterTimeoutEndsTheHoldWhateverCameBack() throws Exception {
        try (TestCluster cluster = TestCluster.start(work, c -> c.withRecovery(REREGISTER, 1.0))) {
            List<SimulatedAgent> agents = recoveredAgents(cluster, 2);
            reregister(cluster, agents.get(0), "a0");
            assertThat(cluster.master().holdingOffers().join()).isTrue();
            cluster.advance(REREGISTER.minusSeconds(1));
            assertThat(cluster.master().holdingOffers().join()).isTrue();
            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.master().holdingOffers().join()).isFalse();
        }
    }

    @Test
    void aMasterThatRecoveredNoAgentOffersAtOnce() throws Exception {
        try (TestCluster cluster = TestCluster.start(work, c -> c.withRecovery(REREGISTER, 1.0))) {
            assertThat(cluster.master().holdingOffers().join()).isFalse();
        }
    }

    /** {@code n} agents registered with a master that then stops; a new master recovers them. */
    private static List<SimulatedAgent> recoveredAgents(TestCluster cluster, int n) throws Exception {
        List<SimulatedAgent> agents = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimulatedAgent agent = new SimulatedAgent(cluster.url());
            agent.register("a" + i, RESOURCES);
            agents.add(agent);
        }
        cluster.settle();
        cluster.stopMaster();
        agents.forEach(SimulatedAgent::close);
        cluster.startMaster();
        assertThat(cluster.snapshot().agents()).hasSize(n);
        return agents;
    }

    private static void reregister(TestCluster cluster, SimulatedAgent old, String hostname) throws Exception {
        SimulatedAgent back = new SimulatedAgent(cluster.url());
        back.register(new AgentCall.Register(Optional.of(old.agentId()), new AgentInfo(hostname, 5051, RESOURCES,
                List.of()), List.of(), List.of(), "test"));
        cluster.await("agent " + hostname + " is back", s -> s.agents().stream()
                .anyMatch(a -> a.id().equals(old.agentId()) && a.connected()));
    }
}
