package io.mezzo.dist.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every master goes down at once while the agents and their tasks stay up; with {@code --work-dir}
 * the masters that come back know the cluster from disk. Over the restart the framework is
 * disconnected and the agents are frozen (SIGSTOP; their tasks run on), so that what the restarted
 * leader knows at first can only have come from disk, not from a re-subscription or a
 * re-registration.
 */
class RestartFromDiskIT {
    private static final int TASKS = 9;

    @Test
    void allThreeMastersRestartedTogetherRecoverAgentsFrameworksAndTasksFromDisk(TestInfo test) throws Exception {
        Path dir = HaTests.dir(test);
        try (HaCluster cluster = HaCluster.of(HaTests.home(), dir, 3, List.of());
             FailoverFramework framework = new FailoverFramework("full-restart", 3)) {
            HaTests.attachOnFailure(cluster, framework, () -> {
                MasterNode leader = cluster.startMasters();
                cluster.startAgents(3);
                restartAndCheck(cluster, leader, framework, () -> {
                    List<CompletableFuture<Void>> stops = cluster.masters().stream()
                            .map(m -> CompletableFuture.runAsync(m::close)).toList();
                    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
                    return cluster.startMasters();
                });
            });
        }
    }

    @Test
    void singleMasterKilledAndRestartedKeepsItsFrameworkAndTasks(TestInfo test) throws Exception {
        Path dir = HaTests.dir(test);
        try (HaCluster cluster = HaCluster.of(HaTests.home(), dir, 1, List.of());
             FailoverFramework framework = new FailoverFramework("single-restart", 5)) {
            HaTests.attachOnFailure(cluster, framework, () -> {
                MasterNode master = cluster.startMasters();
                cluster.startAgents(2);
                restartAndCheck(cluster, master, framework, () -> {
                    master.process().kill();
                    return cluster.startMasters();
                });
            });
        }
    }

    private static void restartAndCheck(HaCluster cluster, MasterNode leader, FailoverFramework framework,
                                        Restart restart) throws Exception {
        int agents = cluster.agents().size();
        cluster.awaitActiveAgents(leader, agents, HaCluster.REREGISTER);
        framework.subscribe(cluster.masterUrls());
        String id = framework.id();
        List<String> tasks = framework.launch("durable", TASKS);
        framework.awaitRunning(tasks, Duration.ofSeconds(60));
        List<String> agentIds = agentIds(leader.state());
        framework.disconnect();
        for (MezzoProcess agent : cluster.agents()) {
            agent.freeze();
        }

        MasterNode back = restart.run();

        JsonNode state = back.state();
        assertThat(frameworkIds(state)).as("frameworks known before anyone reconnected").containsExactly(id);
        assertThat(agentIds(state)).as("agents known before any re-registered").containsExactlyInAnyOrderElementsOf(agentIds);
        assertThat(HaCluster.taskStates(state, id)).as("tasks known before any agent re-registered")
                .containsOnlyKeys(tasks).allSatisfy((task, s) -> assertThat(s).isEqualTo("TASK_RUNNING"));
        for (MezzoProcess agent : cluster.agents()) {
            agent.thaw();
        }
        cluster.awaitActiveAgents(back, agents, HaCluster.REREGISTER);
        Waits.until("the restarted leader knows all " + TASKS + " tasks as RUNNING", HaCluster.REREGISTER,
                () -> HaCluster.taskStates(back.state(), id),
                s -> s.keySet().containsAll(tasks) && s.values().stream().allMatch("TASK_RUNNING"::equals));

        framework.resubscribe(cluster.masterUrls());
        assertThat(framework.subscriptions()).as("framework ids of every SUBSCRIBED").containsOnly(id);
        List<String> more = framework.launch("after", 1);
        framework.awaitRunning(more, Duration.ofSeconds(60));
        List<String> all = new ArrayList<>(tasks);
        all.addAll(more);
        assertThat(framework.updatesWhere(FailoverFramework.TERMINAL::contains))
                .as("tasks that got a terminal update").isEmpty();
        assertThat(HaCluster.taskStates(back.state(), id)).containsOnlyKeys(all)
                .allSatisfy((task, s) -> assertThat(s).isEqualTo("TASK_RUNNING"));
        assertThat(cluster.runningSleeps()).as("task processes on the agents").isEqualTo(all.size());
    }

    private static List<String> frameworkIds(JsonNode state) {
        List<String> out = new ArrayList<>();
        state.path("frameworks").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    private static List<String> agentIds(JsonNode state) {
        List<String> out = new ArrayList<>();
        state.path("slaves").forEach(a -> out.add(a.path("id").asText()));
        return out;
    }

    /** Takes the masters down and brings them back; returns the leader. */
    private interface Restart {
        MasterNode run() throws Exception;
    }
}
