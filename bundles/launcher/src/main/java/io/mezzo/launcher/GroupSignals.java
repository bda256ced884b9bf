package io.mezzo.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Signals task process groups. A group is signalled in one {@code kill(-pgid)} call by running
 * {@code kill -s SIG -- -<pgid>}, so a member that forks meanwhile cannot slip through. When
 * {@code kill} cannot be run, each member found in /proc is signalled through the JDK instead.
 * Nothing here waits for a signal to take effect.
 */
final class GroupSignals {
    private static final System.Logger LOG = System.getLogger(GroupSignals.class.getName());
    private static final File DEV_NULL = new File("/dev/null");

    private final Optional<Path> kill;

    GroupSignals(Optional<Path> kill) {
        this.kill = kill;
    }

    /**
     * Signals the group {@code pid} leads. A process that does not (yet) lead a group gets the
     * signal alone, with its descendants: right after a launch, {@code setsid} may not have run
     * yet, and there is then no group to signal; a recovered foreign process may be in someone
     * else's group, which is not ours to signal. A process that is gone is left alone.
     */
    void signal(long pid, Signal signal) {
        OptionalLong group = ProcStat.processGroupOf(pid);
        if (group.isEmpty()) {
            return;
        }
        if (group.getAsLong() == pid) {
            signalGroup(pid, signal);
        } else {
            signalTree(pid, signal);
        }
    }

    /**
     * Sends SIGKILL to whatever is left in group {@code pgid} after its leader ended. Completes
     * (never exceptionally) once the signal has been sent.
     */
    CompletableFuture<Void> killGroup(long pgid) {
        return signalGroup(pgid, Signal.KILL);
    }

    private CompletableFuture<Void> signalGroup(long pgid, Signal signal) {
        Optional<CompletableFuture<Void>> sent = runKill(signal, List.of("-" + pgid));
        if (sent.isPresent()) {
            return sent.get();
        }
        ProcStat.membersOf(pgid).forEach(member -> deliver(signal, member));
        return CompletableFuture.completedFuture(null);
    }

    private void signalTree(long pid, Signal signal) {
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root.get());
        root.get().descendants().forEach(tree::add);
        List<String> pids = new ArrayList<>();
        tree.forEach(p -> pids.add(Long.toString(p.pid())));
        if (runKill(signal, pids).isEmpty()) {
            tree.forEach(p -> deliver(signal, p));
        }
    }

    /** Starts {@code kill}; empty when it cannot be started. Its exit is reaped by the JDK. */
    private Optional<CompletableFuture<Void>> runKill(Signal signal, List<String> targets) {
        if (kill.isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of(kill.get().toString(), "-s", signal.name(), "--"));
        argv.addAll(targets);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        try {
            Process process = builder.start();
            // A non-zero exit usually means the targets were already gone (ESRCH): nothing to do.
            return Optional.of(process.onExit().handle((p, failure) -> null));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot run " + kill.get() + ", signalling processes one by one: " + e);
            return Optional.empty();
        }
    }

    private static void deliver(Signal signal, ProcessHandle process) {
        try {
            signal.deliverTo(process);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send SIG" + signal + " to pid " + process.pid() + ": " + e);
        }
    }
}
