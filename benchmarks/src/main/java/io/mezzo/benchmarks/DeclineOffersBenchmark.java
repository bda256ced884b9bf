package io.mezzo.benchmarks;

import io.mezzo.api.Allocation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One allocation cycle of Mesos's DeclineOffers benchmark cluster ({@link DeclineCluster}),
 * timed in three states of the declines:
 *
 * <ul>
 *   <li>{@link #allDeclined}: every framework has refused every agent, so the cycle offers
 *       nothing. This is the state Mesos's benchmark ends in, and where a cluster of
 *       frameworks that have all they need sits.
 *   <li>{@link #halfDeclined}: half of the frameworks have refused each agent; every agent is
 *       offered to one of the others.
 *   <li>{@link #noneDeclined}: the first cycle, one offer per agent.
 * </ul>
 *
 * <p>The last two change the allocator's state (their offers are allocated), so after each
 * invocation the offers are recovered <em>without</em> a filter: the allocation is undone and
 * the next invocation sees the same state. A decline would add filters and move the state on
 * by one round, so no two invocations would measure the same thing. The same untimed teardown
 * checks, in all three states, that the cycle made the offers the state calls for.
 *
 * <p>The states are built through the SPI the way the benchmark does it: for the number of
 * declined rounds, a cycle and a decline of all of its offers. That setup runs once per fork
 * and is not timed; it takes F cycles for {@link #allDeclined} (minutes at the larger sizes).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class DeclineOffersBenchmark {

    /** A cluster of the size under test after a number of decline rounds. */
    @State(Scope.Benchmark)
    public abstract static class Declined {
        @Param({"1000x100", "5000x500", "10000x1000", "20000x2000"})
        public String size;

        DeclineCluster cluster;
        /** What the last timed cycle offered. */
        List<Allocation> offered = List.of();
        private int expectedOffers;

        /** How many frameworks have refused each agent before the timed cycles. */
        abstract int declinedRounds(ClusterSize size);

        /** How many offers a cycle in this state makes. */
        abstract int offersPerCycle(ClusterSize size);

        @Setup(Level.Trial)
        public void build() {
            ClusterSize parsed = ClusterSize.parse(size);
            long start = System.nanoTime();
            cluster = DeclineCluster.started(parsed);
            int rounds = declinedRounds(parsed);
            cluster.declineRounds(rounds);
            System.out.printf("%n[setup] %s: agents added and %d decline rounds in %.1f s%n",
                    parsed, rounds, (System.nanoTime() - start) / 1e9);
            offered = cluster.allocate();
            expectedOffers = offersPerCycle(parsed);
            restore();
        }

        /**
         * Undoes the cycle, and fails the run if it did not make the offers this state should
         * make: then the restore did not work and the cycles are not measuring the same state.
         */
        @TearDown(Level.Invocation)
        public void restore() {
            int count = DeclineCluster.offerCount(offered);
            if (count != expectedOffers) {
                throw new IllegalStateException("a cycle made " + count + " offers where "
                        + expectedOffers + " were expected after " + declinedRounds(ClusterSize.parse(size))
                        + " decline rounds of " + size);
            }
            cluster.recover(offered);
            offered = List.of();
        }
    }

    @State(Scope.Benchmark)
    public static class AllDeclined extends Declined {
        @Override
        int declinedRounds(ClusterSize size) {
            return size.frameworks();
        }

        @Override
        int offersPerCycle(ClusterSize size) {
            return 0;
        }
    }

    @State(Scope.Benchmark)
    public static class HalfDeclined extends Declined {
        @Override
        int declinedRounds(ClusterSize size) {
            return size.frameworks() / 2;
        }

        @Override
        int offersPerCycle(ClusterSize size) {
            return size.agents();
        }
    }

    @State(Scope.Benchmark)
    public static class NoneDeclined extends Declined {
        @Override
        int declinedRounds(ClusterSize size) {
            return 0;
        }

        @Override
        int offersPerCycle(ClusterSize size) {
            return size.agents();
        }
    }

    @Benchmark
    public List<Allocation> allDeclined(AllDeclined state) {
        state.offered = state.cluster.allocate();
        return state.offered;
    }

    @Benchmark
    public List<Allocation> halfDeclined(HalfDeclined state) {
        state.offered = state.cluster.allocate();
        return state.offered;
    }

    @Benchmark
    public List<Allocation> noneDeclined(NoneDeclined state) {
        state.offered = state.cluster.allocate();
        return state.offered;
    }
}
