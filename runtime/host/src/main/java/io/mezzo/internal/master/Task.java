package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as the master knows it. Immutable: the master replaces it on every change, so
 * snapshots can share it.
 *
 * @param role            the role its resources were allocated under (the offer's role)
 * @param user            the OS user it runs as (CommandInfo.user, else the framework's user)
 * @param statuses        every status recorded, oldest first
 * @param unacknowledged  uuid of the latest reliable update forwarded and not yet acknowledged
 * @param killRequested   a KILL arrived while the agent was away; resend it when it returns
 */
public record Task(FrameworkId frameworkId, TaskSpec spec, String role, String user, TaskState state,
                   List<TaskStatus> statuses, Optional<UUID> unacknowledged, boolean killRequested) {
    public Task {
        statuses = List.copyOf(statuses);
    }

    public static Task staging(FrameworkId frameworkId, TaskSpec spec, String role, String user) {
        return new Task(frameworkId, spec, role, user, TaskState.TASK_STAGING, List.of(), Optional.empty(), false);
    }

    public TaskId id() {
        return spec.taskId();
    }

    public AgentId agentId() {
        return spec.agentId();
    }

    public Optional<TaskStatus> latest() {
        return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses.get(statuses.size() - 1));
    }

    public Task withStatus(TaskStatus status) {
        List<TaskStatus> all = new ArrayList<>(statuses);
        all.add(status);
        Optional<UUID> pending = status.uuid().isPresent() ? status.uuid() : unacknowledged;
        return new Task(frameworkId, spec, role, user, status.state(), all, pending, killRequested);
    }

    public Task acknowledged() {
        return new Task(frameworkId, spec, role, user, state, statuses, Optional.empty(), killRequested);
    }

    public Task withKillRequested(boolean requested) {
        return new Task(frameworkId, spec, role, user, state, statuses, unacknowledged, requested);
    }

    /** True when the framework has nothing left to acknowledge for this terminal task. */
    public boolean isSettled() {
        return state.isTerminal() && unacknowledged.isEmpty();
    }
}
