package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.spi.Launcher;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * An agent's tasks as its actor keeps them: the runs ({@link TaskTable}), their status update
 * streams and their checkpoint, and what the master's task events do to them: launch, kill,
 * acknowledge, shut a framework down. Every change to a run is recorded in the checkpoint
 * before an update of it is sent. Confined to the agent's actor.
 */
final class AgentTasks {
    private static final Logger LOG = System.getLogger(AgentTasks.class.getName());

    private final TaskTable tasks = new TaskTable();
    private final StatusUpdateStreams streams;
    private final CheckpointWriter checkpoints;
    private final StatusFactory statuses;
    private final TaskRunner.Context context;
    private final TaskRunner.Effects effects = new RunEffects();

    AgentTasks(StatusUpdateStreams streams, CheckpointWriter checkpoints, StatusFactory statuses,
               TaskRunner.Context context) {
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.statuses = statuses;
        this.context = context;
    }

    TaskTable table() {
        return tasks;
    }

    /** Rebuilds the runs a restarted agent recovered; their unacknowledged updates go out once it registers. */
    void adopt(AgentCheckpoint checkpoint, List<AgentCheckpoint.Task> recorded,
               Optional<Launcher> launcher, Consumer<Optional<AgentId>> agentId) {
        AgentRecovery.Recovered recovered = AgentRecovery.recover(checkpoint, recorded, launcher, context, effects);
        agentId.accept(recovered.agentId());
        for (AgentRecovery.Run run : recovered.runs()) {
            tasks.add(run.runner());
            run.recorded().pending().forEach(status -> streams.enqueue(run.recorded().frameworkId(), status));
        }
        recovered.runs().forEach(run -> run.runner().resume(run.process()));
    }

    /** LAUNCH_TASK: a run, unless the task is known already or invalid (TASK_ERROR). */
    void launch(AgentEvent.LaunchTask event, AgentId self) {
        TaskSpec task = event.task();
        FrameworkId frameworkId = event.frameworkId();
        if (task == null || frameworkId == null) {
            LOG.log(Level.WARNING, "ignoring LAUNCH_TASK without a task or a framework id");
            return;
        }
        TaskId id = task.taskId();
        if (tasks.has(id)) {
            // Any status now would read as news of the run this agent already has.
            LOG.log(Level.WARNING, "ignoring LAUNCH_TASK for task '" + id + "': this agent already has it");
            return;
        }
        Optional<String> invalid = LaunchCheck.problem(event, self);
        if (invalid.isPresent()) {
            LOG.log(Level.WARNING, "refusing task '" + id + "': " + invalid.get());
            TaskStatus status = statuses.status(origin(id, self), TaskState.TASK_ERROR, StatusSource.SOURCE_AGENT,
                    Optional.of(Reason.REASON_TASK_INVALID), invalid);
            streams.enqueue(frameworkId, status);
            return;
        }
        TaskRunner run = new TaskRunner(context, effects, self, frameworkId, event.framework(), task,
                new ContainerId(statuses.uuid().toString()));
        tasks.add(run);
        LOG.log(Level.INFO, "launching task '" + id + "' of framework '" + frameworkId + "'");
        run.launch(self);
    }

    private static StatusFactory.Origin origin(TaskId id, AgentId self) {
        return new StatusFactory.Origin(id, self, Optional.empty(), OptionalLong.empty());
    }

    void kill(AgentEvent.KillTask event) {
        TaskRunner run = tasks.get(event.taskId());
        if (run == null || !run.frameworkId().equals(event.frameworkId())) {
            // The master reconciles tasks it thinks are here.
            LOG.log(Level.DEBUG, () -> "ignoring KILL_TASK for unknown task '" + event.taskId() + "'");
            return;
        }
        run.kill(event.gracePeriod());
        checkpoints.run(run);
    }

    void acknowledge(AgentEvent.Acknowledge event) {
        TaskRunner run = tasks.get(event.taskId());
        if (run != null && !run.frameworkId().equals(event.frameworkId())) {
            LOG.log(Level.DEBUG, () -> "ignoring ACKNOWLEDGE for task '" + event.taskId()
                    + "' from framework '" + event.frameworkId() + "', which does not own it");
            return;
        }
        streams.acknowledge(event.taskId(), event.uuid()).ifPresent(acked -> {
            if (run != null && !forgetIfDone(run)) {
                checkpoints.run(run);
            }
        });
    }

    void shutdownFramework(AgentEvent.ShutdownFramework event) {
        FrameworkId framework = event.frameworkId();
        LOG.log(Level.INFO, "shutting down framework '" + framework + "': killing its tasks");
        streams.dropFramework(framework);
        for (TaskRunner run : tasks.dropFramework(framework)) {
            if (run.gone().isDone()) {
                checkpoints.forget(run);
            } else {
                checkpoints.dropped(run);
                run.kill(Optional.empty());
            }
        }
    }

    /** Forgets {@code run} if it is over and its updates were all acknowledged; answers whether it did. */
    private boolean forgetIfDone(TaskRunner run) {
        TaskId id = run.task().taskId();
        if (tasks.forgetIfDone(run, streams.pending(id))) {
            checkpoints.forget(run);
            LOG.log(Level.DEBUG, () -> "forgot task '" + id + "'");
            return true;
        }
        return false;
    }

    private final class RunEffects implements TaskRunner.Effects {
        @Override
        public void publish(TaskRunner run, TaskStatus status) {
            // Runs of shut-down frameworks are no longer reported: nothing of them is sent.
            if (tasks.reports(run)) {
                checkpoints.runBeforeSending(run, status);
                streams.enqueue(run.frameworkId(), status);
            }
        }

        @Override
        public void gone(TaskRunner run) {
            if (tasks.gone(run)) {
                checkpoints.forget(run);
            }
            forgetIfDone(run);
        }
    }
}
