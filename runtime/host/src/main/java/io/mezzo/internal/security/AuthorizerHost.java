package io.mezzo.internal.security;

import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginFailure;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginResult;
import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The master's side of the authorizer plugin: the {@link Authorization} opened from the
 * highest-ranked Authorizer service with the master's {@code --acls}, reopened from the next
 * service whenever the slot changes (the old one is closed), and asked through the plugin
 * guard.
 *
 * <p>{@link #check} never throws and never allows what it could not decide: a plugin that
 * throws, one that could not read the ACLs, or no plugin while ACLs were given all answer
 * {@link AuthorizationResult.Failed}. Only a master with neither ACLs nor a plugin allows
 * everything, as a Mesos master without {@code --acls} does.
 *
 * <p>Thread-safe: {@link #check} reads one volatile field and runs on the caller's thread
 * (event loops, the master's thread). Switches run on their own executor, as the slot asks.
 * A check that races a switch may still reach the authorization being closed; it then fails
 * (503) rather than allowing.
 */
public final class AuthorizerHost implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AuthorizerHost.class.getName());

    private final AuthorizerSource source;
    private final PluginGuard guard;
    private final AuthorizationSettings settings;
    private final Optional<ActorThread> ownThread;
    private volatile State state;
    private volatile boolean closed;

    /** Which authorization answers now. */
    private sealed interface State {
        /** A plugin's authorization, opened with the settings. */
        record Open(Plugin<Authorizer> plugin, Authorization authorization) implements State {
        }

        /** Neither a plugin nor ACLs: everything is allowed. */
        record AllowAll() implements State {
        }

        /** Every check fails with {@code reason}: a plugin that could not open, or none while ACLs were given. */
        record Unavailable(Optional<Plugin<Authorizer>> plugin, String reason) implements State {
        }
    }

    private AuthorizerHost(AuthorizerSource source, PluginGuard guard, AuthorizationSettings settings,
                           Optional<ActorThread> ownThread) {
        this.source = source;
        this.guard = guard;
        this.settings = settings;
        this.ownThread = ownThread;
    }

    /**
     * Opens the current authorizer with {@code settings} and follows the source from then on.
     * Fails with the authorizer's own message when it rejects the ACLs: a master must not
     * start with ACLs it cannot enforce.
     */
    public static AuthorizerHost open(AuthorizerSource source, PluginGuard guard, AuthorizationSettings settings) {
        ActorThread thread = new ActorThread("mezzo-authorizer");
        try {
            return open(source, guard, settings, thread, Optional.of(thread));
        } catch (RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    /** As {@link #open(AuthorizerSource, PluginGuard, AuthorizationSettings)}, switching on {@code switches}. */
    public static AuthorizerHost open(AuthorizerSource source, PluginGuard guard, AuthorizationSettings settings,
                                      Executor switches) {
        return open(source, guard, settings, switches, Optional.empty());
    }

    /** Allows everything: a master given neither ACLs nor an authorizer (embedded masters, tests). */
    public static AuthorizerHost allowingAll() {
        AuthorizerHost host = new AuthorizerHost(AuthorizerSource.none(), new PluginGuard(),
                new AuthorizationSettings(Optional.empty()), Optional.empty());
        host.state = new State.AllowAll();
        return host;
    }

    private static AuthorizerHost open(AuthorizerSource source, PluginGuard guard, AuthorizationSettings settings,
                                       Executor switches, Optional<ActorThread> ownThread) {
        Objects.requireNonNull(settings, "settings");
        AuthorizerHost host = new AuthorizerHost(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(guard, "guard"), settings, ownThread);
        State first = host.stateFor(source.current());
        if (first instanceof State.Unavailable u && u.plugin().isPresent()) {
            throw new IllegalArgumentException("--acls: " + u.reason());
        }
        host.state = first;
        logSwitch(first, settings);
        source.onChange(() -> {
            try {
                switches.execute(host::reopen);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "authorizer host closed; ignoring a change of the authorizer plugin");
            }
        });
        return host;
    }

    /**
     * Whether {@code principal} (empty: unauthenticated) may perform {@code action} on
     * {@code object}; see {@link Action} for each action's object.
     */
    public AuthorizationResult check(Optional<String> principal, Action action, String object) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(object, "object");
        State current = state;
        if (current instanceof State.Open open) {
            PluginResult<Boolean> result = guard.call(open.plugin(), "authorized",
                    () -> open.authorization().authorized(principal, action, object));
            if (result instanceof PluginResult.Ok<Boolean> ok) {
                return Boolean.TRUE.equals(ok.value()) ? AuthorizationResult.ALLOWED : AuthorizationResult.DENIED;
            }
            return new AuthorizationResult.Failed(reason(open.plugin(), result.failureIfFailed().orElseThrow()));
        }
        if (current instanceof State.Unavailable unavailable) {
            return new AuthorizationResult.Failed(unavailable.reason());
        }
        return AuthorizationResult.ALLOWED;
    }

    /** As {@link #check(Optional, Action, String)} for the caller of a request. */
    public AuthorizationResult check(Caller caller, Action action, String object) {
        return check(caller.principal(), action, object);
    }

    /** The plugin answering now, for logs and {@code /state}: its name, or {@code none}. */
    public String currentName() {
        State current = state;
        if (current instanceof State.Open open) {
            return open.plugin().name();
        }
        if (current instanceof State.Unavailable unavailable) {
            return unavailable.plugin().map(p -> p.name() + " (unavailable)").orElse("none (unavailable)");
        }
        return "none";
    }

    /** Follows the source: opens the new plugin's authorization, then closes the old one. */
    private synchronized void reopen() {
        if (closed) {
            return;
        }
        Optional<Plugin<Authorizer>> next = source.current();
        State before = state;
        if (pluginOf(before).map(Plugin::serviceId).equals(next.map(Plugin::serviceId))) {
            return;
        }
        State after = stateFor(next);
        state = after;
        logSwitch(after, settings);
        closeIfOpen(before);
    }

    private State stateFor(Optional<Plugin<Authorizer>> next) {
        if (next.isEmpty()) {
            return settings.acls().isEmpty() ? new State.AllowAll()
                    : new State.Unavailable(next, "no authorizer plugin is installed to enforce --acls");
        }
        Plugin<Authorizer> plugin = next.get();
        PluginResult<Authorization> opened = guard.call(plugin, "open", () -> plugin.service().open(settings));
        if (opened instanceof PluginResult.Ok<Authorization> ok && ok.value() != null) {
            return new State.Open(plugin, ok.value());
        }
        String why = opened.failureIfFailed().map(f -> reason(plugin, f))
                .orElse("authorizer " + plugin.name() + " opened nothing");
        return new State.Unavailable(next, why);
    }

    private static Optional<Plugin<Authorizer>> pluginOf(State state) {
        if (state instanceof State.Open open) {
            return Optional.of(open.plugin());
        }
        return state instanceof State.Unavailable unavailable ? unavailable.plugin() : Optional.empty();
    }

    /** The authorizer's own words when it says why it cannot decide; otherwise what it threw. */
    private static String reason(Plugin<Authorizer> plugin, PluginFailure failure) {
        if (AuthorizationException.class.getName().equals(failure.exceptionClass()) && !failure.message().isEmpty()) {
            return failure.message();
        }
        return "authorizer " + plugin.name() + " failed: " + failure.exceptionClass()
                + (failure.message().isEmpty() ? "" : ": " + failure.message());
    }

    private static void logSwitch(State state, AuthorizationSettings settings) {
        if (state instanceof State.Open open) {
            LOG.log(Level.INFO, "authorizer is now " + open.plugin().describe()
                    + (settings.acls().isPresent() ? ", with the --acls given" : ", without --acls"));
        } else if (state instanceof State.Unavailable unavailable) {
            LOG.log(Level.ERROR, "authorizer is now unavailable: " + unavailable.reason()
                    + "; every authorization fails (HTTP 503) until this is fixed");
        } else {
            LOG.log(Level.INFO, "authorizer is now <none>: no --acls were given, so every request is allowed");
        }
    }

    private void closeIfOpen(State state) {
        if (state instanceof State.Open open) {
            guard.run(open.plugin(), "close", () -> open.authorization().close());
        }
    }

    /** Closes the authorization in use; checks fail from now on. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            State last = state;
            state = new State.Unavailable(Optional.empty(), "the authorizer has been closed");
            closeIfOpen(last);
        }
        ownThread.ifPresent(ActorThread::close);
    }
}
