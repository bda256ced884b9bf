package io.mezzo.dist.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.Waits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A hung leader ({@code SIGSTOP}): its peers see its sockets open and silent, so only Hazelcast's
 * heartbeat timeout tells them. When it runs again ({@code SIGCONT}) it believes it still leads
 * until it notices otherwise; whatever it does meanwhile must not reach the agents (epoch).
 */
class LeaderFreezeIT {
    private static final int TASKS = 6;
    /** How long the thawed leader is watched for commands it must not issue: an absence has no event to wait for. */
    private static final Duration WATCH = Duration.ofSeconds(5);

    @Test
    void frozenLeaderIsReplacedAndOnThawStepsDownWithoutTouchingAnyTask(TestInfo test) throws Exception {
        Path dir = HaTests.dir(test);
        try (HaCluster cluster = HaCluster.of(HaTests.home(), dir, 3, List.of());
             FailoverFramework framework = new FailoverFramework("freeze", 2)) {
            HaTests.attachOnFailure(cluster, framework, () -> {
                MasterNode old = cluster.startMasters();
                cluster.startAgents(3);
                cluster.awaitActiveAgents(old, 3, HaCluster.REREGISTER);
                framework.subscribe(cluster.masterUrls());
                List<String> tasks = framework.launch("before", TASKS);
                framework.awaitRunning(tasks, Duration.ofSeconds(60));
                long oldEpoch = old.cluster().orElseThrow().epoch();

                old.process().freeze();

                MasterNode next = cluster.awaitLeader(HaCluster.FAILOVER, m -> m != old);
                long newEpoch = next.cluster().orElseThrow().epoch();
                assertThat(newEpoch).as("the new leader's epoch").isGreaterThan(oldEpoch);
                cluster.awaitActiveAgents(next, 3, HaCluster.REREGISTER);
                framework.resubscribe(leaderFirst(cluster, next));
                List<String> more = framework.launch("during", 1);
                framework.awaitRunning(more, Duration.ofSeconds(60));
                List<String> all = new ArrayList<>(tasks);
                all.addAll(more);

                old.process().thaw();

                Waits.until(old + " steps down", HaCluster.FAILOVER, () -> old.cluster(),
                        v -> v.isPresent() && !v.get().leading());
                long deadline = System.nanoTime() + WATCH.toNanos();
                while (System.nanoTime() < deadline) {
                    assertUntouched(cluster, next, framework, all);
                    Thread.sleep(250); // the observation window's pace, not synchronization
                }
                assertThat(old.cluster().orElseThrow().leading()).as(old + " leads again").isFalse();
                assertThat(next.cluster().orElseThrow()).as(next + " after the thaw")
                        .returns(true, ClusterView::leading).returns(newEpoch, ClusterView::epoch);
            });
        }
    }

    /** Every task RUNNING once at the leader and on its agent; all agents with the new leader. */
    private static void assertUntouched(HaCluster cluster, MasterNode leader, FailoverFramework framework,
                                        List<String> tasks) {
        assertThat(framework.updatesWhere(FailoverFramework.TERMINAL::contains))
                .as("tasks that got a terminal update").isEmpty();
        JsonNode state = leader.state();
        assertThat(HaCluster.activeAgents(state)).as("agents connected to the new leader").isEqualTo(3);
        Map<String, String> known = HaCluster.taskStates(state, framework.id());
        assertThat(known).as("tasks the new leader knows").containsOnlyKeys(tasks)
                .allSatisfy((id, s) -> assertThat(s).isEqualTo("TASK_RUNNING"));
        assertThat(cluster.runningSleeps()).as("task processes on the agents (none killed, none twice)")
                .isEqualTo(tasks.size());
    }

    /**
     * The masters with the new leader first and the frozen one left out, as a framework's leader
     * detector would hand them over: a SUBSCRIBE sent to a frozen master is never answered.
     */
    private static List<URI> leaderFirst(HaCluster cluster, MasterNode leader) {
        List<URI> out = new ArrayList<>(List.of(leader.url()));
        cluster.masters().stream().filter(m -> m != leader && m.serving()).forEach(m -> out.add(m.url()));
        return out;
    }
}
