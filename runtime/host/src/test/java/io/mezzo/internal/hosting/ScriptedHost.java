package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the JS runtime at hosting's edge: a script whose text contains
 * {@code SYNTAX} fails to load (line 3); any other starts and runs until the test ends it.
 * (The lead's end-to-end tests replace this edge with the real engine.)
 */
final class ScriptedHost implements ScriptHost {
    final List<Running> started = new CopyOnWriteArrayList<>();
    final List<Connection> connections = new CopyOnWriteArrayList<>();

    ScriptRuntime runtime() {
        return new ScriptRuntime(() -> this, masters -> {
            Connection c = new Connection(masters);
            connections.add(c);
            return c;
        });
    }

    @Override
    public void check(ScriptSource script, ObjectNode params) throws ScriptException {
        if (script.text().contains("SYNTAX")) {
            throw new ScriptException(script.name(), OptionalInt.of(3), "SyntaxError: Expected ; but found x");
        }
    }

    @Override
    public RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection)
            throws ScriptException {
        check(script, params);
        Running r = new Running(script, params);
        started.add(r);
        return r;
    }

    Running only() {
        if (started.size() != 1) {
            throw new AssertionError("expected one started script, got " + started.size());
        }
        return started.get(0);
    }

    static final class Running implements RunningFramework {
        final ScriptSource script;
        final ObjectNode params;
        final CompletableFuture<FrameworkOutcome> outcome = new CompletableFuture<>();
        final List<String> stops = new CopyOnWriteArrayList<>();
        volatile String frameworkId;

        Running(ScriptSource script, ObjectNode params) {
            this.script = script;
            this.params = params;
        }

        @Override
        public String scriptName() {
            return script.name();
        }

        @Override
        public String name() {
            return script.name().replace(".js", "");
        }

        @Override
        public Optional<String> frameworkId() {
            return Optional.ofNullable(frameworkId);
        }

        @Override
        public CompletableFuture<FrameworkOutcome> outcome() {
            return outcome;
        }

        @Override
        public void stop(String reason) {
            stops.add(reason);
            outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.STOPPED, null, "stopped: " + reason));
        }

        void finish(JsonNode result) {
            outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.FINISHED, result, "finished"));
        }

        void fail(String reason) {
            outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.FAILED, null, reason));
        }
    }

    static final class Connection implements SchedulerConnection {
        final List<URI> masters;
        volatile boolean closed;

        Connection(List<URI> masters) {
            this.masters = masters;
        }

        @Override
        public void start(ObjectNode frameworkInfo, Listener listener) {
        }

        @Override
        public CompletableFuture<Void> send(ObjectNode call) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
