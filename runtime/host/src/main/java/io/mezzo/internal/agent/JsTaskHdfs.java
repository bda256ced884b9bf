package io.mezzo.internal.agent;

import io.mezzo.internal.js.task.TaskHdfs;
import io.mezzo.spi.HdfsSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an agent gives its JS tasks to reach HDFS: its own HDFS settings as environment
 * variables ({@link TaskHdfs}) and the HDFS implementation's jar for their class path, looked up
 * at each launch (the HDFS bundle may have been swapped since the last).
 *
 * @param environment added to a JS task's environment; empty when the agent has no HDFS
 * @param bundleJar   the jar of the HDFS implementation in use, if there is one
 */
public record JsTaskHdfs(Map<String, String> environment, Supplier<Optional<Path>> bundleJar) {
    public JsTaskHdfs {
        environment = Map.copyOf(environment);
        if (bundleJar == null) {
            throw new IllegalArgumentException("a bundle jar supplier is required");
        }
    }

    /** Tasks get {@code settings}, and the implementation on the agent's own class path, if any. */
    public static JsTaskHdfs of(HdfsSettings settings, Supplier<Optional<Path>> bundleJar) {
        return new JsTaskHdfs(TaskHdfs.environment(settings), bundleJar);
    }
}
