package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.master.TaskStateMachine.Effect;
import io.mezzo.internal.master.TaskStateMachine.Transition;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Task status changes, from agents or made by the master, applied through
 * {@link TaskStateMachine}; and the framework's side of them: acknowledgements, kills and
 * reconciliation.
 */
final class TaskUpdates {
    private static final Logger LOG = System.getLogger(TaskUpdates.class.getName());

    private final MasterContext ctx;

    TaskUpdates(MasterContext ctx) {
        this.ctx = ctx;
    }

    /** A reliable update from an agent (it carries a uuid and is retried until acknowledged). */
    CallResult fromAgent(AgentId agentId, FrameworkId fid, TaskStatus status) {
        ctx.metrics.increment("master/messages_status_update");
        FrameworkEntry framework = ctx.state.frameworks.get(fid);
        if (framework == null) {
            if (ctx.state.wasRemoved(fid)) {
                // The agent missed the shutdown; remind it so it stops retrying.
                ctx.sendToAgent(agentId, new AgentEvent.ShutdownFramework(fid));
            }
            ctx.metrics.increment("master/invalid_status_updates");
            return CallResult.ACCEPTED;
        }
        Task task = framework.tasks.get(status.taskId());
        if (task == null) {
            if (settled(framework, status)) {
                ctx.sendToAgent(agentId, new AgentEvent.Acknowledge(fid, status.taskId(), status.uuid().orElseThrow()));
            } else {
                // Unknown to us; the framework may know better (Mesos forwards these too).
                ctx.send(framework, new SchedulerEvent.Update(status));
            }
            return CallResult.ACCEPTED;
        }
        if (!task.agentId().equals(agentId)) {
            return new CallResult.Invalid("task " + task.id() + " runs on agent " + task.agentId() + ", not " + agentId);
        }
        if (task.statuses().stream().anyMatch(s -> s.uuid().equals(status.uuid()))) {
            // A retry of an update we already recorded: the framework has not acknowledged it.
            ctx.send(framework, new SchedulerEvent.Update(status));
            return CallResult.ACCEPTED;
        }
        Transition transition = TaskStateMachine.apply(task.state(), status.state());
        if (transition.effects().isEmpty()) {
            return new CallResult.Invalid(transition.note());
        }
        ctx.metrics.increment("master/valid_status_updates");
        apply(framework, task, status, transition);
        return CallResult.ACCEPTED;
    }

    private static boolean settled(FrameworkEntry framework, TaskStatus status) {
        return framework.completedTasks.stream().anyMatch(t -> t.id().equals(status.taskId()));
    }

    /** Applies a status the master itself decided (TASK_LOST, TASK_KILLED on removal, ...). */
    void fromMaster(FrameworkEntry framework, Task task, TaskState state, Reason reason, String message) {
        TaskStatus status = withTaskContext(task,
                ctx.masterStatus(task.id(), state, reason, message, Optional.of(task.agentId())));
        apply(framework, task, status, TaskStateMachine.apply(task.state(), state));
    }

    private void apply(FrameworkEntry framework, Task task, TaskStatus status, Transition transition) {
        Task updated = task;
        for (Effect effect : transition.effects()) {
            switch (effect) {
                case RECORD_STATUS:
                    updated = updated.withStatus(status);
                    break;
                case RELEASE_RESOURCES:
                    ctx.allocator.recoverResources(framework.id, task.agentId(), task.role(), task.spec().resources(),
                            Optional.empty());
                    ctx.requestAllocation();
                    break;
                case FORWARD_TO_FRAMEWORK:
                    ctx.send(framework, new SchedulerEvent.Update(status));
                    break;
                case ACKNOWLEDGE_TO_AGENT:
                    status.uuid().ifPresent(uuid -> ctx.sendToAgent(task.agentId(),
                            new AgentEvent.Acknowledge(framework.id, task.id(), uuid)));
                    break;
            }
        }
        if (updated == task) {
            return;
        }
        if (transition.changesState() && transition.to().isTerminal()) {
            ctx.metrics.increment("master/tasks_" + transition.to().metricName());
        }
        if (transition.changesState()) {
            LOG.log(Level.INFO, () -> "task " + task.id() + " of " + framework.id + " is " + status.state()
                    + status.message().map(m -> " (" + m + ")").orElse(""));
        }
        if (updated.state().isTerminal() && status.uuid().isEmpty()) {
            // Master-made terminal states are never acknowledged: the task is done now.
            complete(framework, updated);
        } else {
            framework.tasks.put(updated.id(), updated);
            ctx.store.putTask(updated);
        }
    }

    /** Moves a settled task to the framework's completed tasks. */
    void complete(FrameworkEntry framework, Task task) {
        framework.complete(task, ctx.config.maxCompletedTasksPerFramework());
        AgentEntry agent = ctx.state.agents.get(task.agentId());
        if (agent != null) {
            agent.tasks.remove(new TaskKey(framework.id, task.id()));
        }
        ctx.store.removeTask(framework.id, task.id());
    }

    CallResult acknowledge(FrameworkEntry framework, SchedulerCall.Acknowledge ack) {
        ctx.metrics.increment("master/messages_status_update_acknowledgement");
        ctx.sendToAgent(ack.agentId(), new AgentEvent.Acknowledge(framework.id, ack.taskId(), ack.uuid()));
        Task task = framework.tasks.get(ack.taskId());
        if (task == null || !task.unacknowledged().equals(Optional.of(ack.uuid()))) {
            ctx.metrics.increment("master/invalid_status_update_acknowledgements");
            return CallResult.ACCEPTED;
        }
        ctx.metrics.increment("master/valid_status_update_acknowledgements");
        Task acked = task.acknowledged();
        if (acked.isSettled()) {
            complete(framework, acked);
        } else {
            framework.tasks.put(acked.id(), acked);
            ctx.store.putTask(acked);
        }
        return CallResult.ACCEPTED;
    }

    CallResult kill(FrameworkEntry framework, SchedulerCall.Kill kill) {
        ctx.metrics.increment("master/messages_kill_task");
        Task task = framework.tasks.get(kill.taskId());
        if (task == null) {
            // Mesos answers a kill of an unknown task with its reconciliation status.
            reconcileOne(framework, new SchedulerCall.ReconcileTask(kill.taskId(), kill.agentId()));
            return CallResult.ACCEPTED;
        }
        if (task.state().isTerminal()) {
            return CallResult.ACCEPTED;
        }
        AgentEntry agent = ctx.state.agents.get(task.agentId());
        if (agent != null && agent.connected()) {
            agent.stream.get().send(new AgentEvent.KillTask(framework.id, task.id(), kill.gracePeriod()));
        } else {
            Task marked = task.withKillRequested(true);
            framework.tasks.put(marked.id(), marked);
            ctx.store.putTask(marked);
        }
        return CallResult.ACCEPTED;
    }

    CallResult reconcile(FrameworkEntry framework, SchedulerCall.Reconcile call) {
        ctx.metrics.increment("master/messages_reconcile_tasks");
        if (call.tasks().isEmpty()) {
            for (Task task : framework.tasks.values()) {
                ctx.send(framework, new SchedulerEvent.Update(reconciled(task)));
            }
        } else {
            call.tasks().forEach(t -> reconcileOne(framework, t));
        }
        return CallResult.ACCEPTED;
    }

    private void reconcileOne(FrameworkEntry framework, SchedulerCall.ReconcileTask query) {
        Task task = framework.tasks.get(query.taskId());
        if (task != null) {
            ctx.send(framework, new SchedulerEvent.Update(reconciled(task)));
            return;
        }
        boolean aware = framework.info.partitionAware();
        TaskState state;
        if (query.agentId().isPresent()) {
            AgentId agentId = query.agentId().get();
            AgentEntry agent = ctx.state.agents.get(agentId);
            if (agent != null && agent.recovered) {
                return; // Mesos: the agent may still report it after re-registering; ask again later.
            }
            if (agent != null) {
                state = aware ? TaskState.TASK_GONE : TaskState.TASK_LOST;
            } else if (ctx.state.unreachableAgents.containsKey(agentId)) {
                state = aware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
            } else {
                state = aware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
            }
        } else {
            state = aware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
        }
        ctx.send(framework, new SchedulerEvent.Update(ctx.masterStatus(query.taskId(), state,
                Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown", query.agentId())));
    }

    private TaskStatus reconciled(Task task) {
        TaskStatus base = ctx.masterStatus(task.id(), task.state(), Reason.REASON_RECONCILIATION,
                "Reconciliation: Latest task state", Optional.of(task.agentId()));
        return withTaskContext(task, base);
    }

    /** Fills in what the task's latest status knew (executor, container, data), as Mesos does. */
    private static TaskStatus withTaskContext(Task task, TaskStatus status) {
        Optional<TaskStatus> latest = task.latest();
        return new TaskStatus(status.taskId(), status.state(), StatusSource.SOURCE_MASTER, status.reason(),
                status.message(), latest.flatMap(TaskStatus::data), status.agentId(),
                Optional.of(task.id().value()), status.timestamp(), Optional.empty(),
                latest.flatMap(TaskStatus::container),
                latest.map(TaskStatus::executorPid).orElse(OptionalLong.empty()));
    }
}
