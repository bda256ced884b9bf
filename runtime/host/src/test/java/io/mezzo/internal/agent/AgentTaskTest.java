package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.api.TaskId;
import io.mezzo.api.Termination;
import io.mezzo.internal.model.CommandInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.model.UriSpec;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentTaskTest extends AgentHarness {

    @Test
    void commandTaskGoesStartingRunningFinishedWithOneUpdateInFlight() throws Exception {
        startRegistered();
        launch(task("t1", "echo hello"));

        AgentCall.Update starting = master.update(0);
        TaskStatus s = starting.status();
        assertThat(s.state()).isEqualTo(TaskState.TASK_STARTING);
        assertThat(s.source()).isEqualTo(StatusSource.SOURCE_EXECUTOR);
        assertThat(s.uuid()).isPresent();
        assertThat(s.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(s.executorId()).contains("t1");
        assertThat(s.timestamp()).isEqualTo(time.epochSeconds());
        assertThat(starting.agentId()).isEqualTo(FakeMaster.AGENT_ID);
        assertThat(starting.frameworkId()).isEqualTo(FW);

        // The process ends while STARTING is unacknowledged: nothing else may go out yet.
        awaitTaskState("t1", TaskState.TASK_FINISHED);
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().pendingUpdates()).isEqualTo(3);
        assertThat(master.updates).hasSize(1);

        master.acknowledge(starting);
        TaskStatus running = master.update(1).status();
        assertThat(running.state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(running.container()).isPresent();
        assertThat(running.executorPid()).isPresent();
        assertThat(master.updates).hasSize(2);

        master.acknowledge(master.update(1));
        TaskStatus finished = master.update(2).status();
        assertThat(finished.state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(finished.message()).contains("Command exited with status 0");
        assertThat(finished.container()).isEqualTo(running.container());

        Path sandbox = workDir.resolve("slaves/agent-1/frameworks/fw-1/executors/t1/runs")
                .resolve(running.container().get().value());
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("hello\n");
        Path latest = sandbox.getParent().resolve("latest");
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        assertThat(latest.toRealPath()).isEqualTo(sandbox.toRealPath());
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().sandbox()).contains(sandbox);

        master.acknowledge(master.update(2));
        awaitForgotten("t1");
        assertThat(master.updates).hasSize(3);
        master.assertNoWrongStreamIds();
    }

    @Test
    void failingCommandIsTaskFailedWithItsExitStatus() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(task("t1", "exit 3"));

        TaskStatus failed = awaitUpdate("t1", TaskState.TASK_FAILED).status();
        assertThat(failed.message()).contains("Command exited with status 3");
        assertThat(failed.source()).isEqualTo(StatusSource.SOURCE_EXECUTOR);
        assertThat(master.states()).containsExactly("t1:TASK_STARTING", "t1:TASK_RUNNING", "t1:TASK_FAILED");
    }

    @Test
    void taskSeesMesosEnvironmentAndItsOwn() throws Exception {
        master.autoAcknowledge = true;
        startRegistered();
        CommandInfo command = new CommandInfo(List.of(), Map.of("GREETING", "hi", "MESOS_TASK_ID", "overridden"),
                true, Optional.of("env > env.txt"), List.of(), Optional.of("root"));
        launch(task("t1", command));

        TaskStatus finished = awaitUpdate("t1", TaskState.TASK_FINISHED).status();
        Path sandbox = snapshotSandboxOf(finished);
        String env = Files.readString(sandbox.resolve("env.txt"));
        assertThat(env).contains("GREETING=hi", "MESOS_TASK_ID=overridden", "MESOS_EXECUTOR_ID=t1",
                "MESOS_FRAMEWORK_ID=fw-1", "MESOS_AGENT_ID=agent-1", "MESOS_SANDBOX=" + sandbox,
                "MESOS_DIRECTORY=" + sandbox, "MESOS_CONTAINER_ID=" + finished.container().get().value(),
                "PATH=" + System.getenv("PATH"));
        // Without switch_user the task runs as the agent's user, whatever CommandInfo.user says.
        assertThat(launcher.specs.get("overridden").user()).isEmpty();
    }

    private Path snapshotSandboxOf(TaskStatus status) {
        return workDir.resolve("slaves/agent-1/frameworks/fw-1/executors")
                .resolve(status.taskId().value()).resolve("runs").resolve(status.container().get().value());
    }

    @Test
    void unacknowledgedUpdateIsResentAfterTenThenTwentySeconds() {
        startRegistered();
        launch(task("t1", "true"));
        AgentCall.Update first = master.update(0);
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().retryAt())
                .contains(time.instant().plusSeconds(10));

        time.advance(Duration.ofSeconds(10));
        AgentCall.Update second = master.update(1);
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().retryAt())
                .contains(time.instant().plusSeconds(20));

        time.advance(Duration.ofSeconds(20));
        AgentCall.Update third = master.update(2);
        assertThat(third.status()).isEqualTo(first.status());
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().retryAt())
                .contains(time.instant().plusSeconds(40));

        // Acknowledged: the next update goes out at once, with its own backoff from the start.
        master.acknowledge(third);
        assertThat(master.update(3).status().state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().retryAt())
                .contains(time.instant().plusSeconds(10));
    }

    @Test
    void killedTaskIsKillingThenKilled() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(FW, framework(FW, "TASK_KILLING_STATE"), task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_RUNNING);

        master.push(new AgentEvent.KillTask(FW, new TaskId("t1"), Optional.empty()));

        TaskStatus killed = awaitUpdate("t1", TaskState.TASK_KILLED).status();
        assertThat(killed.message()).contains("Command terminated with signal Terminated");
        assertThat(master.states()).containsExactly("t1:TASK_STARTING", "t1:TASK_RUNNING", "t1:TASK_KILLING",
                "t1:TASK_KILLED");
    }

    @Test
    void taskIgnoringSigtermIsDestroyedOnlyOnceTheGracePeriodHasPassed() throws Exception {
        master.autoAcknowledge = true;
        startRegistered();
        launch(task("t1", "trap 'echo term > term.txt' TERM; i=0; "
                + "while true; do i=$((i+1)); echo $i > alive.txt; sleep 0.05; done"));
        TaskStatus running = awaitUpdate("t1", TaskState.TASK_RUNNING).status();
        Path sandbox = snapshotSandboxOf(running);

        master.push(new AgentEvent.KillTask(FW, new TaskId("t1"), Optional.of(Duration.ofSeconds(5))));

        Waits.until("the task to get SIGTERM", () -> Files.exists(sandbox.resolve("term.txt")));
        long afterTerm = counter(sandbox);
        Waits.until("the task to live on after SIGTERM", () -> counter(sandbox) > afterTerm + 2);
        assertThat(master.states()).doesNotContain("t1:TASK_KILLED");
        assertThat(launcher.container("t1").termination().toCompletableFuture()).isNotDone();

        time.advance(Duration.ofSeconds(5));
        TaskStatus killed = awaitUpdate("t1", TaskState.TASK_KILLED).status();
        assertThat(killed.message()).contains("Command terminated with signal Killed");
    }

    private static long counter(Path sandbox) {
        try {
            String text = Files.readString(sandbox.resolve("alive.txt")).strip();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void killDuringLaunchIsKilledAtOnceAndTheLateProcessDestroyed() throws Exception {
        master.autoAcknowledge = true;
        launcher.holdLaunches();
        startRegistered();
        launch(task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_STARTING);
        assertThat(launcher.waiting.await(10, TimeUnit.SECONDS)).isTrue();

        master.push(new AgentEvent.KillTask(FW, new TaskId("t1"), Optional.empty()));
        TaskStatus killed = awaitUpdate("t1", TaskState.TASK_KILLED).status();
        assertThat(killed.reason()).contains(Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        assertThat(killed.source()).isEqualTo(StatusSource.SOURCE_AGENT);

        launcher.releaseLaunches();
        RunningContainer late = launcher.container("t1");
        Termination end = late.termination().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(end).isEqualTo(new Termination.Signaled(9));
        awaitForgotten("t1");
        assertThat(master.states()).containsExactly("t1:TASK_STARTING", "t1:TASK_KILLED");
    }

    @Test
    void killOfUnknownTaskIsIgnored() {
        master.autoAcknowledge = true;
        startRegistered();
        master.push(new AgentEvent.KillTask(FW, new TaskId("nope"), Optional.empty()));
        launch(task("t1", "true"));
        awaitUpdate("t1", TaskState.TASK_FINISHED);
        assertThat(master.states()).allMatch(s -> s.startsWith("t1:"));
    }

    @Test
    void shutdownFrameworkKillsItsTasksAndSendsNothingMoreOfThem() throws Exception {
        master.autoAcknowledge = true;
        startRegistered();
        FrameworkId other = new FrameworkId("fw-2");
        launch(task("a", "sleep 60"));
        launch(other, framework(other), task("b", "sleep 60"));
        awaitUpdate("a", TaskState.TASK_RUNNING);
        awaitUpdate("b", TaskState.TASK_RUNNING);

        master.push(new AgentEvent.ShutdownFramework(FW));

        Termination end = launcher.container("a").termination().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(end.succeeded()).isFalse();
        awaitForgotten("a");
        assertThat(snapshot().task(new TaskId("b")).orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

        master.push(new AgentEvent.KillTask(other, new TaskId("b"), Optional.empty()));
        awaitUpdate("b", TaskState.TASK_KILLED);
        assertThat(master.states()).filteredOn(s -> s.startsWith("a:"))
                .containsExactly("a:TASK_STARTING", "a:TASK_RUNNING");
    }

    @Test
    void taskWhoseUriCannotBeFetchedFailsAsLaunchFailedNamingThatUri() {
        master.autoAcknowledge = true;
        startRegistered();
        CommandInfo command = new CommandInfo(List.of(new UriSpec("gopher://example.org/app.tgz", false, true, false,
                Optional.empty()), new UriSpec("http://example.org/b", false, true, false, Optional.empty())),
                Map.of(), true, Optional.of("true"), List.of(), Optional.empty());
        launch(task("t1", command));

        TaskStatus failed = awaitUpdate("t1", TaskState.TASK_FAILED).status();
        assertThat(failed.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message().orElseThrow()).startsWith("Failed to fetch 'gopher://example.org/app.tgz':"
                + " unsupported URI scheme 'gopher'");
        awaitForgotten("t1");
        assertThat(launcher.specs).isEmpty();
    }

    @Test
    void launchWithoutLauncherFailsAsLaunchFailed() {
        master.autoAcknowledge = true;
        launchers = Optional::empty;
        startRegistered();
        launch(task("t1", "true"));

        TaskStatus failed = awaitUpdate("t1", TaskState.TASK_FAILED).status();
        assertThat(failed.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains("no launcher is available on this agent");
        assertThat(master.states()).containsExactly("t1:TASK_STARTING", "t1:TASK_FAILED");
    }

    @Test
    void launcherRefusalFailsAsLaunchFailedWithItsMessage() {
        master.autoAcknowledge = true;
        launchers = () -> Optional.of(new Launcher() {
            @Override
            public RunningContainer launch(LaunchSpec spec) throws LaunchException {
                throw new LaunchException("no such user 'ghost'");
            }

            @Override
            public Optional<RunningContainer> recover(ContainerId id, long pid) {
                return Optional.empty();
            }
        });
        startRegistered();
        launch(task("t1", "true"));

        TaskStatus failed = awaitUpdate("t1", TaskState.TASK_FAILED).status();
        assertThat(failed.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains("no such user 'ghost'");
    }

    @Test
    void switchUserRunsAsTheCommandUserElseTheFrameworkUserWhoOwnTheSandbox() {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give sandboxes to other users");
        master.autoAcknowledge = true;
        Map<String, Optional<String>> users = new ConcurrentHashMap<>();
        Map<String, String> owners = new ConcurrentHashMap<>();
        launchers = () -> Optional.of(inspectingOnly(spec -> {
            String task = spec.environment().get("MESOS_TASK_ID");
            users.put(task, spec.user());
            try {
                owners.put(task, Files.getOwner(spec.sandbox()).getName());
            } catch (IOException e) {
                throw new LaunchException("cannot read the sandbox's owner: " + e);
            }
        }));
        startAgent(config(master.address()).withSwitchUser(true));
        awaitRegistered();
        launch(task("own", new CommandInfo(List.of(), Map.of(), true, Optional.of("true"), List.of(),
                Optional.of("daemon"))));
        launch(task("inherited", "true"));

        awaitUpdate("own", TaskState.TASK_FAILED);
        awaitUpdate("inherited", TaskState.TASK_FAILED);
        assertThat(users).containsEntry("own", Optional.of("daemon")).containsEntry("inherited", Optional.of("nobody"));
        assertThat(owners).containsEntry("own", "daemon").containsEntry("inherited", "nobody");
    }

    @Test
    void switchingToAUserThatDoesNotExistFailsTheTaskBeforeItIsLaunched() {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give sandboxes to other users");
        master.autoAcknowledge = true;
        List<String> launched = new CopyOnWriteArrayList<>();
        launchers = () -> Optional.of(inspectingOnly(spec -> launched.add(spec.environment().get("MESOS_TASK_ID"))));
        startAgent(config(master.address()).withSwitchUser(true));
        awaitRegistered();
        launch(task("ghostly", new CommandInfo(List.of(), Map.of(), true, Optional.of("true"), List.of(),
                Optional.of("ghost"))));

        TaskStatus failed = awaitUpdate("ghostly", TaskState.TASK_FAILED).status();
        assertThat(failed.reason()).contains(Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains("cannot give the sandbox to the task's user: no such user 'ghost'");
        assertThat(launched).isEmpty();
    }

    @Test
    void secondLaunchOfAKnownTaskIsIgnored() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_RUNNING);

        launch(task("t1", "echo again"));
        launch(task("t2", "true"));
        awaitUpdate("t2", TaskState.TASK_FINISHED);

        assertThat(master.states()).filteredOn(s -> s.startsWith("t1:"))
                .containsExactly("t1:TASK_STARTING", "t1:TASK_RUNNING");
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
    }

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        master.autoAcknowledge = true;
        startAgent(config(master.address()).withDefaultKillGracePeriod(Duration.ofMillis(500)));
        awaitRegistered();
        launch(task("polite", "sleep 60"));
        launch(task("stubborn", "trap '' TERM; sleep 60"));
        awaitUpdate("polite", TaskState.TASK_RUNNING);
        awaitUpdate("stubborn", TaskState.TASK_RUNNING);
        List<ProcessHandle> processes = new ArrayList<>();
        for (String task : List.of("polite", "stubborn")) {
            ProcessHandle root = ProcessHandle.of(launcher.container(task).pid()).orElseThrow();
            processes.add(root);
            root.descendants().forEach(processes::add);
        }
        assertThat(processes).hasSizeGreaterThanOrEqualTo(2);

        agent.close();
        agent = null;

        // SIGKILL reaches the whole process group, but dying (and being reaped) takes a moment
        // for the children; a process nobody killed would outlive the wait by far.
        Waits.until("every task process to be gone", () -> processes.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** What a test looks at in a launch; it may refuse the launch itself. */
    private interface Inspection {
        void look(LaunchSpec spec) throws LaunchException;
    }

    /** A launcher that shows each launch to {@code inspection} and then refuses it: nothing runs. */
    private static Launcher inspectingOnly(Inspection inspection) {
        return new Launcher() {
            @Override
            public RunningContainer launch(LaunchSpec spec) throws LaunchException {
                inspection.look(spec);
                throw new LaunchException("not starting anything in this test");
            }

            @Override
            public Optional<RunningContainer> recover(ContainerId id, long pid) {
                return Optional.empty();
            }
        };
    }
}
