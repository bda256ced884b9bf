package io.mezzo.internal.master;

import io.mezzo.internal.container.Plugin;
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
