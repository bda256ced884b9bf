package io.mezzo.internal.protocol;

import io.mezzo.api.FrameworkId;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskStatus;

/** A task an agent still knows when it re-registers, with its latest status. */
public record ReportedTask(FrameworkId frameworkId, TaskSpec task, TaskStatus latest) {
    public ReportedTask {
        if (frameworkId == null || task == null || latest == null) {
            throw new IllegalArgumentException("reported task needs framework_id, task and latest");
        }
    }
}
