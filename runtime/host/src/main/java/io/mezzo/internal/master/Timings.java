package io.mezzo.internal.master;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A window of the most recent durations with Mesos's summary keys ({@code /count},
 * {@code /min}, {@code /max}, {@code /p50} ... {@code /p9999}), as libprocess's Timer metrics
 * report them. Thread-safe.
 */
public final class Timings {
    private final double[] window;
    private long count;
    private int next;
    private double last;

    public Timings(int windowSize) {
        this.window = new double[windowSize];
    }

    public synchronized void record(double millis) {
        window[next] = millis;
        next = (next + 1) % window.length;
        count++;
        last = millis;
    }

    public synchronized long count() {
        return count;
    }

    /** {@code name} (the last value) and {@code name/count}, {@code /min}, {@code /max}, percentiles. */
    public synchronized Map<String, Double> summary(String name) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (count == 0) {
            return out;
        }
        int size = (int) Math.min(count, window.length);
        double[] sorted = Arrays.copyOf(window, size);
        Arrays.sort(sorted);
        out.put(name, last);
        out.put(name + "/count", (double) size);
        out.put(name + "/min", sorted[0]);
        out.put(name + "/max", sorted[size - 1]);
        out.put(name + "/p50", percentile(sorted, 0.50));
        out.put(name + "/p90", percentile(sorted, 0.90));
        out.put(name + "/p95", percentile(sorted, 0.95));
        out.put(name + "/p99", percentile(sorted, 0.99));
        out.put(name + "/p999", percentile(sorted, 0.999));
        out.put(name + "/p9999", percentile(sorted, 0.9999));
        return out;
    }

    /** Linear interpolation between the closest ranks. */
    private static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
