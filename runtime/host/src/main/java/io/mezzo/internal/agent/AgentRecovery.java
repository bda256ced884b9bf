package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a checkpointing agent does when it starts, before it registers: reads its
 * {@link AgentCheckpoint}, re-attaches to every recorded process still running (through the
 * launcher, which then signals and follows it as one it started) and rebuilds the runs, so that
 * it registers under its old id with its tasks, as Mesos's agent recovers with
 * {@code --recover=reconnect}.
 *
 * <p>A recorded pid names the task's process only if that process started when the checkpoint
 * says; otherwise the task's process is gone and the pid was given to another.
 */
final class AgentRecovery {
    private static final Logger LOG = System.getLogger(AgentRecovery.class.getName());

    /** The agent's id and its runs as recovered; each run still needs {@link TaskRunner#resume}. */
    record Recovered(Optional<AgentId> agentId, List<Run> runs) {}

    /** A recovered run, its process (empty when none is left), and the updates it still has to deliver. */
    record Run(TaskRunner runner, Optional<RunningContainer> process, AgentCheckpoint.Task recorded) {}

    private AgentRecovery() {}

    /** Whether recovering needs a launcher: some recorded process may still run. */
    static boolean needsLauncher(List<AgentCheckpoint.Task> recorded) {
        return recorded.stream().anyMatch(t -> t.pid().isPresent() && !t.latest().state().isTerminal());
    }

    /**
     * Rebuilds the runs recorded in {@code recorded}. Runs of shut-down frameworks are not rebuilt:
     * what is left of their processes is killed and their records removed.
     */
    static Recovered recover(AgentCheckpoint checkpoint, List<AgentCheckpoint.Task> recorded,
                             Optional<Launcher> launcher, TaskRunner.Context context, TaskRunner.Effects effects) {
        Optional<AgentId> id = checkpoint.agentId();
        if (id.isEmpty()) {
            if (!recorded.isEmpty()) {
                LOG.log(Level.WARNING, "the checkpoint in " + checkpoint.directory() + " records " + recorded.size()
                        + " task(s) but no agent id; starting as a new agent without them");
            }
            return new Recovered(Optional.empty(), List.of());
        }
        List<Run> runs = new ArrayList<>();
        for (AgentCheckpoint.Task task : recorded) {
            Optional<RunningContainer> process = task.latest().state().isTerminal()
                    ? Optional.empty() : reattach(task, launcher);
            if (task.dropped()) {
                process.ifPresent(RunningContainer::destroy);
                checkpoint.remove(task.containerId());
                continue;
            }
            runs.add(new Run(TaskRunner.recovered(context, effects, id.get(), task), process, task));
        }
        long running = runs.stream().filter(r -> r.process().isPresent()).count();
        LOG.log(Level.INFO, "recovered agent '" + id.get() + "' from " + checkpoint.directory() + ": "
                + runs.size() + " task(s), " + running + " still running");
        return new Recovered(id, runs);
    }

    private static Optional<RunningContainer> reattach(AgentCheckpoint.Task task, Optional<Launcher> launcher) {
        if (task.pid().isEmpty() || launcher.isEmpty()) {
            return Optional.empty();
        }
        long pid = task.pid().getAsLong();
        OptionalLong started = TaskLaunch.startedMillis(pid);
        if (task.startedMillis().isPresent() && !started.equals(task.startedMillis())) {
            LOG.log(Level.DEBUG, () -> "pid " + pid + " of task '" + task.task().taskId()
                    + "' is gone or another process's now");
            return Optional.empty();
        }
        return launcher.get().recover(task.containerId(), pid);
    }
}
