package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.api.Termination;
import io.mezzo.internal.agent.fetch.FetchException;
import io.mezzo.internal.agent.fetch.Fetcher;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One task run, doing what the Mesos command executor does: TASK_STARTING, the launch,
 * TASK_RUNNING, then TASK_FINISHED / TASK_FAILED / TASK_KILLED when the process ends.
 * A kill sends SIGTERM (after TASK_KILLING for frameworks that asked for it) and SIGKILL
 * once the grace period has passed on the agent's clock.
 *
 * <p>Confined to the agent's actor. The sandbox and the launch are blocking and run on a
 * worker; their outcome comes back to the actor.
 */
final class TaskRunner {
    private static final Logger LOG = System.getLogger(TaskRunner.class.getName());
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** What every run needs from its agent. {@code actor} throws once the agent is closed. */
    record Context(TimeSource time, Executor actor, Executor worker, Supplier<Optional<Launcher>> launcher,
                   StatusFactory statuses, Path workDir, boolean switchUser, Duration defaultGrace,
                   Map<String, String> agentEnvironment, Fetcher fetcher) {}

    /** How a run tells its agent what happened. */
    interface Effects {
        void publish(TaskRunner run, TaskStatus status);

        /** No process is left and no launch is under way; called once. */
        void gone(TaskRunner run);
    }

    private enum Phase { LAUNCHING, RUNNING, ENDED }

    private final Context context;
    private final Effects effects;
    private final FrameworkId frameworkId;
    private final FrameworkInfo framework;
    private final TaskSpec task;
    private final ContainerId containerId;
    /** Present for a JS task ({@link io.mezzo.internal.js.JsTaskWire}); the agent validated it. */
    private final Optional<JsTask> js;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private StatusFactory.Origin origin;
    private Phase phase = Phase.LAUNCHING;
    private Optional<Path> sandbox = Optional.empty();
    private RunningContainer container;
    private TaskStatus latest;
    private boolean killRequested;
    private TimeSource.Cancellable escalation;

    TaskRunner(Context context, Effects effects, AgentId agentId, FrameworkId frameworkId, FrameworkInfo framework,
               TaskSpec task, ContainerId containerId) {
        this.context = context;
        this.effects = effects;
        this.frameworkId = frameworkId;
        this.framework = framework;
        this.task = task;
        this.containerId = containerId;
        this.js = JsTask.isJs(task) ? Optional.of(JsTask.decode(task)) : Optional.empty();
        this.origin = new StatusFactory.Origin(task.taskId(), agentId, Optional.empty(), OptionalLong.empty());
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    FrameworkInfo framework() {
        return framework;
    }

    TaskSpec task() {
        return task;
    }

    ContainerId containerId() {
        return containerId;
    }

    Optional<Path> sandbox() {
        return sandbox;
    }

    /** The last status this run produced; present from the first one on. */
    Optional<TaskStatus> latest() {
        return Optional.ofNullable(latest);
    }

    boolean finished() {
        return latest != null && latest.state().isTerminal();
    }

    /** Completes when no process is left and no launch is under way. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    /** Ends the run before it starts, with a terminal status from the agent. */
    void reject(TaskState state, Reason reason, String message) {
        publish(state, StatusSource.SOURCE_AGENT, Optional.of(reason), message);
        end();
    }

    /** TASK_STARTING, then the sandbox and the launch on a worker. */
    void launch(AgentId agentId) {
        publish(TaskState.TASK_STARTING, StatusSource.SOURCE_EXECUTOR, Optional.empty(), null);
        LaunchPlan plan = new LaunchPlan(agentId);
        try {
            context.worker().execute(plan::run);
        } catch (RejectedExecutionException e) {
            launchFailed("the agent is shutting down");
        }
    }

    /** Runs on a worker: everything that may block. */
    private final class LaunchPlan {
        private final AgentId agentId;

        LaunchPlan(AgentId agentId) {
            this.agentId = agentId;
        }

        void run() {
            Path dir;
            try {
                dir = Sandbox.create(context.workDir(), agentId, frameworkId, task.taskId(), containerId);
            } catch (IOException | RuntimeException e) {
                back(() -> launchFailed("cannot create the sandbox: " + e.getMessage()));
                return;
            }
            if (js.isPresent()) {
                try {
                    js.get().writeInto(dir);
                } catch (IOException | RuntimeException e) {
                    back(() -> launchFailed("cannot write the JS task into the sandbox: " + e.getMessage()));
                    return;
                }
            }
            if (!task.command().uris().isEmpty()) {
                try {
                    context.fetcher().fetch(task.command().uris(), dir, taskUser());
                } catch (FetchException e) {
                    back(() -> launchFailed(e.getMessage()));
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "fetcher failed on task '" + task.taskId() + "'", e);
                    back(() -> launchFailed("the fetcher failed: " + e));
                    return;
                }
            }
            // After the fetch, so the fetched files belong to the task's user too.
            LaunchSpec spec = spec(dir, agentId);
            if (spec.user().isPresent()) {
                try {
                    Sandbox.giveTo(dir, spec.user().get());
                } catch (IOException | RuntimeException e) {
                    back(() -> launchFailed("cannot give the sandbox to the task's user: " + e.getMessage()));
                    return;
                }
            }
            RunningContainer started;
            try {
                Launcher launcher = context.launcher().get().orElseThrow(
                        () -> new LaunchException("no launcher is available on this agent"));
                started = launcher.launch(spec);
            } catch (LaunchException e) {
                back(() -> launchFailed(e.getMessage()));
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "launcher failed on task '" + task.taskId() + "'", e);
                back(() -> launchFailed("the launcher failed: " + e));
                return;
            }
            try {
                context.actor().execute(() -> launched(dir, started));
            } catch (RejectedExecutionException e) {
                // The agent closed while we were launching: nobody will ever look after it.
                started.destroy();
            }
        }

        private void back(Runnable outcome) {
            try {
                context.actor().execute(outcome);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "agent closed before the launch outcome of task '" + task.taskId() + "' arrived");
            }
        }
    }

    /** The user Mesos fetches for (and keys the cache by): CommandInfo's, else the framework's. */
    private Optional<String> taskUser() {
        return task.command().user().or(() -> Optional.of(framework.user())).filter(u -> !u.isBlank());
    }

    LaunchSpec spec(Path dir, AgentId agentId) {
        Optional<String> user = Optional.empty();
        if (context.switchUser()) {
            // Mesos runs the command as CommandInfo.user, else as the framework's user.
            user = taskUser();
        }
        return new LaunchSpec(containerId, dir, js.map(JsTask::command).orElseGet(() -> task.command().toSpec()),
                environment(context.agentEnvironment(), dir, agentId), user, task.resources());
    }

    /** What the process sees: the agent's PATH (and LANG), the MESOS_* variables, then the task's own. */
    Map<String, String> environment(Map<String, String> agentEnvironment, Path dir, AgentId agentId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", agentEnvironment.getOrDefault("PATH", DEFAULT_PATH));
        if (agentEnvironment.containsKey("LANG")) {
            env.put("LANG", agentEnvironment.get("LANG"));
        }
        env.put("MESOS_SANDBOX", dir.toString());
        env.put("MESOS_DIRECTORY", dir.toString());
        env.put("MESOS_TASK_ID", task.taskId().value());
        env.put("MESOS_FRAMEWORK_ID", frameworkId.value());
        env.put("MESOS_AGENT_ID", agentId.value());
        env.put("MESOS_EXECUTOR_ID", task.taskId().value());
        env.put("MESOS_CONTAINER_ID", containerId.value());
        env.putAll(task.command().environment());
        return env;
    }

    private void launched(Path dir, RunningContainer started) {
        sandbox = Optional.of(dir);
        container = started;
        phase = Phase.RUNNING;
        origin = origin.withProcess(started.id(), started.pid());
        started.termination().whenComplete((termination, error) -> {
            Termination t = termination != null ? termination
                    : new Termination.Unknown("the launcher lost the process: " + error);
            // Off the actor: reading a JS task's outcome files may block.
            JsTask.Outcome outcome = js.isPresent() ? JsTask.outcome(dir, t)
                    : new JsTask.Outcome(Optional.empty(), Optional.empty());
            try {
                context.actor().execute(() -> terminated(t, outcome));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "agent closed before task '" + task.taskId() + "' ended");
            }
        });
        if (killRequested) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' was killed while launching; destroying its process");
            started.destroy();
            return;
        }
        LOG.log(Level.INFO, "task '" + task.taskId() + "' of framework '" + frameworkId + "' is running as pid "
                + started.pid() + " in " + dir);
        publish(TaskState.TASK_RUNNING, StatusSource.SOURCE_EXECUTOR, Optional.empty(), null);
    }

    private void launchFailed(String message) {
        if (!killRequested) {
            LOG.log(Level.WARNING, "task '" + task.taskId() + "' failed to launch: " + message);
            publish(TaskState.TASK_FAILED, StatusSource.SOURCE_AGENT,
                    Optional.of(Reason.REASON_CONTAINER_LAUNCH_FAILED), message);
        }
        end();
    }

    private void terminated(Termination termination, JsTask.Outcome outcome) {
        cancelEscalation();
        if (!finished()) {
            // As the command executor: success wins even after a kill; otherwise a kill makes it KILLED.
            TaskState state = termination.succeeded() ? TaskState.TASK_FINISHED
                    : killRequested ? TaskState.TASK_KILLED : TaskState.TASK_FAILED;
            LOG.log(Level.INFO, "task '" + task.taskId() + "' of framework '" + frameworkId + "' is "
                    + state + ": " + termination.describe());
            boolean finished = state == TaskState.TASK_FINISHED;
            String message = finished ? termination.describe() : outcome.message().orElse(termination.describe());
            publish(state, StatusSource.SOURCE_EXECUTOR, Optional.empty(), message,
                    finished ? outcome.data() : Optional.empty());
        }
        end();
    }

    /**
     * Kills the task: SIGTERM now and SIGKILL after {@code grace} (else the task's kill
     * policy, else the agent's default). Before the process exists the task is TASK_KILLED
     * at once and the process is destroyed as soon as it appears.
     */
    void kill(Optional<Duration> grace) {
        if (killRequested || phase == Phase.ENDED) {
            return;
        }
        killRequested = true;
        if (phase == Phase.LAUNCHING) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' is killed during its launch");
            publish(TaskState.TASK_KILLED, StatusSource.SOURCE_AGENT,
                    Optional.of(Reason.REASON_TASK_KILLED_DURING_LAUNCH), "Task killed during launch");
            return;
        }
        if (framework.taskKillingState()) {
            publish(TaskState.TASK_KILLING, StatusSource.SOURCE_EXECUTOR, Optional.empty(), null);
        }
        Duration wait = grace.or(task::killGracePeriod).orElse(context.defaultGrace());
        LOG.log(Level.INFO, "killing task '" + task.taskId() + "' (SIGTERM, SIGKILL after " + wait + ")");
        container.terminate();
        if (wait.isZero() || wait.isNegative()) {
            container.destroy();
        } else {
            escalation = context.time().schedule(wait, () -> {
                try {
                    context.actor().execute(this::escalate);
                } catch (RejectedExecutionException e) {
                    LOG.log(Level.DEBUG, "agent closed before the kill of task '" + task.taskId() + "' escalated");
                }
            });
        }
    }

    private void escalate() {
        if (phase == Phase.RUNNING) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' outlived its kill grace period; sending SIGKILL");
            container.destroy();
        }
    }

    /** SIGKILL now, whatever the grace period (the agent is going away). */
    void destroy() {
        cancelEscalation();
        if (phase == Phase.RUNNING) {
            container.destroy();
        }
    }

    private void cancelEscalation() {
        if (escalation != null) {
            escalation.cancel();
            escalation = null;
        }
    }

    private void end() {
        phase = Phase.ENDED;
        if (!gone.isDone()) {
            gone.complete(null);
            effects.gone(this);
        }
    }

    private void publish(TaskState state, StatusSource source, Optional<Reason> reason, String message) {
        publish(state, source, reason, message, Optional.empty());
    }

    private void publish(TaskState state, StatusSource source, Optional<Reason> reason, String message,
                         Optional<Blob> data) {
        latest = context.statuses().status(origin, state, source, reason, Optional.ofNullable(message), data);
        effects.publish(this, latest);
    }
}
