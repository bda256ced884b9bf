package io.mezzo.internal.time;

import java.time.Duration;
import java.time.InstantSource;

/**
 * The one way Mezzo code reads time and waits: an {@link InstantSource} plus timers.
 * Production uses {@link SystemTime}; tests use {@link FakeTime} and advance it.
 *
 * <p>Timer tasks run on the time source's own thread (or the thread advancing a fake
 * clock): they should only hand work to an actor, never do it themselves.
 */
public interface TimeSource extends InstantSource {

    /** Runs {@code task} once, {@code delay} from now. */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * A monotonic nanosecond counter for measuring how long something took (metrics); only
     * differences mean anything. A fake clock derives it from its instant.
     */
    default long nanoTime() {
        java.time.Instant now = instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Seconds since the epoch as a double, the way Mesos writes timestamps. */
    default double epochSeconds() {
        return millis() / 1000.0;
    }

    /** A scheduled task that has not run yet can be cancelled; cancelling later is harmless. */
    interface Cancellable {
        void cancel();
    }
}
