package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.AllocatorContext;
import io.mezzo.spi.OfferSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link DrfAllocator} wired to a manual clock and a recording sink, with short ways to drive it. */
final class AllocatorFixture {
    final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    final RecordingSink sink = new RecordingSink();
    final DrfAllocator allocator;

    AllocatorFixture() {
        this(new DrfAllocator());
    }

    AllocatorFixture(DrfAllocator allocator) {
        this(allocator, AllocatorOptions.defaults());
    }

    AllocatorFixture(AllocatorOptions options) {
        this(new DrfAllocator(), options);
    }

    AllocatorFixture(DrfAllocator allocator, AllocatorOptions options) {
        this.allocator = allocator;
        allocator.initialize(context(clock, sink, options));
    }

    /** What the host hands an allocator, over the given clock, sink and options. */
    static AllocatorContext context(InstantSource clock, OfferSink sink, AllocatorOptions options) {
        return new AllocatorContext() {
            @Override
            public InstantSource clock() {
                return clock;
            }

            @Override
            public OfferSink offers() {
                return sink;
            }

            @Override
            public AllocatorOptions options() {
                return options;
            }
        };
    }

    /** An active framework with no usage and nothing suppressed; roles default to {@code *}. */
    FrameworkId framework(String id, String... roles) {
        FrameworkId fw = FrameworkId.of(id);
        allocator.addFramework(fw, spec(roles), List.of(), true, Set.of());
        return fw;
    }

    static FrameworkSpec spec(String... roles) {
        return new FrameworkSpec("test", roles.length == 0 ? List.of("*") : List.of(roles), Set.of());
    }

    AgentId agent(String id, String resources, Usage... used) {
        AgentId agent = AgentId.of(id);
        allocator.addAgent(agent, new AgentSpec(id + ".example", List.of()), Resources.parse(resources), List.of(used));
        return agent;
    }

    /** Runs one allocation cycle and returns what it offered. */
    List<Allocation> cycle() {
        allocator.allocate();
        return sink.drain();
    }

    void decline(FrameworkId fw, AgentId agent, String role, Resources resources, Duration refuseFor) {
        allocator.recoverResources(fw, agent, role, resources, Optional.of(refuseFor));
    }

    void recover(FrameworkId fw, AgentId agent, String role, Resources resources) {
        allocator.recoverResources(fw, agent, role, resources, Optional.empty());
    }

    /** The framework's dominant share in role {@code *}. */
    double share(FrameworkId fw) {
        return share(fw, "*");
    }

    double share(FrameworkId fw, String role) {
        return allocator.frameworkShare(fw, role).orElseThrow();
    }

    double roleShare(String role) {
        return allocator.roleShare(role).orElseThrow();
    }

    /** What the allocations offered the framework on the agent in the role (empty when nothing). */
    static Resources offered(List<Allocation> allocations, FrameworkId fw, String role, AgentId agent) {
        Resources sum = Resources.empty();
        for (Allocation a : allocations) {
            if (a.framework().equals(fw)) {
                sum = sum.plus(a.resources().getOrDefault(role, Map.of()).getOrDefault(agent, Resources.empty()));
            }
        }
        return sum;
    }

    /** The frameworks offered anything, in the order the sink received them. */
    static List<FrameworkId> recipients(List<Allocation> allocations) {
        return allocations.stream().map(Allocation::framework).toList();
    }

    static Resources r(String text) {
        return Resources.parse(text);
    }
}
