package io.mezzo.internal.security;

import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.spi.Authorizer;
import java.util.Optional;

/**
 * Where the host gets its authorizer: in a running host the highest-ranked Authorizer
 * service (which can change at any moment), in tests a fixed one or none.
 */
public interface AuthorizerSource {

    Optional<Plugin<Authorizer>> current();

    /** {@code listener} runs (on any thread) whenever {@link #current()} may have changed. */
    void onChange(Runnable listener);

    /** Whatever {@code slot} holds: the highest-ranked Authorizer service of a running host. */
    static AuthorizerSource following(PluginSlot<Authorizer> slot) {
        return new AuthorizerSource() {
            @Override
            public Optional<Plugin<Authorizer>> current() {
                return slot.current();
            }

            @Override
            public void onChange(Runnable listener) {
                slot.subscribe(p -> listener.run());
            }
        };
    }

    /** No authorizer plugin at all. */
    static AuthorizerSource none() {
        return of(Optional.empty());
    }

    static AuthorizerSource fixed(Plugin<Authorizer> plugin) {
        return of(Optional.of(plugin));
    }

    private static AuthorizerSource of(Optional<Plugin<Authorizer>> plugin) {
        return new AuthorizerSource() {
            @Override
            public Optional<Plugin<Authorizer>> current() {
                return plugin;
            }

            @Override
            public void onChange(Runnable listener) {
                // A fixed source never changes.
            }
        };
    }
}
