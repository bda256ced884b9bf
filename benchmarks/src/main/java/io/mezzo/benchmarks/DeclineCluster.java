package io.mezzo.benchmarks;

import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import io.mezzo.spi.OfferSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The cluster of Mesos's DeclineOffers allocator benchmark, driven through the allocator SPI
 * only, as the master drives it.
 *
 * <p>Frameworks (role {@code *}) are added first. Each agent is
 * {@code cpus:24;mem:4096;disk:4096;ports:[31000-32000]} and already runs 16 tasks of framework
 * {@code i % F}: {@code cpus:16;mem:2014;disk:1024} and 16 single ports, declared as usage when
 * the agent is added. A decline round hands every offer of the last cycle back with a refuse
 * filter longer than the run, as Mesos's benchmark does; the clock never moves, so filters
 * never expire.
 */
final class DeclineCluster {
    static final String AGENT_TOTAL = "cpus:24;mem:4096;disk:4096;ports:[31000-32000]";
    static final String TASK_USAGE = "cpus:16;mem:2014;disk:1024;ports:" + singlePorts(31000, 32000, 16);
    /** Mesos declines for INT_MAX seconds; the allocator caps refusals at 365 days anyway. */
    static final Duration REFUSE_FOR = Duration.ofDays(365);

    private final ClusterSize size;
    private final CollectingSink sink = new CollectingSink();
    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Allocator allocator = new DrfAllocator();

    private DeclineCluster(ClusterSize size) {
        this.size = size;
        allocator.initialize(new Context(clock, sink));
        for (int f = 0; f < size.frameworks(); f++) {
            FrameworkSpec spec = new FrameworkSpec("framework" + f, List.of(Roles.DEFAULT), Set.of());
            allocator.addFramework(frameworkId(f), spec, List.of(), true, Set.of());
        }
    }

    /** The frameworks only; {@link #addAgents} or {@link #agentInputs} bring the agents. */
    static DeclineCluster withFrameworks(ClusterSize size) {
        return new DeclineCluster(size);
    }

    /** The frameworks and all agents with their tasks, before any allocation cycle. */
    static DeclineCluster started(ClusterSize size) {
        DeclineCluster cluster = new DeclineCluster(size);
        cluster.addAgents();
        return cluster;
    }

    ClusterSize size() {
        return size;
    }

    Allocator allocator() {
        return allocator;
    }

    /** One agent's registration, with its own copies of every value (as the master would pass). */
    record AgentInput(AgentId id, AgentSpec spec, Resources total, List<Usage> used) {
        void addTo(Allocator allocator) {
            allocator.addAgent(id, spec, total, used);
        }
    }

    /** Every agent's registration, built ahead so that only {@code addAgent} is timed. */
    List<AgentInput> agentInputs() {
        List<AgentInput> out = new ArrayList<>(size.agents());
        for (int i = 0; i < size.agents(); i++) {
            out.add(agentInput(i));
        }
        return out;
    }

    /** Adds every agent, building each registration just before it is added. */
    void addAgents() {
        for (int i = 0; i < size.agents(); i++) {
            agentInput(i).addTo(allocator);
        }
    }

    private AgentInput agentInput(int i) {
        AgentId id = AgentId.of(String.format("agent%06d", i));
        Usage tasks = new Usage(frameworkId(i % size.frameworks()), id, Roles.DEFAULT, Resources.parse(TASK_USAGE));
        return new AgentInput(id, new AgentSpec(id.value() + ".example", List.of()),
                Resources.parse(AGENT_TOTAL), List.of(tasks));
    }

    /** Runs one allocation cycle and returns what it offered. */
    List<Allocation> allocate() {
        allocator.allocate();
        return sink.drain();
    }

    /** Declines every offer: gives it back with a filter for {@link #REFUSE_FOR}. */
    void decline(List<Allocation> offers) {
        giveBack(offers, Optional.of(REFUSE_FOR));
    }

    /** Gives every offer back without a filter, undoing the cycle that made it. */
    void recover(List<Allocation> offers) {
        giveBack(offers, Optional.empty());
    }

    private void giveBack(List<Allocation> offers, Optional<Duration> refuseFor) {
        for (Allocation allocation : offers) {
            for (Map.Entry<String, Map<AgentId, Resources>> byRole : allocation.resources().entrySet()) {
                for (Map.Entry<AgentId, Resources> offer : byRole.getValue().entrySet()) {
                    allocator.recoverResources(allocation.framework(), offer.getKey(), byRole.getKey(),
                            offer.getValue(), refuseFor);
                }
            }
        }
    }

    /**
     * Runs {@code rounds} cycles, declining each one's offers, so that afterwards every agent
     * has been refused by {@code rounds} frameworks (each cycle offers each agent to one
     * framework: the first that does not refuse it takes everything free).
     */
    void declineRounds(int rounds) {
        for (int r = 0; r < rounds; r++) {
            decline(allocate());
        }
    }

    /** The offers the master would make: one per (framework, role, agent). */
    static int offerCount(List<Allocation> allocations) {
        int count = 0;
        for (Allocation allocation : allocations) {
            for (Map<AgentId, Resources> byAgent : allocation.resources().values()) {
                count += byAgent.size();
            }
        }
        return count;
    }

    static FrameworkId frameworkId(int f) {
        return FrameworkId.of(String.format("framework%05d", f));
    }

    /** {@code count} one-port ranges spread evenly over [begin, end), as Mesos's benchmark builds them. */
    static String singlePorts(int begin, int end, int count) {
        int step = (end - begin) / count;
        StringJoiner ranges = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            int port = begin + i * step;
            ranges.add(port + "-" + port);
        }
        return ranges.toString();
    }

    private record Context(InstantSource clock, OfferSink offers) implements AllocatorContext {
        @Override
        public AllocatorOptions options() {
            return AllocatorOptions.defaults();
        }
    }
}
