package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Termination;
import io.mezzo.internal.agent.fetch.Fetcher;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * <p>A checkpointing agent rebuilds the runs it recorded when it restarts ({@link #recovered},
 * {@link #resume}) and follows their processes as if it had started them.
 *
 * <p>Confined to the agent's actor. The sandbox and the launch are blocking and run on a
 * worker ({@link TaskLaunch}); their outcome comes back to the actor.
 */
final class TaskRunner {
    private static final Logger LOG = System.getLogger(TaskRunner.class.getName());

    /** What every run needs from its agent. {@code actor} throws once the agent is closed. */
    record Context(TimeSource time, Executor actor, Executor worker, Supplier<Optional<Launcher>> launcher,
                   StatusFactory statuses, Path workDir, boolean switchUser, Duration defaultGrace,
                   Map<String, String> agentEnvironment, Fetcher fetcher, JsTaskHdfs jsHdfs, boolean recordExits) {}

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
    /** The process, once started: its pid and when it started (see {@link TaskLaunch#startedMillis}). */
    private OptionalLong pid = OptionalLong.empty();
    private OptionalLong startedMillis = OptionalLong.empty();
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

    /**
     * A run recorded before the agent restarted, as {@link AgentCheckpoint} kept it; {@link #resume}
     * then takes up its process.
     */
    static TaskRunner recovered(Context context, Effects effects, AgentId agentId, AgentCheckpoint.Task recorded) {
        TaskRunner run = new TaskRunner(context, effects, agentId, recorded.frameworkId(), recorded.framework(),
                recorded.task(), recorded.containerId());
        run.sandbox = recorded.sandbox().map(Path::of);
        run.pid = recorded.pid();
        recorded.pid().ifPresent(p -> run.origin = run.origin.withProcess(recorded.containerId(), p));
        run.startedMillis = recorded.startedMillis();
        run.latest = recorded.latest();
        run.killRequested = recorded.killRequested();
        return run;
    }

    /**
     * Takes up a recovered run: {@code process} is its process, re-attached by the launcher, or
     * empty when none is left. A run that had ended stays ended (only its updates are left to
     * deliver); one whose launch was under way fails; one whose process ended while the agent
     * was away ends with the status {@link RecordedExit} kept; a kill under way goes on.
     */
    void resume(Optional<RunningContainer> process) {
        if (finished()) {
            process.ifPresent(RunningContainer::destroy);
            end();
        } else if (sandbox.isEmpty() || pid.isEmpty()) {
            publish(killRequested ? TaskState.TASK_KILLED : TaskState.TASK_FAILED, StatusSource.SOURCE_AGENT,
                    Optional.of(Reason.REASON_AGENT_RESTARTED), "The agent restarted while the task was launching");
            end();
        } else if (process.isPresent()) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' of framework '" + frameworkId + "' re-attached: pid "
                    + process.get().pid() + " in " + sandbox.get());
            follow(process.get());
            if (killRequested) {
                signalKill(Optional.empty());
            }
        } else {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' of framework '" + frameworkId
                    + "' ended while the agent was away");
            phase = Phase.RUNNING;
            try {
                context.worker().execute(() -> ended(new Termination.Unknown("it ended while the agent was away")));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "agent closed before task '" + task.taskId() + "' was recovered");
            }
        }
    }

    /** What the checkpoint keeps of this run. */
    AgentCheckpoint.Task checkpoint(List<TaskStatus> pending, boolean dropped) {
        return new AgentCheckpoint.Task(frameworkId, framework, task, containerId, sandbox.map(Path::toString),
                pid, startedMillis, latest, pending, killRequested, dropped);
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

    /** TASK_STARTING, then the sandbox and the launch on a worker ({@link TaskLaunch}). */
    void launch(AgentId agentId) {
        publish(TaskState.TASK_STARTING, StatusSource.SOURCE_EXECUTOR, Optional.empty(), null);
        TaskLaunch plan = new TaskLaunch(context, agentId, frameworkId, framework, task, containerId, js,
                new TaskLaunch.Outcome() {
                    @Override
                    public void launched(Path sandbox, RunningContainer started, OptionalLong startedMillis) {
                        TaskRunner.this.launched(sandbox, started, startedMillis);
                    }

                    @Override
                    public void launchFailed(String message) {
                        TaskRunner.this.launchFailed(message);
                    }
                });
        try {
            context.worker().execute(plan::run);
        } catch (RejectedExecutionException e) {
            launchFailed("the agent is shutting down");
        }
    }

    private void launched(Path dir, RunningContainer started, OptionalLong processStarted) {
        sandbox = Optional.of(dir);
        startedMillis = processStarted;
        follow(started);
        if (killRequested) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' was killed while launching; destroying its process");
            started.destroy();
            return;
        }
        LOG.log(Level.INFO, "task '" + task.taskId() + "' of framework '" + frameworkId + "' is running as pid "
                + started.pid() + " in " + dir);
        publish(TaskState.TASK_RUNNING, StatusSource.SOURCE_EXECUTOR, Optional.empty(), null);
    }

    /** From now on the run's process is {@code running}; its end comes back to the actor. */
    private void follow(RunningContainer running) {
        container = running;
        pid = OptionalLong.of(running.pid());
        phase = Phase.RUNNING;
        origin = origin.withProcess(running.id(), running.pid());
        running.termination().whenComplete((termination, error) -> ended(termination != null ? termination
                : new Termination.Unknown("the launcher lost the process: " + error)));
    }

    /**
     * Off the actor: a status the launcher could not know (a re-attached process is not the
     * agent's child) is read from what {@link RecordedExit} left, and a JS task's outcome from
     * its sandbox; both may block.
     */
    private void ended(Termination reported) {
        Path dir = sandbox.orElseThrow();
        Termination t = reported instanceof Termination.Unknown ? RecordedExit.read(dir).orElse(reported) : reported;
        JsTask.Outcome outcome = js.isPresent() ? JsTask.outcome(dir, t)
                : new JsTask.Outcome(Optional.empty(), Optional.empty());
        try {
            context.actor().execute(() -> terminated(t, outcome));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "agent closed before task '" + task.taskId() + "' ended");
        }
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
        signalKill(grace);
    }

    /** SIGTERM now, SIGKILL after the grace period; nothing when no process is left to signal. */
    private void signalKill(Optional<Duration> grace) {
        if (container == null) {
            return;
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
        if (phase == Phase.RUNNING && container != null) {
            LOG.log(Level.INFO, "task '" + task.taskId() + "' outlived its kill grace period; sending SIGKILL");
            container.destroy();
        }
    }

    /** SIGKILL now, whatever the grace period (the agent is going away). */
    void destroy() {
        cancelEscalation();
        if (phase == Phase.RUNNING && container != null) {
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
