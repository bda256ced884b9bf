package io.mezzo.internal.agent;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.CommandInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Launcher;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (real HTTP on 127.0.0.1, real processes through the process launcher) on a
 * fake clock, registered with a {@link FakeMaster}.
 */
abstract class AgentHarness {
    static final FrameworkId FW = new FrameworkId("fw-1");
    /** Backoff factor of the agents under test: a re-registration waits at most this long first. */
    static final Duration BACKOFF = Duration.ofSeconds(1);

    @TempDir
    Path workDir;
    Vertx vertx;
    FakeTime time;
    FakeMaster master;
    RecordingLauncher launcher;
    Supplier<Optional<Launcher>> launchers;
    Agent agent;

    @BeforeEach
    void startMaster() throws Exception {
        vertx = Vertx.vertx();
        time = new FakeTime();
        master = new FakeMaster(vertx);
        launcher = new RecordingLauncher();
        launchers = () -> Optional.of(launcher);
    }

    @AfterEach
    void stopEverything() throws Exception {
        launcher.releaseLaunches();
        if (agent != null) {
            agent.close();
        }
        master.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    AgentConfig config(MasterAddress... masters) {
        return new AgentConfig(List.of(masters), workDir, "agent-host", 5051, Resources.parse("cpus:2;mem:1024"),
                List.of(), Duration.ofSeconds(3), false, BACKOFF);
    }

    void startAgent() {
        startAgent(config(master.address()));
    }

    void startAgent(AgentConfig config) {
        agent = new Agent(config, vertx, time, launchers, new SplittableRandom(7));
        agent.start();
    }

    /** Starts the agent and waits until it is registered. */
    void startRegistered() {
        startAgent();
        awaitRegistered();
    }

    void awaitRegistered() {
        Waits.until("the agent to be registered", () -> snapshot().master().isPresent());
    }

    void awaitDisconnected() {
        Waits.until("the agent to notice it lost its master", () -> snapshot().master().isEmpty());
    }

    AgentSnapshot snapshot() {
        try {
            return agent.snapshot().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no snapshot from the agent", e);
        }
    }

    static FrameworkInfo framework(FrameworkId id, String... capabilities) {
        return new FrameworkInfo(Optional.of(id), "nobody", "test framework", List.of("*"), Duration.ZERO,
                false, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(capabilities), List.of());
    }

    static TaskSpec task(String id, String command) {
        return task(id, CommandInfo.shell(command));
    }

    static TaskSpec task(String id, CommandInfo command) {
        return new TaskSpec(new TaskId(id), id, FakeMaster.AGENT_ID, Resources.parse("cpus:0.1;mem:32"), command,
                Optional.empty(), List.of(), Optional.empty());
    }

    void launch(TaskSpec task) {
        launch(FW, framework(FW), task);
    }

    void launch(FrameworkId id, FrameworkInfo info, TaskSpec task) {
        master.push(new AgentEvent.LaunchTask(id, info, task));
    }

    AgentCall.Update awaitUpdate(String task, TaskState state) {
        return master.awaitUpdate(u -> u.status().taskId().value().equals(task) && u.status().state() == state);
    }

    void awaitTaskState(String task, TaskState state) {
        Waits.until("task '" + task + "' to reach " + state, () -> snapshot().task(new TaskId(task))
                .map(t -> t.state() == state).orElse(false));
    }

    void awaitForgotten(String task) {
        Waits.until("the agent to forget task '" + task + "'", () -> snapshot().task(new TaskId(task)).isEmpty());
    }
}
