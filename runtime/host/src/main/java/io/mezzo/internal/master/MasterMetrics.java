package io.mezzo.internal.master;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters under Mesos's metric names ({@code master/messages_launch_tasks}, ...). Gauges
 * (agents active, tasks running, ...) are computed from a snapshot instead. Thread-safe.
 */
public final class MasterMetrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    /** Mesos's {@code allocator/mesos/allocation_run_ms}: how long each allocation run took. */
    private final Timings allocationRuns = new Timings(1000);

    public void allocationRun(double millis) {
        allocationRuns.record(millis);
        increment("allocator/mesos/allocation_runs");
    }

    /** The allocation-run timer's summary under Mesos's names. */
    public Map<String, Double> allocationRunSummary() {
        return allocationRuns.summary("allocator/mesos/allocation_run_ms");
    }

    public void increment(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /** Every counter, by name. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
