package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.ContainerId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.ReportedTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A checkpointing agent restarted while its tasks run: a new {@link Agent} over the same work
 * directory, as after a crash or a stop of the agent's process, takes its tasks' processes up
 * again (real processes through the process launcher) and registers under its old id with them.
 */
class AgentRecoveryTest extends AgentHarness {
    /** Every task process tree a test started, killed at the end: a checkpointing agent leaves them running. */
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        launcher.started.values().forEach(c -> ProcessHandle.of(c.pid()).ifPresent(started::add));
        for (ProcessHandle root : started) {
            root.descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }

    @BeforeEach
    void acknowledgeEveryUpdate() {
        master.autoAcknowledge = true;
    }

    private AgentConfig checkpointing() {
        return config(master.address()).withCheckpoint(true);
    }

    /** A task that runs until the test creates {@code release} in its sandbox, then exits with {@code status}. */
    private static String untilReleased(int status) {
        return "while [ ! -e \"$MESOS_SANDBOX/release\" ]; do sleep 0.05; done; exit " + status;
    }

    private ProcessHandle running(String task) {
        awaitUpdate(task, TaskState.TASK_RUNNING);
        ProcessHandle root = ProcessHandle.of(launcher.container(task).pid()).orElseThrow();
        started.add(root);
        return root;
    }

    private Path sandbox(String task) {
        return launcher.specs.get(task).sandbox();
    }

    /** Stops the agent as its process stopping would (a checkpointing agent leaves its tasks), then starts another. */
    private void restart() {
        int registers = master.registers.size();
        agent.close();
        agent = new Agent(checkpointing(), vertx, time, launchers, new SplittableRandom(11));
        agent.start();
        master.register(registers);
        awaitRegistered();
    }

    @Test
    void restartedAgentRegistersUnderItsIdWithItsRunningTaskAndReportsHowItEnds() throws Exception {
        startAgent(checkpointing());
        awaitRegistered();
        launch(task("long", untilReleased(0)));
        ProcessHandle process = running("long");

        int registers = master.registers.size();
        restart();

        assertThat(process.isAlive()).as("the task's process outlived its agent").isTrue();
        AgentCall.Register again = master.registers.get(registers);
        assertThat(again.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(again.tasks()).extracting(r -> r.task().taskId().value(), r -> r.latest().state())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("long", TaskState.TASK_RUNNING));
        assertThat(snapshot().task(new TaskId("long")).orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

        Files.createFile(sandbox("long").resolve("release"));
        AgentCall.Update finished = awaitUpdate("long", TaskState.TASK_FINISHED);
        assertThat(finished.status().message().orElseThrow()).contains("Command exited with status 0");
        awaitForgotten("long");
        assertThat(AgentCheckpoint.in(workDir).tasks()).as("records left once the task is forgotten").isEmpty();
    }

    @Test
    void taskThatEndedWhileTheAgentWasAwayIsReportedWithTheStatusItExitedWith() throws Exception {
        startAgent(checkpointing());
        awaitRegistered();
        launch(task("short", untilReleased(3)));
        ProcessHandle process = running("short");
        agent.close();

        Files.createFile(sandbox("short").resolve("release"));
        process.onExit().get(15, TimeUnit.SECONDS);
        int registers = master.registers.size();
        agent = new Agent(checkpointing(), vertx, time, launchers, new SplittableRandom(11));
        agent.start();

        assertThat(master.register(registers).agentId()).contains(FakeMaster.AGENT_ID);
        AgentCall.Update failed = awaitUpdate("short", TaskState.TASK_FAILED);
        assertThat(failed.status().message().orElseThrow()).contains("Command exited with status 3");
    }

    @Test
    void killAfterARestartReachesTheReattachedProcessGroup() throws Exception {
        startAgent(checkpointing());
        awaitRegistered();
        launch(task("sleeper", "sleep 600"));
        ProcessHandle process = running("sleeper");
        List<ProcessHandle> tree = new ArrayList<>(List.of(process));
        process.descendants().forEach(tree::add);

        restart();
        master.push(new AgentEvent.KillTask(FW, new TaskId("sleeper"), Optional.empty()));

        AgentCall.Update killed = awaitUpdate("sleeper", TaskState.TASK_KILLED);
        assertThat(killed.status().message().orElseThrow()).contains("signal Terminated");
        Waits.until("the task's processes to be gone", () -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void updateNotAcknowledgedBeforeTheRestartIsSentAgainAfterIt() {
        master.autoAcknowledge = false;
        startAgent(checkpointing());
        awaitRegistered();
        launch(task("unacked", "sleep 600"));
        AgentCall.Update starting = awaitUpdate("unacked", TaskState.TASK_STARTING);
        started.add(ProcessHandle.of(launcher.container("unacked").pid()).orElseThrow());
        int updates = master.updates.size();

        restart();

        Waits.until("TASK_STARTING sent again after the restart", () -> master.updates.stream().skip(updates)
                .anyMatch(u -> u.status().uuid().equals(starting.status().uuid())));
        master.acknowledge(starting);
        AgentCall.Update running = awaitUpdate("unacked", TaskState.TASK_RUNNING);
        assertThat(running.status().uuid()).isNotEqualTo(starting.status().uuid());
    }

    @Test
    void pidNowOfAnotherProcessIsNotTakenForTheTasksProcess() throws Exception {
        startAgent(checkpointing());
        awaitRegistered();
        agent.close();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        started.add(stranger.toHandle());
        AgentCheckpoint checkpoint = AgentCheckpoint.in(workDir);
        ContainerId container = new ContainerId("c-1");
        Path sandbox = Files.createDirectories(workDir.resolve("sandbox-of-gone"));
        TaskStatus runningStatus = new StatusFactory(time, new SplittableRandom(3)).status(
                new StatusFactory.Origin(new TaskId("gone"), FakeMaster.AGENT_ID, Optional.of(container),
                        OptionalLong.of(stranger.pid())),
                TaskState.TASK_RUNNING, io.mezzo.internal.model.StatusSource.SOURCE_EXECUTOR, Optional.empty(),
                Optional.empty());
        long startedMillis = stranger.info().startInstant().orElseThrow().toEpochMilli();
        checkpoint.save(new AgentCheckpoint.Task(FW, framework(FW), task("gone", "sleep 600"), container,
                Optional.of(sandbox.toString()), OptionalLong.of(stranger.pid()), OptionalLong.of(startedMillis - 5000),
                runningStatus, List.of(), false, false));

        int registers = master.registers.size();
        agent = new Agent(checkpointing(), vertx, time, launchers, new SplittableRandom(11));
        agent.start();

        assertThat(master.register(registers).tasks()).extracting(ReportedTask::latest).extracting(TaskStatus::state)
                .containsAnyOf(TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
        AgentCall.Update failed = awaitUpdate("gone", TaskState.TASK_FAILED);
        assertThat(failed.status().message().orElseThrow()).contains("exit status unknown");
        assertThat(stranger.isAlive()).as("the process that has the pid now").isTrue();
    }

    @Test
    void withoutCheckpointingARestartedAgentStartsAfresh() {
        startAgent(config(master.address()));
        awaitRegistered();
        launch(task("plain", "sleep 600"));
        running("plain");
        agent.close();

        assertThat(Files.exists(workDir.resolve(AgentCheckpoint.DIRECTORY))).isFalse();
        int registers = master.registers.size();
        agent = new Agent(config(master.address()), vertx, time, launchers, new SplittableRandom(11));
        agent.start();
        AgentCall.Register fresh = master.register(registers);
        assertThat(fresh.agentId()).isEmpty();
        assertThat(fresh.tasks()).isEmpty();
    }
}
