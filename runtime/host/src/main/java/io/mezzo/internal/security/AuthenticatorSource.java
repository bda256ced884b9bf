package io.mezzo.internal.security;

import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.spi.Authenticator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the master gets its authenticator: in a running host the highest-ranked
 * Authenticator service (which can change at any moment), in tests a fixed one or none.
 */
@FunctionalInterface
public interface AuthenticatorSource {

    /**
     * Calls {@code subscriber} with the current plugin at once, then on every change (on the
     * thread that changed it). It must only hand the news off.
     */
    PluginSlot.Subscription subscribe(Consumer<Optional<Plugin<Authenticator>>> subscriber);

    static AuthenticatorSource fixed(Optional<Plugin<Authenticator>> plugin) {
        return subscriber -> {
            subscriber.accept(plugin);
            return () -> { };
        };
    }
}
