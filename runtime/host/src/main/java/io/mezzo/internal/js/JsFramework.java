package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One running framework script: its sandboxed context, the one thread that runs all its JS in
 * event order, and its fate. Events arrive on the connection's thread and are handed to the
 * framework's thread; every callback is watched by a timer that stops the script when the
 * callback runs past the limit.
 */
final class JsFramework implements RunningFramework, SchedulerConnection.Listener {
    private static final Logger LOG = ScriptActions.LOG;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ScriptSource script;
    private final SchedulerConnection connection;
    private final TimeSource time;
    private final Duration limit;
    private final HdfsBridge hdfs;
    private final ExecutorService thread;
    private final ScriptActions actions;
    private final CompletableFuture<FrameworkOutcome> outcome = new CompletableFuture<>();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile Context context; // written on the framework's thread, cancelled from others
    private Value runtime;
    private ScriptExport export;
    private volatile String frameworkId;
    private boolean ended; // guarded by this

    JsFramework(ScriptSource script, SchedulerConnection connection, TimeSource time, Duration limit,
                HdfsBridge hdfs) {
        this.script = script;
        this.connection = connection;
        this.time = time;
        this.limit = limit;
        this.hdfs = hdfs;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mezzo-js-" + script.name());
            t.setDaemon(true);
            return t;
        });
        this.actions = new ScriptActions(script, connection, this::finished, this::failed);
    }

    /** Evaluates the script on the framework's thread; throws when it cannot be run. */
    ScriptExport load(JsEngine engine, ObjectNode params) throws ScriptException {
        try {
            return thread.submit(() -> evaluate(engine, params)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new ScriptException(script.name(), java.util.OptionalInt.empty(), "interrupted while evaluated");
        } catch (java.util.concurrent.ExecutionException e) {
            abandon();
            if (e.getCause() instanceof ScriptException s) {
                throw s;
            }
            throw new ScriptException(script.name(), java.util.OptionalInt.empty(), String.valueOf(e.getCause()));
        }
    }

    private ScriptExport evaluate(JsEngine engine, ObjectNode params) throws ScriptException {
        context = engine.sandbox().build();
        runtime = context.eval(Prelude.source()).execute(new ScriptBridge(actions), MezzoJson.writeString(params),
                HdfsScript.create(context, hdfs));
        long call = calls.incrementAndGet();
        running.set(call);
        TimeSource.Cancellable watch = time.schedule(limit, () -> {
            if (running.get() == call) {
                closeNow();
            }
        });
        try {
            context.eval(ScriptErrors.source(script));
        } catch (PolyglotException e) {
            throw ScriptErrors.toScriptException(script, e, limit);
        } finally {
            running.set(0);
            watch.cancel();
        }
        JsonNode described = MezzoJson.mapper().valueToTree(
                parseTree(runtime.invokeMember("describe").asString()));
        if (described.has("problem")) {
            throw new ScriptException(script.name(), java.util.OptionalInt.empty(),
                    "invalid framework export: " + described.get("problem").asText());
        }
        export = ScriptExport.of(described);
        return export;
    }

    /** Subscribes; from here on the connection's events drive the script. */
    void subscribe(ObjectNode frameworkInfo) {
        connection.start(frameworkInfo, this);
    }

    @Override
    public void onEvent(JsonNode event) {
        onFrameworkThread(() -> handle(event));
    }

    @Override
    public void onClosed(String reason) {
        end(FrameworkOutcome.Kind.FAILED, null, "the scheduler session ended: " + reason, false);
    }

    private void handle(JsonNode event) {
        String type = event.path("type").asText();
        switch (type) {
            case "SUBSCRIBED": {
                if (frameworkId != null) {
                    actions.resubscribed();
                }
                frameworkId = V1Calls.idOf(event.path("subscribed"), "framework_id").orElse(null);
                invoke("subscribed", JSON.textNode(frameworkId == null ? "" : frameworkId));
                break;
            }
            case "OFFERS":
                offers(event.path("offers").path("offers"));
                break;
            case "RESCIND": {
                String offerId = V1Calls.idOf(event.path("rescind"), "offer_id").orElse("");
                actions.rescinded(offerId);
                invoke("rescind", JSON.textNode(offerId));
                break;
            }
            case "UPDATE":
                update(event.path("update").path("status"));
                break;
            case "FAILURE":
                invoke("failure", EventViews.failure(event.path("failure")));
                break;
            case "ERROR": {
                String message = event.path("error").path("message").asText("");
                invoke("error", JSON.textNode(message));
                end(FrameworkOutcome.Kind.FAILED, null, "the master sent ERROR: " + message, false);
                break;
            }
            case "HEARTBEAT":
                break;
            default:
                LOG.log(Level.DEBUG, "[{0}] ignoring {1} event", script.name(), type);
        }
    }

    private void offers(JsonNode offers) {
        ArrayNode views = JSON.arrayNode();
        List<String> ids = new ArrayList<>();
        for (JsonNode offer : offers) {
            actions.offered(offer);
            ObjectNode view = EventViews.offer(offer);
            ids.add(view.get("id").asText());
            views.add(view);
        }
        if (!invoke("offers", views) && !isEnded()) {
            // A broken callback must not sit on the cluster's resources.
            ids.forEach(actions::declineIfOutstanding);
        }
    }

    private void update(JsonNode status) {
        Optional<ObjectNode> ack = actions.updated(status);
        if (ack.isPresent() && !export.autoAcknowledge()) {
            actions.awaitAcknowledgement(status, ack.get());
        }
        invoke("update", EventViews.status(status));
        if (ack.isPresent() && export.autoAcknowledge() && !isEnded()) {
            actions.send(ack.get());
        }
    }

    /** Runs one callback under the limit; false when it threw (logged) or the script has ended. */
    private boolean invoke(String callback, JsonNode argument) {
        if (isEnded()) {
            return false;
        }
        long call = calls.incrementAndGet();
        running.set(call);
        TimeSource.Cancellable watch = time.schedule(limit, () -> stuck(callback, call));
        try {
            runtime.invokeMember("dispatch", callback, MezzoJson.writeString(argument));
            return true;
        } catch (PolyglotException e) {
            if (!isEnded()) {
                LOG.log(Level.WARNING, "[{0}] callback ''{1}'' threw {2}", script.name(), callback,
                        ScriptErrors.describe(e));
            }
            return false;
        } catch (IllegalStateException e) {
            if (!isEnded()) {
                LOG.log(Level.WARNING, "[{0}] callback ''{1}'' could not run: {2}", script.name(), callback,
                        e.getMessage());
            }
            return false;
        } finally {
            running.set(0);
            watch.cancel();
        }
    }

    /** On the timer's thread: the callback is still running past the limit. */
    private void stuck(String callback, long call) {
        if (running.get() != call) {
            return;
        }
        String reason = "callback '" + callback + "' of " + script.name() + " ran longer than "
                + ScriptErrors.format(limit) + " and was stopped";
        LOG.log(Level.WARNING, "[{0}] {1}", script.name(), reason);
        end(FrameworkOutcome.Kind.FAILED, null, reason, true);
        closeNow();
    }

    private void finished(JsonNode result) {
        end(FrameworkOutcome.Kind.FINISHED, result, "finished", true);
    }

    private void failed(String reason) {
        end(FrameworkOutcome.Kind.FAILED, null, reason, true);
    }

    @Override
    public void stop(String reason) {
        end(FrameworkOutcome.Kind.STOPPED, null, reason, true);
        if (running.get() != 0) {
            closeNow();
        }
    }

    /**
     * Ends the framework once: tears it down at the master when asked to (and subscribed) and
     * closes the context on the framework's thread after the callback in progress, if any;
     * once both are done, closes the connection and completes the outcome.
     */
    private void end(FrameworkOutcome.Kind kind, JsonNode result, String reason, boolean teardown) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        FrameworkOutcome end = new FrameworkOutcome(kind, result, reason);
        Runnable complete = () -> {
            connection.close();
            outcome.complete(end);
        };
        CompletableFuture<Void> torn = CompletableFuture.completedFuture(null);
        if (teardown && frameworkId != null) {
            try {
                torn = connection.send(V1Calls.teardown());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "[{0}] TEARDOWN failed: {1}", script.name(), e.getMessage());
            }
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                closeContext();
                closed.complete(null);
            });
        } catch (RejectedExecutionException e) {
            closed.complete(null);
        }
        thread.shutdown();
        torn.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "[{0}] TEARDOWN failed: {1}", script.name(), failure.getMessage());
            }
        }).exceptionally(failure -> null).runAfterBoth(closed, complete);
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    private void onFrameworkThread(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "[{0}] ended; dropping work", script.name());
        }
    }

    private void closeContext() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "[{0}] closing the context: {1}", script.name(), e.getMessage());
            }
        }
    }

    /** From another thread: cancels whatever the script is running and closes its context. */
    private void closeNow() {
        Context c = context;
        if (c != null) {
            try {
                c.close(true);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "[{0}] cancelling the context: {1}", script.name(), e.getMessage());
            }
        }
    }

    /** A script that never got to subscribe: nothing to tear down, only the thread and context. */
    void abandon() {
        synchronized (this) {
            ended = true;
        }
        closeNow();
        thread.shutdown();
    }

    /** Completes once the work handed to the framework's thread so far has run (tests use it). */
    CompletableFuture<Void> drained() {
        try {
            return CompletableFuture.runAsync(() -> { }, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static JsonNode parseTree(String json) {
        try {
            return MezzoJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the prelude answered invalid JSON", e);
        }
    }

    @Override
    public String scriptName() {
        return script.name();
    }

    @Override
    public String name() {
        return export.name();
    }

    @Override
    public Optional<String> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public CompletableFuture<FrameworkOutcome> outcome() {
        return outcome;
    }
}
