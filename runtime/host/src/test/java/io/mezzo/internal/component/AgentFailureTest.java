package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import io.mezzo.internal.master.InMemoryMasterStore;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.ReportedTask;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.testkit.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents that disconnect, go silent, or come back, simulated so every step is deterministic. */
class AgentFailureTest {
    static final Resources RESOURCES = Resources.parse("cpus:4;mem:4096");

    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;
    SimulatedAgent agent;

    @BeforeEach
    void start() throws Exception {
        cluster = TestCluster.startStrict(work, new InMemoryMasterStore());
        agent = new SimulatedAgent(cluster.url());
        agent.register("sim-1", RESOURCES);
        scheduler = new SchedulerClient(cluster.url());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        agent.close();
        cluster.close();
    }

    /** Launches a task on the simulated agent and has it report TASK_RUNNING. */
    private AgentEvent.LaunchTask runTask(String id) throws Exception {
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask(id, "sleep 300", 1, 128)), 0));
        AgentEvent.LaunchTask launch = agent.next(AgentEvent.LaunchTask.class);
        assertThat(agent.update(launch.frameworkId(), launch.task().taskId(), TaskState.TASK_RUNNING, "running"))
                .isEqualTo(202);
        scheduler.awaitState(id, "TASK_RUNNING");
        return launch;
    }

    @Test
    void silentAgentIsRemovedAndItsTasksAreLost() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        runTask("t1");
        agent.die();
        cluster.await("agent disconnected", s -> !s.agents().get(0).connected());
        assertThat(cluster.snapshot().offers()).as("offers of a disconnected agent are rescinded").isEmpty();

        cluster.advance(Duration.ofSeconds(60));
        assertThat(cluster.snapshot().agents()).as("still within 5 x 15 s").hasSize(1);
        cluster.advance(Duration.ofSeconds(16));

        JsonNode lost = scheduler.nextUpdate("t1");
        assertThat(lost.path("state").asText()).isEqualTo("TASK_LOST");
        assertThat(lost.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED");
        assertThat(lost.path("source").asText()).isEqualTo("SOURCE_MASTER");
        JsonNode failure = scheduler.next("FAILURE");
        assertThat(failure.path("failure").path("agent_id").path("value").asText()).isEqualTo(agent.agentId().value());
        MasterSnapshot s = cluster.snapshot();
        assertThat(s.agents()).isEmpty();
        assertThat(s.unreachableAgents()).containsKey(agent.agentId());
        assertThat(cluster.master().metrics().get("master/tasks_lost")).isEqualTo(1);
    }

    @Test
    void partitionAwareFrameworkSeesTaskUnreachable() throws Exception {
        ObjectNode info = frameworkInfo("pa");
        info.putArray("capabilities").addObject().put("type", "PARTITION_AWARE");
        scheduler.subscribe(info);
        runTask("t1");
        agent.die();
        cluster.advance(Duration.ofSeconds(76));
        JsonNode status = scheduler.nextUpdate("t1");
        assertThat(status.path("state").asText()).isEqualTo("TASK_UNREACHABLE");
        assertThat(cluster.snapshot().frameworks().get(0).tasks()).as("an unreachable task is not over").hasSize(1);
    }

    @Test
    void heartbeatsKeepAnAgentRegistered() throws Exception {
        for (int i = 0; i < 10; i++) {
            cluster.advance(Duration.ofSeconds(15));
            assertThat(agent.heartbeat()).isEqualTo(202);
        }
        assertThat(cluster.snapshot().agents()).singleElement().satisfies(a -> assertThat(a.connected()).isTrue());
    }

    @Test
    void reregisteringAgentKeepsItsRunningTasks() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        AgentEvent.LaunchTask launch = runTask("t1");
        agent.die();
        cluster.await("agent disconnected", s -> !s.agents().get(0).connected());

        TaskStatus running = new TaskStatus(new TaskId("t1"), TaskState.TASK_RUNNING, StatusSource.SOURCE_EXECUTOR,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(agent.agentId()), Optional.of("t1"),
                1.0, Optional.empty(), Optional.empty(), OptionalLong.empty());
        agent.reregister(new AgentInfo("sim-1", 5051, RESOURCES, List.of()),
                List.of(new ReportedTask(launch.frameworkId(), launch.task(), running)), List.of(launch.framework()));

        MasterSnapshot s = cluster.await("agent back", snap -> snap.agents().get(0).connected());
        assertThat(s.frameworks().get(0).tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING));
        assertThat(s.agents().get(0).used().scalar("cpus").value()).isEqualTo(1.0);
        assertThat(scheduler.pending()).noneMatch(e -> e.path("type").asText().equals("UPDATE"));
    }

    @Test
    void tasksTheReturningAgentNoLongerHasAreLost() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        AgentEvent.LaunchTask launch = runTask("t1");
        agent.die();
        agent.reregister(new AgentInfo("sim-1", 5051, RESOURCES, List.of()), List.of(), List.of(launch.framework()));
        JsonNode lost = scheduler.nextUpdate("t1");
        assertThat(lost.path("state").asText()).isEqualTo("TASK_LOST");
        assertThat(lost.path("message").asText()).isEqualTo("Task is unknown to the agent");
    }

    @Test
    void updatesOnAStaleStreamAreForbidden() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        AgentEvent.LaunchTask launch = runTask("t1");
        SimulatedAgent impostor = new SimulatedAgent(cluster.url());
        impostor.register("sim-2", RESOURCES);
        // A second registration knows nothing of sim-1's stream: its update for sim-1's task is refused.
        int status = impostor.send(new io.mezzo.internal.protocol.AgentCall.Update(agent.agentId(),
                launch.frameworkId(), new TaskStatus(new TaskId("t1"), TaskState.TASK_FINISHED,
                StatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(agent.agentId()), Optional.empty(), 1.0, Optional.of(java.util.UUID.randomUUID()),
                Optional.empty(), OptionalLong.empty())));
        assertThat(status).isEqualTo(403);
        assertThat(cluster.snapshot().frameworks().get(0).tasks().get(0).state()).isEqualTo(TaskState.TASK_RUNNING);
        impostor.close();
    }
}
