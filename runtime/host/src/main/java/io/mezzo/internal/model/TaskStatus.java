package io.mezzo.internal.model;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.TaskId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One status of a task ({@code TaskStatus}). Updates that must be delivered reliably carry a
 * {@code uuid}; master-generated ones (reconciliation, TASK_LOST, TASK_ERROR) do not and
 * must not be acknowledged.
 *
 * @param timestamp   seconds since the epoch
 * @param container   the container that ran the task, when known
 * @param executorPid the pid of the task's process, when known
 */
public record TaskStatus(TaskId taskId, TaskState state, StatusSource source, Optional<Reason> reason,
                         Optional<String> message, Optional<Blob> data, Optional<AgentId> agentId,
                         Optional<String> executorId, double timestamp, Optional<UUID> uuid,
                         Optional<ContainerId> container, OptionalLong executorPid) {
    public TaskStatus {
        if (taskId == null || state == null || source == null) {
            throw new IllegalArgumentException("task status needs a task id, a state and a source");
        }
        reason = reason == null ? Optional.empty() : reason;
        message = message == null ? Optional.empty() : message;
        data = data == null ? Optional.empty() : data;
        agentId = agentId == null ? Optional.empty() : agentId;
        executorId = executorId == null ? Optional.empty() : executorId;
        uuid = uuid == null ? Optional.empty() : uuid;
        container = container == null ? Optional.empty() : container;
        executorPid = executorPid == null ? OptionalLong.empty() : executorPid;
    }

    /** A master-generated status (no uuid: not retried, never acknowledged). */
    public static TaskStatus fromMaster(TaskId taskId, TaskState state, Reason reason, String message,
                                        Optional<AgentId> agentId, double timestamp) {
        return new TaskStatus(taskId, state, StatusSource.SOURCE_MASTER, Optional.of(reason),
                Optional.of(message), Optional.empty(), agentId, Optional.empty(), timestamp,
                Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    public TaskStatus withReason(Reason r) {
        return new TaskStatus(taskId, state, source, Optional.of(r), message, data, agentId, executorId,
                timestamp, uuid, container, executorPid);
    }

    /** The same status without its uuid, as reconciliation answers carry it. */
    public TaskStatus withoutUuid() {
        return new TaskStatus(taskId, state, source, reason, message, data, agentId, executorId,
                timestamp, Optional.empty(), container, executorPid);
    }
}
