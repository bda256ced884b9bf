package io.mezzo.benchmarks;

import io.mezzo.spi.Allocator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding every agent of the DeclineOffers cluster, each with its 16 tasks declared as usage,
 * to an allocator that already holds the frameworks: what a master failover or a mass
 * re-registration costs the allocator.
 *
 * <p>One shot per iteration, on a fresh allocator each time; the registrations (ids, parsed
 * resources) are built before the shot, so only {@code addAgent} is timed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@State(Scope.Thread)
public class AddAgentsBenchmark {
    @Param({"10000x1000"})
    public String size;

    private DeclineCluster cluster;
    private List<DeclineCluster.AgentInput> agents;

    @Setup(Level.Iteration)
    public void freshAllocator() {
        cluster = DeclineCluster.withFrameworks(ClusterSize.parse(size));
        agents = cluster.agentInputs();
    }

    @Benchmark
    public Allocator addAgents() {
        Allocator allocator = cluster.allocator();
        for (DeclineCluster.AgentInput agent : agents) {
            agent.addTo(allocator);
        }
        return allocator;
    }
}
