package io.mezzo.benchmarks;

import io.mezzo.api.Allocation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Mesos's DeclineOffers benchmark end to end, printed the way Mesos prints it: the first
 * cycle, then F rounds in which every offer of the previous cycle is declined with a long
 * filter and one cycle is timed. In round r each agent has been refused by r frameworks; the
 * last round is the steady state where everything is refused and nothing is offered.
 *
 * <p>Unlike the JMH benchmarks this is one cold run: the first rounds include JIT warm-up,
 * as a freshly started master would. It also reports the heap the allocator keeps per agent
 * and per refuse filter (used heap after a full GC, before and after).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.mezzo.benchmarks.DeclineOffersRounds <agents> <frameworks>}
 */
public final class DeclineOffersRounds {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private DeclineOffersRounds() {}

    public static void main(String[] args) {
        ClusterSize size;
        try {
            if (args.length != 0 && args.length != 2) {
                throw new IllegalArgumentException("expected no arguments or two, got " + args.length);
            }
            size = args.length == 0 ? new ClusterSize(10_000, 1_000)
                    : new ClusterSize(count("agents", args[0]), count("frameworks", args[1]));
        } catch (IllegalArgumentException e) {
            System.err.println("usage: DeclineOffersRounds [<agents> <frameworks>] (default 10000 1000): "
                    + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("DeclineOffers: %d agents, %d frameworks; %s %s, max heap %d MB, %d cpus%n",
                size.agents(), size.frameworks(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        run(size);
    }

    private static int count(String what, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number of " + what + " '" + text + "'", e);
        }
    }

    private static void run(ClusterSize size) {
        DeclineCluster cluster = DeclineCluster.withFrameworks(size);
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        cluster.addAgents();
        double addMillis = millisSince(start);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("added %d agents in %.1f ms; heap %.1f MB -> %.1f MB: %d bytes per agent%n",
                size.agents(), addMillis, heapBefore / 1e6, heapAfter / 1e6,
                (heapAfter - heapBefore) / size.agents());

        start = System.nanoTime();
        List<Allocation> offers = cluster.allocate();
        System.out.printf("first allocate took %.1f ms to make %d offers%n",
                millisSince(start), DeclineCluster.offerCount(offers));

        double[] rounds = new double[size.frameworks()];
        for (int r = 0; r < rounds.length; r++) {
            cluster.decline(offers);
            start = System.nanoTime();
            offers = cluster.allocate();
            rounds[r] = millisSince(start);
            System.out.printf("round %d allocate took %.1f ms to make %d offers%n",
                    r + 1, rounds[r], DeclineCluster.offerCount(offers));
        }
        summarize(rounds);

        long heapDeclined = usedHeapAfterGc();
        long filters = (long) size.agents() * size.frameworks();
        System.out.printf("after all rounds: heap %.1f MB; %d refuse filters, %d bytes each beyond the agents%n",
                heapDeclined / 1e6, filters, (heapDeclined - heapAfter) / filters);
    }

    private static void summarize(double[] rounds) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        int slowest = 0;
        for (int r = 1; r < rounds.length; r++) {
            if (rounds[r] > rounds[slowest]) {
                slowest = r;
            }
        }
        System.out.printf("summary over %d rounds: first %.1f ms, median %.1f ms, p95 %.1f ms, "
                        + "max %.1f ms (round %d), last (all declined) %.1f ms, total %.1f s%n",
                rounds.length, rounds[0], percentile(sorted, 50), percentile(sorted, 95),
                rounds[slowest], slowest + 1, rounds[rounds.length - 1], Arrays.stream(rounds).sum() / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** Used heap once garbage is gone; a second GC catches what the first one's finalization freed. */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
