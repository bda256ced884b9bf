package io.mezzo.benchmarks;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The allocator's clock in benchmarks: it stands still unless set, so refuse filters neither
 * expire in the middle of a measurement nor depend on how long the machine took.
 */
final class SettableClock implements InstantSource {
    private volatile Instant now;

    SettableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void set(Instant instant) {
        now = instant;
    }
}
