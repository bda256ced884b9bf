package io.mezzo.internal.security;

import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginResult;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.AuthenticationStep;
import io.mezzo.spi.Authenticator;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The master's side of the authenticator plugin: it opens the current service with the
 * master's settings, reopens when the slot changes (a live swap) and closes the one it
 * replaced. Every call into the plugin goes through the plugin guard; whatever goes wrong
 * (no plugin, a credentials file it cannot read, a throw) becomes
 * {@link AuthenticationUnavailable}, which callers answer with 503, never with a pass.
 *
 * <p>Opening reads the credentials file, so it runs on the host's own thread, never on the
 * registry thread that announces the change nor on an event loop. Callers read the current
 * authentication from any thread.
 */
public final class AuthenticatorHost implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AuthenticatorHost.class.getName());

    private final PluginGuard guard;
    private final AuthenticationSettings settings;
    private final ActorThread thread = new ActorThread("mezzo-authenticator");
    private volatile Current current = new Current.Missing();
    private PluginSlot.Subscription subscription = () -> { };

    /** What the host can authenticate with now. */
    private sealed interface Current {
        record Missing() implements Current { }

        record Broken(Plugin<Authenticator> plugin, String reason) implements Current { }

        record Ready(Plugin<Authenticator> plugin, Authentication authentication) implements Current { }
    }

    public AuthenticatorHost(PluginGuard guard, AuthenticationSettings settings) {
        this.guard = guard;
        this.settings = settings;
    }

    /**
     * Follows {@code source} and returns once the current plugin (if any) has been opened, so
     * the first request already finds it.
     */
    public AuthenticatorHost follow(AuthenticatorSource source) {
        subscription = source.subscribe(plugin -> thread.execute(() -> switchTo(plugin)));
        thread.ask(() -> null).join();
        return this;
    }

    /** Why authentication cannot be answered now; empty when it can. */
    public Optional<String> unavailable() {
        Current now = current;
        if (now instanceof Current.Missing) {
            return Optional.of("no authenticator plugin is installed");
        }
        if (now instanceof Current.Broken b) {
            return Optional.of(b.reason());
        }
        return Optional.empty();
    }

    /** Why the current plugin could not be opened (its credentials, say); empty when ready or none is installed. */
    public Optional<String> openFailure() {
        return current instanceof Current.Broken b ? Optional.of(b.reason()) : Optional.empty();
    }

    /** HTTP Basic: Authenticated or Refused (with the delay to hold the answer back). */
    public AuthenticationStep basic(String principal, String secret, String peer) throws AuthenticationUnavailable {
        Current.Ready ready = ready();
        PluginResult<AuthenticationStep> result = guard.call(ready.plugin(), "basic",
                () -> ready.authentication().basic(principal, secret, peer));
        AuthenticationStep step = value(ready, "basic", result);
        if (step instanceof AuthenticationStep.Challenge) {
            throw new AuthenticationUnavailable("authenticator " + ready.plugin().name()
                    + " answered HTTP Basic with a challenge");
        }
        return step;
    }

    /** The challenge–response mechanisms the current authenticator offers; empty when there is none. */
    public List<String> mechanisms() {
        Current now = current;
        if (now instanceof Current.Ready ready) {
            PluginResult<List<String>> result = guard.call(ready.plugin(), "mechanisms",
                    () -> ready.authentication().mechanisms());
            return result.valueIfOk().map(List::copyOf).orElse(List.of());
        }
        return List.of();
    }

    /**
     * Begins an exchange. Throws {@link AuthenticationException} when the plugin says no (an
     * unknown mechanism), {@link AuthenticationUnavailable} when it cannot answer.
     */
    public Exchange start(String mechanism, String peer) throws AuthenticationException, AuthenticationUnavailable {
        Current.Ready ready = ready();
        PluginResult<AuthenticationExchange> result = guard.call(ready.plugin(), "start",
                () -> ready.authentication().start(mechanism, peer));
        if (result instanceof PluginResult.Failed<AuthenticationExchange> failed
                && failed.failure().exceptionClass().equals(AuthenticationException.class.getName())) {
            throw new AuthenticationException(failed.failure().message());
        }
        return new Exchange(ready.plugin(), value(ready, "start", result));
    }

    private Current.Ready ready() throws AuthenticationUnavailable {
        Current now = current;
        if (now instanceof Current.Ready ready) {
            return ready;
        }
        throw new AuthenticationUnavailable(unavailable().orElse("no authenticator"));
    }

    private static <R> R value(Current.Ready ready, String operation, PluginResult<R> result)
            throws AuthenticationUnavailable {
        if (result instanceof PluginResult.Ok<R> ok && ok.value() != null) {
            return ok.value();
        }
        String why = result.failureIfFailed().map(f -> f.describe())
                .orElse("plugin '" + ready.plugin().name() + "' returned nothing from " + operation);
        throw new AuthenticationUnavailable(why);
    }

    /** On the host's thread: opens {@code next}, then closes what it replaces. */
    private void switchTo(Optional<Plugin<Authenticator>> next) {
        Current before = current;
        if (next.isEmpty()) {
            current = new Current.Missing();
            LOG.log(Level.WARNING, "no authenticator plugin is installed: requests that need authentication are"
                    + " answered 503 until one is");
        } else {
            current = open(next.get());
        }
        if (before instanceof Current.Ready old) {
            guard.run(old.plugin(), "close", () -> old.authentication().close());
        }
    }

    private Current open(Plugin<Authenticator> plugin) {
        PluginResult<Authentication> result = guard.call(plugin, "open", () -> plugin.service().open(settings));
        if (result instanceof PluginResult.Ok<Authentication> ok && ok.value() != null) {
            LOG.log(Level.INFO, "authenticator in use: " + plugin.describe() + " with credentials "
                    + settings.credentials().map(Object::toString).orElse("<none>"));
            return new Current.Ready(plugin, ok.value());
        }
        String reason = result.failureIfFailed()
                .map(f -> f.exceptionClass().equals(AuthenticationException.class.getName())
                        ? "authenticator " + plugin.name() + " cannot start: " + f.message() : f.describe())
                .orElse("authenticator " + plugin.name() + " opened nothing");
        LOG.log(Level.ERROR, reason + "; requests that need authentication are answered 503");
        return new Current.Broken(plugin, reason);
    }

    @Override
    public void close() {
        subscription.cancel();
        try {
            thread.execute(() -> {
                Current last = current;
                current = new Current.Missing();
                if (last instanceof Current.Ready ready) {
                    guard.run(ready.plugin(), "close", () -> ready.authentication().close());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return;
        }
        thread.close();
    }

    /** One challenge–response exchange with the plugin that began it; not thread-safe, like the plugin's. */
    public final class Exchange {
        private final Plugin<Authenticator> plugin;
        private final AuthenticationExchange inner;

        private Exchange(Plugin<Authenticator> plugin, AuthenticationExchange inner) {
            this.plugin = plugin;
            this.inner = inner;
        }

        public AuthenticationStep begin() throws AuthenticationUnavailable {
            return step("begin", guard.call(plugin, "begin", inner::begin));
        }

        public AuthenticationStep respond(byte[] response) throws AuthenticationUnavailable {
            return step("respond", guard.call(plugin, "respond", () -> inner.respond(response)));
        }

        public void abort() {
            guard.run(plugin, "abort", inner::abort);
        }

        private AuthenticationStep step(String operation, PluginResult<AuthenticationStep> result)
                throws AuthenticationUnavailable {
            if (result instanceof PluginResult.Ok<AuthenticationStep> ok && ok.value() != null) {
                return ok.value();
            }
            throw new AuthenticationUnavailable(result.failureIfFailed().map(f -> f.describe())
                    .orElse("plugin '" + plugin.name() + "' returned nothing from " + operation));
        }
    }
}
