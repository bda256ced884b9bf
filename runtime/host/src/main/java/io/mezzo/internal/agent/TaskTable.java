package io.mezzo.internal.agent;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.ReportedTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Agent}'s runs: the tasks it knows and reports, by id, and the runs of shut-down
 * frameworks, no longer reported but still to be seen gone. Owned by the agent's actor.
 */
final class TaskTable {
    private final Map<TaskId, TaskRunner> tasks = new LinkedHashMap<>();
    /** Runs of shut-down frameworks: no longer reported, still to be seen gone. */
    private final Set<TaskRunner> dying = new HashSet<>();

    boolean has(TaskId id) {
        return tasks.containsKey(id);
    }

    /** The run of task {@code id}; null when the agent does not know it. */
    TaskRunner get(TaskId id) {
        return tasks.get(id);
    }

    void add(TaskRunner run) {
        tasks.put(run.task().taskId(), run);
    }

    int size() {
        return tasks.size();
    }

    /** The run is the one the agent reports for its task (not one of a shut-down framework). */
    boolean reports(TaskRunner run) {
        return tasks.get(run.task().taskId()) == run;
    }

    /**
     * Forgets a run whose process is gone and whose final update was acknowledged
     * ({@code pendingUpdates} none left); answers whether it did.
     */
    boolean forgetIfDone(TaskRunner run, int pendingUpdates) {
        TaskId id = run.task().taskId();
        if (tasks.get(id) == run && run.finished() && run.gone().isDone() && pendingUpdates == 0) {
            tasks.remove(id);
            return true;
        }
        return false;
    }

    /**
     * Stops reporting {@code framework}'s runs; those still running are kept as dying until they
     * are gone. Answers every run it dropped; the caller kills those not gone yet.
     */
    List<TaskRunner> dropFramework(FrameworkId framework) {
        List<TaskRunner> runs = new ArrayList<>();
        tasks.values().removeIf(run -> run.frameworkId().equals(framework) && runs.add(run));
        for (TaskRunner run : runs) {
            if (!run.gone().isDone()) {
                dying.add(run);
            }
        }
        return runs;
    }

    /** {@code run}'s processes are gone; answers whether it was one of a shut-down framework. */
    boolean gone(TaskRunner run) {
        return dying.remove(run);
    }

    /** SIGTERMs every reported run; completes, one future per run (dying ones too), as each is gone. */
    List<CompletableFuture<Void>> killAll() {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (TaskRunner run : tasks.values()) {
            run.kill(Optional.empty());
            running.add(run.gone());
        }
        dying.forEach(run -> running.add(run.gone()));
        return running;
    }

    /** Every run, dying ones too, as a future that completes once it is gone; nothing is signalled. */
    List<CompletableFuture<Void>> running() {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        tasks.values().forEach(run -> running.add(run.gone()));
        dying.forEach(run -> running.add(run.gone()));
        return running;
    }

    void destroyAll() {
        tasks.values().forEach(TaskRunner::destroy);
        dying.forEach(TaskRunner::destroy);
    }

    /** The snapshot's view of every reported task, with its updates' progress from {@code streams}. */
    List<AgentSnapshot.Task> views(StatusUpdateStreams streams) {
        List<AgentSnapshot.Task> views = new ArrayList<>();
        for (TaskRunner run : tasks.values()) {
            TaskId id = run.task().taskId();
            views.add(new AgentSnapshot.Task(run.frameworkId(), id,
                    run.latest().map(TaskStatus::state).orElse(TaskState.TASK_STAGING),
                    run.sandbox().map(dir -> run.containerId()), run.sandbox(),
                    streams.pending(id), streams.retryAt(id)));
        }
        return views;
    }

    /** What a re-registration carries: each reported task's framework (once) and the task with its latest status. */
    RegisterPayload payload() {
        Map<FrameworkId, FrameworkInfo> frameworks = new LinkedHashMap<>();
        List<ReportedTask> reported = new ArrayList<>();
        for (TaskRunner run : tasks.values()) {
            frameworks.putIfAbsent(run.frameworkId(), run.framework().withId(run.frameworkId()));
            reported.add(new ReportedTask(run.frameworkId(), run.task(), run.latest().orElseThrow()));
        }
        return new RegisterPayload(List.copyOf(frameworks.values()), reported);
    }

    record RegisterPayload(List<FrameworkInfo> frameworks, List<ReportedTask> tasks) {}
}
