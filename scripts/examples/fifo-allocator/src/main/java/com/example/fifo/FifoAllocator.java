package com.example.fifo;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * First in, first out: each agent's free resources go to the oldest framework that will take
 * them. While the oldest framework accepts or declines without a filter, it gets everything;
 * a younger one is offered only what the older ones refused (a refuse filter), do not want
 * (a suppressed role) or may not use (resources reserved for another role).
 *
 * <p>Ranked 100, above the shipped drf allocator (0): dropping this bundle into the deploy
 * directory makes the master switch to it; deleting it switches back.
 *
 * <p>The master calls an allocator from one thread at a time, so there are no locks here.
 */
@Component(service = Allocator.class, property = {"service.ranking:Integer=100", "mezzo.plugin.name=fifo"})
public final class FifoAllocator implements Allocator {
    /** Mesos's cap on a refusal; it also keeps {@code now + refuseFor} from overflowing. */
    private static final Duration MAX_REFUSAL = Duration.ofDays(365);

    /** In the order they were added: the first is the oldest, the head of the queue. */
    private final Map<FrameworkId, Framework> frameworks = new LinkedHashMap<>();
    private final Map<AgentId, Agent> agents = new LinkedHashMap<>();
    private AllocatorContext context;

    @Override
    public void initialize(AllocatorContext context) {
        this.context = context;
    }

    // --- Frameworks. Events naming one we do not know are ignored: nothing to update.

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec spec, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
        // Added again means new: it goes to the back of the queue.
        frameworks.remove(id);
        frameworks.put(id, new Framework(spec, active, suppressedRoles));
        // Usage on agents we know already is declared here, once; the rest comes with addAgent.
        used.forEach(u -> Optional.ofNullable(agents.get(u.agent())).ifPresent(a -> a.hold(u)));
    }

    @Override
    public void removeFramework(FrameworkId id) {
        frameworks.remove(id);
        agents.values().forEach(a -> a.held.keySet().removeIf(h -> h.framework().equals(id)));
    }

    @Override
    public void activateFramework(FrameworkId id) {
        framework(id).ifPresent(f -> f.active = true);
    }

    /** As in Mesos, a framework that reconnects starts without the filters it had. */
    @Override
    public void deactivateFramework(FrameworkId id) {
        framework(id).ifPresent(f -> {
            f.active = false;
            f.filters.clear();
        });
    }

    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec spec, Set<String> suppressedRoles) {
        framework(id).ifPresent(f -> {
            f.spec = spec;
            f.suppressed.clear();
            f.suppressed.addAll(suppressedRoles);
        });
    }

    @Override
    public void suppressOffers(FrameworkId id, Set<String> roles) {
        framework(id).ifPresent(f -> f.suppressed.addAll(roles.isEmpty() ? f.spec.roles() : roles));
    }

    /** Reviving also drops the framework's refuse filters in those roles: it wants offers now. */
    @Override
    public void reviveOffers(FrameworkId id, Set<String> roles) {
        framework(id).ifPresent(f -> {
            Set<String> revived = roles.isEmpty() ? Set.copyOf(f.spec.roles()) : roles;
            f.suppressed.removeAll(revived);
            f.filters.removeIf(filter -> revived.contains(filter.role()));
        });
    }

    // --- Agents. Free = total minus what is held (tasks and outstanding offers), always.

    @Override
    public void addAgent(AgentId id, AgentSpec spec, Resources total, List<Usage> used) {
        Agent agent = new Agent(total);
        agents.put(id, agent);
        used.forEach(agent::hold);
    }

    @Override
    public void removeAgent(AgentId id) {
        agents.remove(id);
        frameworks.values().forEach(f -> f.filters.removeIf(filter -> filter.agent().equals(id)));
    }

    @Override
    public void activateAgent(AgentId id) {
        Optional.ofNullable(agents.get(id)).ifPresent(a -> a.active = true);
    }

    @Override
    public void deactivateAgent(AgentId id) {
        Optional.ofNullable(agents.get(id)).ifPresent(a -> a.active = false);
    }

    @Override
    public void recoverResources(FrameworkId framework, AgentId agentId, String role, Resources resources,
                                 Optional<Duration> refuseFor) {
        Agent agent = agents.get(agentId);
        if (agent == null) {
            return;
        }
        // Resources.minus stops at nothing left; returning null drops the entry.
        agent.held.computeIfPresent(new Holder(framework, role), (h, held) -> {
            Resources left = held.minus(resources);
            return left.isEmpty() ? null : left;
        });
        Optional<Duration> refusal = refuseFor.filter(d -> d.compareTo(Duration.ZERO) > 0);
        if (refusal.isPresent()) {
            Duration capped = refusal.get().compareTo(MAX_REFUSAL) > 0 ? MAX_REFUSAL : refusal.get();
            Instant until = context.clock().instant().plus(capped);
            framework(framework).ifPresent(f -> f.filters.add(new Filter(agentId, role, resources, until)));
        }
    }

    // --- Policy the master knows of but this allocator does not use.

    /** FIFO has no notion of shares, so role weights change nothing. */
    @Override
    public void updateWeights(Map<String, Double> weights) {
    }

    /** Quota is ignored too: the oldest framework takes what it can, whatever other roles were promised. */
    @Override
    public void updateQuota(Map<String, Quota> quotas) {
    }

    // --- The decision.

    @Override
    public void allocate() {
        Instant now = context.clock().instant();
        Map<FrameworkId, Map<String, Map<AgentId, Resources>>> decisions = new LinkedHashMap<>();
        for (Map.Entry<AgentId, Agent> entry : agents.entrySet()) {
            AgentId agentId = entry.getKey();
            Agent agent = entry.getValue();
            if (!agent.active) {
                continue;
            }
            Resources left = agent.free();
            // Oldest first; within a framework, its roles in the order it gave them.
            for (Map.Entry<FrameworkId, Framework> candidate : frameworks.entrySet()) {
                Framework framework = candidate.getValue();
                for (String role : framework.wantedRoles()) {
                    Resources offer = left.allocatableTo(role);
                    // Below the operator's minimum an offer only gets declined; a filter means "not these".
                    if (!context.options().allocatable(offer) || framework.refuses(agentId, role, offer, now)) {
                        continue;
                    }
                    // Offered resources count as held until the master recovers them.
                    agent.held.merge(new Holder(candidate.getKey(), role), offer, Resources::plus);
                    left = left.minus(offer);
                    decisions.computeIfAbsent(candidate.getKey(), f -> new LinkedHashMap<>())
                            .computeIfAbsent(role, r -> new LinkedHashMap<>()).put(agentId, offer);
                }
            }
        }
        // One Allocation per framework; the master turns each (role, agent) into one offer.
        decisions.forEach((id, byRole) -> context.offers().offer(new Allocation(id, byRole)));
    }

    private Optional<Framework> framework(FrameworkId id) {
        return Optional.ofNullable(frameworks.get(id));
    }

    /** Who holds a part of an agent: a framework, in one of its roles. */
    private record Holder(FrameworkId framework, String role) {
    }

    /** "Do not offer me {@code refused} (or less) on this agent in this role before {@code until}." */
    private record Filter(AgentId agent, String role, Resources refused, Instant until) {
    }

    private static final class Framework {
        FrameworkSpec spec;
        boolean active;
        final Set<String> suppressed;
        final List<Filter> filters = new ArrayList<>();

        Framework(FrameworkSpec spec, boolean active, Set<String> suppressed) {
            this.spec = spec;
            this.active = active;
            this.suppressed = new HashSet<>(suppressed);
        }

        /** Its roles that may be offered something now: none while it is disconnected. */
        List<String> wantedRoles() {
            return active ? spec.roles().stream().filter(r -> !suppressed.contains(r)).toList() : List.of();
        }

        /** As in Mesos, a filter hides an offer only if the offer lies wholly within what was refused. */
        boolean refuses(AgentId agent, String role, Resources offer, Instant now) {
            filters.removeIf(f -> !now.isBefore(f.until()));
            return filters.stream().anyMatch(f -> f.agent().equals(agent) && f.role().equals(role)
                    && f.refused().contains(offer));
        }
    }

    private static final class Agent {
        final Resources total;
        final Map<Holder, Resources> held = new HashMap<>();
        boolean active = true;

        Agent(Resources total) {
            this.total = total;
        }

        void hold(Usage usage) {
            held.merge(new Holder(usage.framework(), usage.role()), usage.resources(), Resources::plus);
        }

        Resources free() {
            Resources allocated = Resources.empty();
            for (Resources r : held.values()) {
                allocated = allocated.plus(r);
            }
            return total.minus(allocated);
        }
    }
}
