package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.TaskState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent is doing at one moment: its id (once a master gave it one), the master it
 * is registered with (empty while it is not), and every task it still knows.
 */
public record AgentSnapshot(Optional<AgentId> agentId, Optional<MasterAddress> master, List<Task> tasks) {
    public AgentSnapshot {
        tasks = List.copyOf(tasks);
    }

    /**
     * A task the agent knows: running, or ended with updates not yet acknowledged.
     *
     * @param state          the state of the task's latest status
     * @param container      the container running it, once launched
     * @param sandbox        the run directory, once launched
     * @param pendingUpdates status updates not yet acknowledged (the one in flight included)
     * @param retryAt        when the update in flight is resent, if it is being retried now
     */
    public record Task(FrameworkId frameworkId, TaskId taskId, TaskState state, Optional<ContainerId> container,
                       Optional<Path> sandbox, int pendingUpdates, Optional<Instant> retryAt) {}

    public Optional<Task> task(TaskId id) {
        return tasks.stream().filter(t -> t.taskId().equals(id)).findFirst();
    }
}
