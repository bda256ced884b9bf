package io.mezzo.internal.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to. {@link #advance} runs every timer that falls due,
 * in time order, on the calling thread. Thread-safe, so actors may schedule while a test
 * advances.
 */
public final class FakeTime implements TimeSource {
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer t = new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        timers.add(t);
        return () -> {
            synchronized (FakeTime.this) {
                timers.remove(t);
            }
        };
    }

    /** Moves time forward by {@code by}, running due timers (including ones they schedule). */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            List<Runnable> due = new ArrayList<>();
            synchronized (this) {
                Timer next = timers.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                now = next.at;
                while (!timers.isEmpty() && !timers.peek().at.isAfter(now)) {
                    due.add(timers.poll().task);
                }
            }
            due.forEach(Runnable::run);
        }
    }

    /** How many timers are waiting; lets tests check that something was scheduled. */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    private record Timer(Instant at, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
