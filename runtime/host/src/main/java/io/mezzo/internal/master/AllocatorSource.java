package io.mezzo.internal.master;

import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginLease;
import io.mezzo.spi.Allocator;
import java.util.Optional;

/**
 * Where the master gets its allocator: in a running host the highest-ranked Allocator
 * service (which can change at any moment), in tests a fixed one.
 */
public interface AllocatorSource {

    Optional<Plugin<Allocator>> current();

    /** {@code listener} runs (on any thread) whenever {@link #current()} may have changed. */
    void onChange(Runnable listener);

    /**
     * An instance of the current allocator of its own, apart from the master's (see {@link
     * io.mezzo.internal.container.PluginSlot#lease()}): a standby rehearses leading with it.
     * Empty when the plugin offers no second instance.
     */
    default Optional<PluginLease<Allocator>> lease() {
        return Optional.empty();
    }

    static AllocatorSource fixed(Plugin<Allocator> plugin) {
        return new AllocatorSource() {
            @Override
            public Optional<Plugin<Allocator>> current() {
                return Optional.of(plugin);
            }

            @Override
            public void onChange(Runnable listener) {
                // A fixed allocator never changes.
            }
        };
    }
}
