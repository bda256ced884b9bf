package io.mezzo.dist.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Three masters, three agents and a framework with a hundred long tasks; the leader is killed
 * with {@code kill -9}. Nothing the framework runs may notice beyond a re-subscription.
 */
class LeaderCrashIT {
    private static final int TASKS = 100;

    @Test
    void killedLeaderIsReplacedAndEveryTaskKeepsRunningUnderTheSameFramework(TestInfo test) throws Exception {
        Path dir = HaTests.dir(test);
        try (HaCluster cluster = HaCluster.of(HaTests.home(), dir, 3, List.of());
             FailoverFramework framework = new FailoverFramework("crash", Integer.MAX_VALUE)) {
            HaTests.attachOnFailure(cluster, framework, () -> {
                MasterNode leader = cluster.startMasters();
                cluster.startAgents(3);
                cluster.awaitActiveAgents(leader, 3, HaCluster.REREGISTER);
                framework.subscribe(cluster.masterUrls());
                List<String> tasks = framework.launch("long", TASKS);
                framework.awaitRunning(tasks, Duration.ofSeconds(90));
                long oldEpoch = leader.cluster().orElseThrow().epoch();

                leader.process().kill();

                MasterNode next = cluster.awaitLeader(HaCluster.FAILOVER, m -> m != leader);
                assertThat(next.cluster().orElseThrow().epoch()).as("the new leader's epoch").isGreaterThan(oldEpoch);
                cluster.awaitActiveAgents(next, 3, HaCluster.REREGISTER);
                Map<String, String> known = Waits.until("the new leader knows all " + TASKS + " tasks as RUNNING",
                        HaCluster.REREGISTER, () -> HaCluster.taskStates(next.state(), framework.id()),
                        s -> s.size() == TASKS && s.values().stream().allMatch("TASK_RUNNING"::equals));
                assertThat(known.keySet()).containsExactlyInAnyOrderElementsOf(tasks);

                Waits.until("the framework re-subscribed", HaCluster.REREGISTER, framework::subscriptions,
                        s -> s.size() >= 2);
                assertThat(framework.subscriptions()).as("framework ids of every SUBSCRIBED").containsOnly(framework.id());
                List<String> more = framework.launch("after", 3);
                framework.awaitRunning(more, Duration.ofSeconds(60));

                List<String> all = new ArrayList<>(tasks);
                all.addAll(more);
                assertThat(framework.updatesWhere(FailoverFramework.TERMINAL::contains))
                        .as("tasks that got a terminal update").isEmpty();
                JsonNode after = next.state();
                assertThat(HaCluster.taskStates(after, framework.id())).as("tasks the new leader knows")
                        .containsOnlyKeys(all).allSatisfy((id, s) -> assertThat(s).isEqualTo("TASK_RUNNING"));
                assertThat(after.path("frameworks").size()).as("frameworks the new leader knows").isEqualTo(1);
                assertThat(cluster.runningSleeps()).as("task processes on the agents").isEqualTo(all.size());
            });
        }
    }
}
