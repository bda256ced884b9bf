package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.security.HostedCredentials;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The master's hosted framework scripts: each runs through the process's {@link
 * io.mezzo.internal.js.ScriptHost} and talks to this master over its own HTTP address, like any
 * client framework, so redirects, failover and authentication work the same.
 *
 * <p>Threads: HTTP handlers, the deploy-directory watch and outcome callbacks (the scripts'
 * connection threads) all change the registry. Its state is a small table ({@link HostedTable})
 * behind this object's monitor, held only for table updates; the blocking work (evaluating a
 * script, tearing one down) runs on the registry's own worker thread, never on the caller's
 * (an event loop).
 *
 * <p>Across failovers: every script is kept in a {@link HostedStore} (source, params,
 * principal, state, framework id once subscribed). The leader that takes over calls {@link
 * #resume()}, which starts again every stored script that had not ended, subscribing with its
 * framework id; a master that steps down calls {@link #suspend()}, which stops its scripts
 * without tearing their frameworks down and without touching the store. A resumed script
 * starts with fresh JS state: what it kept in variables is gone; the master re-sends what it
 * still needs to hear (unacknowledged updates) and the script can reconcile.
 *
 * <p>Ended scripts stay listed, up to {@code historyLimit} of them (the oldest go first), so
 * users can read how a script ended.
 */
public final class HostedFrameworks implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HostedFrameworks.class.getName());
    public static final int DEFAULT_HISTORY = 100;

    private final ScriptLauncher launcher;
    private final TimeSource time;
    private final HostedStore store;
    private final ActorThread worker = new ActorThread("mezzo-hosting");
    private final HostedTable table; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param masters the addresses the scripts connect to: this master's own (loopback) URL,
     *                then any others
     */
    public HostedFrameworks(ScriptRuntime runtime, List<URI> masters, TimeSource time, int historyLimit) {
        this(runtime, masters, time, historyLimit, Optional.empty());
    }

    /**
     * @param credentials issues each script a secret for its principal, which it sends as HTTP
     *                    Basic to the master (and the master accepts); without it scripts send none
     */
    public HostedFrameworks(ScriptRuntime runtime, List<URI> masters, TimeSource time, int historyLimit,
                            Optional<HostedCredentials> credentials) {
        this(runtime, masters, time, historyLimit, credentials, HostedStore.NONE);
    }

    /** @param store where scripts are kept for the next leader ({@link HostedStore#NONE}: nowhere) */
    public HostedFrameworks(ScriptRuntime runtime, List<URI> masters, TimeSource time, int historyLimit,
                            Optional<HostedCredentials> credentials, HostedStore store) {
        if (masters.isEmpty() || historyLimit < 1) {
            throw new IllegalArgumentException("hosting needs a master address and a history of at least 1");
        }
        this.launcher = new ScriptLauncher(runtime, masters, credentials);
        this.time = time;
        this.table = new HostedTable(historyLimit);
        this.store = store;
    }

    /**
     * Starts {@code script} on the worker thread. Completes with its view once it runs, or
     * exceptionally with the {@link ScriptException} (file and line named) when it cannot run:
     * nothing is registered then.
     */
    public CompletableFuture<Hosted> submit(ScriptSource script, ObjectNode params, Hosted.Origin origin) {
        return submit(script, params, origin, Optional.empty());
    }

    /**
     * As {@link #submit(ScriptSource, ObjectNode, Hosted.Origin)}, for a submitter who
     * authenticated as {@code principal}: the script's framework runs as that principal
     * (without one, as {@value HostedCredentials#DEFAULT_PRINCIPAL}).
     */
    public CompletableFuture<Hosted> submit(ScriptSource script, ObjectNode params, Hosted.Origin origin,
                                            Optional<String> principal) {
        String runAs = principal.orElse(HostedCredentials.DEFAULT_PRINCIPAL);
        Optional<String> file = origin == Hosted.Origin.DEPLOY_DIR ? Optional.of(script.name()) : Optional.empty();
        return launch(script, () -> new StoredHosted(allocateId(), script.name(), origin, Hosted.State.RUNNING,
                Optional.empty(), Optional.empty(), null, time.millis(), runAs, params, script.text(),
                script.files(), file));
    }

    /**
     * Starts the deploy-directory script {@code script} (named by its file): as the framework it
     * was before a failover when the store has that file's script running, else anew.
     */
    public CompletableFuture<Hosted> submitDeployed(ScriptSource script, ObjectNode params) {
        StoredHosted resumed;
        synchronized (this) {
            resumed = table.takeAwaiting(script.name());
        }
        if (resumed == null) {
            return submit(script, params, Hosted.Origin.DEPLOY_DIR);
        }
        LOG.log(Level.INFO, () -> "resuming deployed script " + script.name() + " as framework "
                + resumed.frameworkId().orElse("(not yet subscribed)"));
        return launch(script, () -> new StoredHosted(resumed.id(), script.name(), Hosted.Origin.DEPLOY_DIR,
                Hosted.State.RUNNING, resumed.frameworkId(), Optional.empty(), null, resumed.submittedAtMillis(),
                resumed.principal(), params, script.text(), Map.of(), Optional.of(script.name())));
    }

    private CompletableFuture<Hosted> launch(ScriptSource script, java.util.function.Supplier<StoredHosted> how) {
        CompletableFuture<Hosted> started = new CompletableFuture<>();
        try {
            worker.execute(() -> start(script, how.get(), started));
        } catch (RejectedExecutionException e) {
            started.completeExceptionally(new IllegalStateException("the master is stopping; "
                    + script.name() + " was not started"));
        }
        return started;
    }

    private void start(ScriptSource script, StoredHosted how, CompletableFuture<Hosted> started) {
        ScriptLauncher.Started launched;
        try {
            launched = launcher.start(script, how, this::subscribed);
        } catch (ScriptException | RuntimeException e) {
            started.completeExceptionally(e);
            return;
        }
        HostedEntry entry = launched.entry();
        RunningFramework running = entry.running;
        boolean registered;
        synchronized (this) {
            registered = !closed;
            if (registered) {
                table.put(entry);
            }
        }
        if (!registered) {
            running.stop("the master is stopping");
            launcher.revoke(launched.credential());
            started.completeExceptionally(new IllegalStateException("the master is stopping; " + script.name()
                    + " was stopped"));
            return;
        }
        persist(entry);
        LOG.log(Level.INFO, () -> "hosting " + script.name() + " as " + entry.id() + " (" + how.origin()
                + ", principal '" + how.principal() + "'" + how.frameworkId().map(f -> ", framework " + f).orElse("")
                + ")");
        // The script's secret dies with it.
        running.outcome().whenComplete((outcome, failure) -> {
            launcher.revoke(launched.credential());
            ended(entry, outcome, failure);
        });
        started.complete(entry.view());
    }

    /** On the script's connection thread: the master assigned (or confirmed) its framework id. */
    private void subscribed(HostedEntry entry, String frameworkId) {
        if (entry == null || frameworkId.equals(entry.frameworkId)) {
            return;
        }
        entry.frameworkId = frameworkId;
        persist(entry);
    }

    /**
     * Lists a script that could not be started (a deployed file that does not load), so users
     * see it in {@code /state} with the reason.
     */
    public Hosted failed(String script, Hosted.Origin origin, String reason) {
        HostedEntry entry = new HostedEntry(new StoredHosted(allocateId(), script, origin, Hosted.State.FAILED,
                Optional.empty(), Optional.of(reason), null, time.millis(), HostedCredentials.DEFAULT_PRINCIPAL,
                io.mezzo.internal.json.MezzoJson.mapper().createObjectNode(), "", Map.of(),
                origin == Hosted.Origin.DEPLOY_DIR ? Optional.of(script) : Optional.empty()), null, null);
        entry.end(Hosted.State.FAILED, reason, null);
        List<String> forgotten;
        synchronized (this) {
            table.put(entry);
            forgotten = table.trimHistory();
        }
        persist(entry);
        forgotten.forEach(this::forget);
        return entry.view();
    }

    /** Stops the hosted script {@code id}: its framework is torn down. Empty when unknown. */
    public Optional<Hosted> stop(String id, String reason) {
        HostedEntry entry;
        synchronized (this) {
            entry = table.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            entry.stopReason = entry.stopReason == null ? reason : entry.stopReason;
        }
        stopOnWorker(entry, reason);
        return Optional.of(entry.view());
    }

    /** Stops the running hosted script whose framework has {@code frameworkId}. Empty when none has. */
    public Optional<Hosted> stopByFrameworkId(String frameworkId, String reason) {
        Optional<String> id;
        synchronized (this) {
            id = table.scriptOf(frameworkId);
        }
        return id.flatMap(i -> stop(i, reason));
    }

    public synchronized Optional<Hosted> get(String id) {
        return Optional.ofNullable(table.get(id)).map(HostedEntry::view);
    }

    /** Every hosted script, running or ended, oldest first. */
    public synchronized List<Hosted> list() {
        return table.views();
    }

    /**
     * Takes over the stored scripts (the new leader calls it): lists the ended ones, starts
     * again every submitted one that had not ended, subscribing with its framework id, and keeps
     * the deploy-directory ones for {@link #submitDeployed} (the leader's own scan finds their
     * files, so they are not started twice). Completes once the restarts have been tried; a
     * script that no longer starts is stored as FAILED.
     */
    public CompletableFuture<List<Hosted>> resume() {
        List<StoredHosted> stored = store.load().stream()
                .sorted(java.util.Comparator.comparingLong(StoredHosted::submittedAtMillis)).toList();
        List<StoredHosted> again;
        synchronized (this) {
            again = table.adopt(stored);
        }
        List<CompletableFuture<Hosted>> restarts = new ArrayList<>();
        for (StoredHosted s : again) {
            CompletableFuture<Hosted> restart = launch(s.source(), () -> s.with(Hosted.State.RUNNING, s.frameworkId(),
                    Optional.empty(), null));
            restarts.add(restart.exceptionally(failure -> {
                Throwable cause = ScriptEnding.cause(failure);
                LOG.log(Level.WARNING, "cannot resume hosted " + s.script() + " (" + s.id() + "): " + cause);
                StoredHosted gone = s.with(Hosted.State.FAILED, s.frameworkId(),
                        Optional.of("could not be resumed after a failover: " + cause.getMessage()), null);
                HostedEntry listed = new HostedEntry(gone, null, null);
                listed.end(Hosted.State.FAILED, gone.reason().orElseThrow(), null);
                synchronized (this) {
                    table.put(listed);
                }
                persist(listed);
                return listed.view();
            }));
        }
        List<String> forgotten;
        synchronized (this) {
            forgotten = table.trimHistory();
        }
        forgotten.forEach(this::forget);
        return CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> restarts.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Stops every running script without tearing its framework down and without touching the
     * store (a master that stops leading calls it): from now on its scripts send nothing.
     */
    public void suspend() {
        List<HostedEntry> running;
        synchronized (this) {
            running = table.suspendRunning();
        }
        running.forEach(e -> stopOnWorker(e, "this master stopped leading"));
        if (!running.isEmpty()) {
            LOG.log(Level.INFO, () -> "suspended " + running.size() + " hosted script(s); the next leader resumes them");
        }
    }

    /** Completes once the work queued so far (starts, stops) has run; for tests. */
    CompletableFuture<Void> idle() {
        return worker.ask(() -> null);
    }

    private synchronized String allocateId() {
        return table.allocateId();
    }

    /**
     * Stores the entry as it is now. The worker and the script's connection thread both persist
     * one entry; holding the entry's own lock across the snapshot and the put keeps their puts
     * in snapshot order, so an older snapshot never lands after a newer one (a lost framework
     * id did). Lock order: the entry, then this.
     */
    private void persist(HostedEntry entry) {
        synchronized (entry) {
            StoredHosted snapshot;
            synchronized (this) {
                if (entry.suspended) {
                    return;
                }
                snapshot = entry.stored();
            }
            try {
                store.put(snapshot);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot store hosted " + entry.started.script() + " (" + entry.id()
                        + "); a failover would not resume it: " + e.getMessage());
            }
        }
    }

    private void stopOnWorker(HostedEntry entry, String reason) {
        if (entry.running == null) {
            return;
        }
        Runnable stop = () -> {
            try {
                entry.running.stop(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + entry.started.script() + " (" + entry.id() + ") failed", e);
            }
        };
        try {
            worker.execute(stop);
        } catch (RejectedExecutionException e) {
            stop.run();
        }
    }

    private void ended(HostedEntry entry, FrameworkOutcome outcome, Throwable failure) {
        List<String> forgotten;
        synchronized (this) {
            if (entry.state.ended()) {
                return;
            }
            ScriptEnding.record(entry, outcome, failure);
            if (entry.suspended) {
                return;
            }
            forgotten = table.trimHistory();
        }
        persist(entry);
        forgotten.forEach(this::forget);
        LOG.log(entry.state == Hosted.State.FAILED ? Level.WARNING : Level.INFO,
                () -> "hosted " + entry.started.script() + " (" + entry.id() + ") " + entry.state + ": "
                        + entry.reason);
    }

    private void forget(String id) {
        try {
            store.remove(id);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot remove hosted " + id + " from the store: " + e.getMessage());
        }
    }

    /** Stops every running script (their frameworks are torn down) and the worker. */
    @Override
    public void close() {
        List<HostedEntry> running;
        synchronized (this) {
            closed = true;
            running = table.running();
        }
        running.forEach(e -> stopOnWorker(e, "the master is stopping"));
        worker.close();
    }
}
