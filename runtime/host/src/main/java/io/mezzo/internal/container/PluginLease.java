package io.mezzo.internal.container;

import java.util.Objects;

/**
 * A private instance of a plugin, apart from the one the host shares ({@link
 * PluginSlot#lease()}); closing the lease hands it back to its bundle. Not thread-safe to
 * close from two threads at once; closing twice is harmless.
 *
 * @param plugin  the instance, described as the shared one is (same name, bundle and service id)
 * @param release gives the instance back to the bundle that made it
 */
public record PluginLease<T>(Plugin<T> plugin, Runnable release) implements AutoCloseable {
    public PluginLease {
        Objects.requireNonNull(plugin, "plugin");
        release = once(Objects.requireNonNull(release, "release"));
    }

    @Override
    public void close() {
        release.run();
    }

    private static Runnable once(Runnable release) {
        boolean[] done = new boolean[1];
        return () -> {
            if (!done[0]) {
                done[0] = true;
                release.run();
            }
        };
    }
}
