package io.mezzo.internal.model;

import io.mezzo.api.AgentId;
import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A task as a framework described it ({@code TaskInfo}), after validation: Mezzo runs
 * command tasks, so {@code command} is always present.
 *
 * @param killGracePeriod {@code kill_policy.grace_period}; the agent's default applies when absent
 */
public record TaskSpec(TaskId taskId, String name, AgentId agentId, Resources resources, CommandInfo command,
                       Optional<Duration> killGracePeriod, List<Label> labels, Optional<Blob> data) {
    public TaskSpec {
        if (taskId == null || name == null || agentId == null || resources == null || command == null) {
            throw new IllegalArgumentException("task is missing a required field");
        }
        killGracePeriod = killGracePeriod == null ? Optional.empty() : killGracePeriod;
        labels = labels == null ? List.of() : List.copyOf(labels);
        data = data == null ? Optional.empty() : data;
    }
}
