package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.security.BasicCredentials;
import io.mezzo.internal.security.HostedCredentials;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The master's hosted framework scripts: each runs through the process's {@link
 * io.mezzo.internal.js.ScriptHost} and talks to this master over its own HTTP address, like any
 * client framework, so redirects, failover and authentication work the same.
 *
 * <p>Threads: HTTP handlers, the deploy-directory watch and outcome callbacks (the scripts'
 * connection threads) all change the registry. Its state is a small map behind this object's
 * monitor, held only for map updates; the blocking work (evaluating a script, tearing one down)
 * runs on the registry's own worker thread, never on the caller's (an event loop).
 *
 * <p>Ended scripts stay listed, up to {@code historyLimit} of them (the oldest go first), so
 * users can read how a script ended.
 */
public final class HostedFrameworks implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HostedFrameworks.class.getName());
    public static final int DEFAULT_HISTORY = 100;

    private final ScriptRuntime runtime;
    private final List<URI> masters;
    private final TimeSource time;
    private final int historyLimit;
    private final Optional<HostedCredentials> credentials;
    private final ActorThread worker = new ActorThread("mezzo-hosting");
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this
    private long nextId = 1; // guarded by this
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
        if (masters.isEmpty() || historyLimit < 1) {
            throw new IllegalArgumentException("hosting needs a master address and a history of at least 1");
        }
        this.runtime = runtime;
        this.masters = List.copyOf(masters);
        this.time = time;
        this.historyLimit = historyLimit;
        this.credentials = credentials;
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
        ObjectNode paramsCopy = params.deepCopy();
        Instant submittedAt = time.instant();
        CompletableFuture<Hosted> started = new CompletableFuture<>();
        try {
            worker.execute(() -> start(script, paramsCopy, origin, runAs, submittedAt, started));
        } catch (RejectedExecutionException e) {
            started.completeExceptionally(new IllegalStateException("the master is stopping; "
                    + script.name() + " was not started"));
        }
        return started;
    }

    private void start(ScriptSource script, ObjectNode params, Hosted.Origin origin, String principal,
                       Instant submittedAt, CompletableFuture<Hosted> started) {
        SchedulerConnection connection;
        RunningFramework running;
        Optional<BasicCredentials> credential = credentials.map(c -> c.issue(principal));
        Map<String, String> headers = credential.map(c -> Map.of("Authorization", c.header())).orElse(Map.of());
        try {
            connection = runtime.connector().apply(masters, () -> headers);
        } catch (RuntimeException e) {
            revoke(credential);
            started.completeExceptionally(e);
            return;
        }
        try {
            running = runtime.host().get().start(script, params, connection);
        } catch (ScriptException | RuntimeException e) {
            closeQuietly(connection);
            revoke(credential);
            started.completeExceptionally(e);
            return;
        }
        Entry entry;
        synchronized (this) {
            if (closed) {
                entry = null;
            } else {
                entry = new Entry("hosted-" + nextId++, script.name(), origin, submittedAt, running);
                entries.put(entry.id, entry);
            }
        }
        if (entry == null) {
            running.stop("the master is stopping");
            revoke(credential);
            started.completeExceptionally(new IllegalStateException("the master is stopping; " + script.name()
                    + " was stopped"));
            return;
        }
        LOG.log(Level.INFO, () -> "hosting " + script.name() + " as " + entry.id + " (" + origin + ", principal '"
                + principal + "')");
        // The script's secret dies with it.
        running.outcome().whenComplete((outcome, failure) -> {
            revoke(credential);
            ended(entry, outcome, failure);
        });
        started.complete(view(entry));
    }

    /**
     * Lists a script that could not be started (a deployed file that does not load), so users
     * see it in {@code /state} with the reason.
     */
    public synchronized Hosted failed(String script, Hosted.Origin origin, String reason) {
        Entry entry = new Entry("hosted-" + nextId++, script, origin, time.instant(), null);
        entry.end(Hosted.State.FAILED, reason, null);
        entries.put(entry.id, entry);
        trimHistory();
        return view(entry);
    }

    /** Stops the hosted script {@code id}: its framework is torn down. Empty when unknown. */
    public Optional<Hosted> stop(String id, String reason) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            entry.stopReason = entry.stopReason == null ? reason : entry.stopReason;
        }
        stopOnWorker(entry, reason);
        return Optional.of(view(entry));
    }

    /** Stops the running hosted script whose framework has {@code frameworkId}. Empty when none has. */
    public Optional<Hosted> stopByFrameworkId(String frameworkId, String reason) {
        Optional<String> id;
        synchronized (this) {
            id = entries.values().stream()
                    .filter(e -> e.running != null && e.running.frameworkId().map(frameworkId::equals).orElse(false))
                    .sorted((a, b) -> Boolean.compare(a.state.ended(), b.state.ended()))
                    .map(e -> e.id).findFirst();
        }
        return id.flatMap(i -> stop(i, reason));
    }

    public synchronized Optional<Hosted> get(String id) {
        return Optional.ofNullable(entries.get(id)).map(this::view);
    }

    /** Every hosted script, running or ended, oldest first. */
    public synchronized List<Hosted> list() {
        return entries.values().stream().map(this::view).toList();
    }

    /** Completes once the work queued so far (starts, stops) has run; for tests. */
    CompletableFuture<Void> idle() {
        return worker.ask(() -> null);
    }

    private void stopOnWorker(Entry entry, String reason) {
        if (entry.running == null) {
            return;
        }
        Runnable stop = () -> {
            try {
                entry.running.stop(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + entry.script + " (" + entry.id + ") failed", e);
            }
        };
        try {
            worker.execute(stop);
        } catch (RejectedExecutionException e) {
            stop.run();
        }
    }

    private void ended(Entry entry, FrameworkOutcome outcome, Throwable failure) {
        synchronized (this) {
            if (entry.state.ended()) {
                return;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                entry.end(Hosted.State.FAILED, "the script's runtime failed: " + cause, null);
            } else {
                entry.end(state(outcome.kind()), endReason(entry, outcome), outcome.result());
            }
            trimHistory();
        }
        LOG.log(entry.state == Hosted.State.FAILED ? Level.WARNING : Level.INFO,
                () -> "hosted " + entry.script + " (" + entry.id + ") " + entry.state + ": " + entry.reason);
    }

    /** A stop we asked for is reported with our reason, whatever the script's session said last. */
    private static String endReason(Entry entry, FrameworkOutcome outcome) {
        return outcome.kind() == FrameworkOutcome.Kind.STOPPED && entry.stopReason != null
                ? entry.stopReason : outcome.reason();
    }

    private static Hosted.State state(FrameworkOutcome.Kind kind) {
        switch (kind) {
            case FINISHED:
                return Hosted.State.FINISHED;
            case FAILED:
                return Hosted.State.FAILED;
            case STOPPED:
                return Hosted.State.STOPPED;
        }
        throw new AssertionError(kind);
    }

    private void trimHistory() {
        long endedCount = entries.values().stream().filter(e -> e.state.ended()).count();
        var it = entries.values().iterator();
        while (endedCount > historyLimit && it.hasNext()) {
            if (it.next().state.ended()) {
                it.remove();
                endedCount--;
            }
        }
    }

    private Hosted view(Entry e) {
        Optional<String> frameworkId = e.running == null ? Optional.empty() : e.running.frameworkId();
        return new Hosted(e.id, e.script, e.origin, e.state, frameworkId, Optional.ofNullable(e.reason), e.result,
                e.submittedAt);
    }

    private void revoke(Optional<BasicCredentials> credential) {
        credential.ifPresent(c -> credentials.ifPresent(all -> all.revoke(c)));
    }

    private static void closeQuietly(SchedulerConnection connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing an unused scheduler connection failed", e);
        }
    }

    /** Stops every running script (their frameworks are torn down) and the worker. */
    @Override
    public void close() {
        List<Entry> running = new ArrayList<>();
        synchronized (this) {
            closed = true;
            entries.values().stream().filter(e -> !e.state.ended() && e.running != null).forEach(running::add);
        }
        running.forEach(e -> stopOnWorker(e, "the master is stopping"));
        worker.close();
    }

    private static final class Entry {
        final String id;
        final String script;
        final Hosted.Origin origin;
        final Instant submittedAt;
        final RunningFramework running; // null for a script that never started
        Hosted.State state = Hosted.State.RUNNING;
        String reason;
        String stopReason;
        JsonNode result;

        Entry(String id, String script, Hosted.Origin origin, Instant submittedAt, RunningFramework running) {
            this.id = id;
            this.script = script;
            this.origin = origin;
            this.submittedAt = submittedAt;
            this.running = running;
        }

        void end(Hosted.State ended, String why, JsonNode result) {
            this.state = ended;
            this.reason = why;
            this.result = result;
        }
    }
}
