package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.protocol.AgentEvent;
import java.util.Optional;

/** Why the {@link Agent} refuses a LAUNCH_TASK it was sent, before anything of it runs. */
final class LaunchCheck {
    private LaunchCheck() {
    }

    /** The reason agent {@code self} cannot run {@code event}'s task (TASK_ERROR); empty when it can. */
    static Optional<String> problem(AgentEvent.LaunchTask event, AgentId self) {
        TaskSpec task = event.task();
        FrameworkInfo framework = event.framework();
        if (framework.id().isPresent() && !framework.id().get().equals(event.frameworkId())) {
            return Optional.of("framework info is for framework '" + framework.id().get()
                    + "', not '" + event.frameworkId() + "'");
        }
        if (!task.agentId().equals(self)) {
            return Optional.of("task is for agent '" + task.agentId() + "', not this agent '" + self + "'");
        }
        if (task.command().value().isEmpty()) {
            return Optional.of("task has no command value");
        }
        if (JsTask.isJs(task)) {
            try {
                JsTask.decode(task);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }
}
