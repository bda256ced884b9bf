package io.mezzo.dist;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Bounded waits for the container tests: generous bounds, never a fixed sleep as synchronization. */
public final class Waits {
    /** For an event that follows from something the test just did. */
    public static final Duration EVENT = Duration.ofSeconds(20);
    /** For something FileInstall or Declarative Services has to notice first. */
    public static final Duration PLUGIN = Duration.ofSeconds(30);

    private Waits() {
    }

    /**
     * Reads {@code probe} until {@code condition} holds and returns that value; fails after
     * {@code bound}, showing the last value read.
     */
    public static <T> T until(String what, Duration bound, Callable<T> probe, Predicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = probe.call();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what + "; last seen: " + last);
            }
            Thread.sleep(20); // polling interval, not synchronization: the condition decides
            last = probe.call();
        }
        return last;
    }
}
