package io.mezzo.launcher;

import io.mezzo.api.ContainerId;
import io.mezzo.api.Termination;
import io.mezzo.spi.RunningContainer;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A task's process tree: a root process that leads its own process group, with everything it
 * forked in that group. When the root ends, what is left of the group is killed before
 * {@link #termination()} completes, as Mesos destroys a container whose executor has exited.
 */
final class ProcessGroupContainer implements RunningContainer {
    private static final System.Logger LOG = System.getLogger(ProcessGroupContainer.class.getName());

    private final ContainerId id;
    private final long pid;
    private final boolean leadsGroup;
    private final GroupSignals signals;
    private final CompletableFuture<Termination> termination = new CompletableFuture<>();
    private final CompletionStage<Termination> readOnlyTermination = termination.minimalCompletionStage();
    private volatile boolean rootEnded;

    private ProcessGroupContainer(ContainerId id, long pid, boolean leadsGroup, GroupSignals signals) {
        this.id = id;
        this.pid = pid;
        this.leadsGroup = leadsGroup;
        this.signals = signals;
    }

    /** Follows a process this launcher started; as its parent, the JDK reports its exit status. */
    static ProcessGroupContainer started(ContainerId id, Process process, GroupSignals signals) {
        ProcessGroupContainer container = new ProcessGroupContainer(id, process.pid(), true, signals);
        process.onExit().whenComplete((ended, failure) -> container.rootEnded(failure == null
                ? Termination.fromJdkExitValue(ended.exitValue())
                : new Termination.Unknown("exit status not reported: " + failure)));
        return container;
    }

    /**
     * Follows a process started elsewhere, whose exit status only its parent learns. A process
     * that does not lead its own group is not treated as a group: its group is someone else's.
     */
    static ProcessGroupContainer recovered(ContainerId id, ProcessHandle process, GroupSignals signals) {
        boolean leadsGroup = ProcStat.processGroupOf(process.pid()).orElse(-1) == process.pid();
        ProcessGroupContainer container = new ProcessGroupContainer(id, process.pid(), leadsGroup, signals);
        process.onExit().whenComplete((ended, failure) ->
                container.rootEnded(new Termination.Unknown("recovered process")));
        return container;
    }

    @Override
    public ContainerId id() {
        return id;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public CompletionStage<Termination> termination() {
        return readOnlyTermination;
    }

    @Override
    public void terminate() {
        send(Signal.TERM);
    }

    @Override
    public void destroy() {
        send(Signal.KILL);
    }

    private void send(Signal signal) {
        // Once the root has ended its pid may be reused: only the cleanup below signals then.
        if (!rootEnded) {
            signals.signal(pid, signal);
        }
    }

    private void rootEnded(Termination how) {
        rootEnded = true;
        LOG.log(Level.DEBUG, () -> "container " + id + " (pid " + pid + "): " + how.describe());
        if (!leadsGroup) {
            termination.complete(how);
            return;
        }
        try {
            signals.killGroup(pid).whenComplete((ignored, failure) -> termination.complete(how));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot kill what is left of container " + id + " (group " + pid + ")", e);
            termination.complete(how);
        }
    }

    @Override
    public String toString() {
        return "container " + id + " (pid " + pid + ")";
    }
}
