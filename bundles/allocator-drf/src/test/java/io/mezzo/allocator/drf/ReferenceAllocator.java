package io.mezzo.allocator.drf;

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
import java.util.TreeMap;

/**
 * The allocation semantics of docs/allocation.md written the obvious way: plain maps, every
 * share and order recomputed from scratch whenever it is needed, filters in one list. Slow and
 * small on purpose; {@link EquivalenceTest} checks {@link DrfAllocator}'s fast structures
 * against it.
 */
final class ReferenceAllocator implements Allocator {
    record Key(FrameworkId framework, String role) {}

    static final class Agent {
        final Resources total;
        Resources free;
        boolean active = true;
        final Map<Key, Resources> held = new LinkedHashMap<>();

        Agent(Resources total) {
            this.total = total;
            this.free = total;
        }
    }

    static final class Framework {
        FrameworkSpec spec;
        boolean active;
        final Set<String> suppressed = new HashSet<>();

        boolean added() {
            return spec != null;
        }
    }

    record Filter(FrameworkId framework, String role, AgentId agent, Resources refused, Instant until) {}

    AllocatorContext context;
    final TreeMap<AgentId, Agent> agents = new TreeMap<>();
    final Map<FrameworkId, Framework> frameworks = new HashMap<>();
    final List<Filter> filters = new ArrayList<>();
    Map<String, Double> weights = Map.of();
    Map<String, Quota> quotas = Map.of();
    /** The agent the previous cycle began with (null once no agent is known). */
    AgentId lastStart;

    @Override
    public void initialize(AllocatorContext context) {
        this.context = context;
    }

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec spec, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
        if (frameworks.containsKey(id) && frameworks.get(id).added()) {
            removeFramework(id);
        }
        Framework fw = frameworks.computeIfAbsent(id, x -> new Framework());
        fw.spec = spec;
        fw.active = active;
        fw.suppressed.addAll(suppressedRoles);
        for (Usage u : used) {
            if (u.framework().equals(id) && agents.containsKey(u.agent())) {
                declare(agents.get(u.agent()), u);
            }
        }
    }

    @Override
    public void removeFramework(FrameworkId id) {
        if (frameworks.remove(id) == null) {
            return;
        }
        filters.removeIf(f -> f.framework().equals(id));
        for (Agent agent : agents.values()) {
            agent.held.entrySet().removeIf(e -> {
                if (e.getKey().framework().equals(id)) {
                    agent.free = agent.free.plus(e.getValue());
                    return true;
                }
                return false;
            });
        }
    }

    @Override
    public void activateFramework(FrameworkId id) {
        added(id).ifPresent(fw -> fw.active = true);
    }

    @Override
    public void deactivateFramework(FrameworkId id) {
        added(id).ifPresent(fw -> {
            fw.active = false;
            filters.removeIf(f -> f.framework().equals(id));
        });
    }

    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec spec, Set<String> suppressedRoles) {
        added(id).ifPresent(fw -> {
            Set<String> wasSuppressed = new HashSet<>(fw.suppressed);
            fw.spec = spec;
            fw.suppressed.clear();
            fw.suppressed.addAll(suppressedRoles);
            filters.removeIf(f -> f.framework().equals(id) && (!spec.roles().contains(f.role())
                    || wasSuppressed.contains(f.role()) && !suppressedRoles.contains(f.role())));
        });
    }

    @Override
    public void addAgent(AgentId id, AgentSpec spec, Resources total, List<Usage> used) {
        if (agents.containsKey(id)) {
            removeAgent(id);
        }
        Agent agent = new Agent(total);
        agents.put(id, agent);
        for (Usage u : used) {
            if (u.agent().equals(id)) {
                frameworks.computeIfAbsent(u.framework(), x -> new Framework());
                declare(agent, u);
            }
        }
        dropIdlePlaceholders();
    }

    @Override
    public void removeAgent(AgentId id) {
        if (agents.remove(id) != null) {
            if (agents.isEmpty()) {
                lastStart = null;
            }
            filters.removeIf(f -> f.agent().equals(id));
            dropIdlePlaceholders();
        }
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
        Framework fw = frameworks.get(framework);
        if (agent == null || fw == null) {
            return;
        }
        Key key = new Key(framework, role);
        Resources held = agent.held.get(key);
        if (held != null) {
            Resources released;
            try {
                released = held.minus(held.minus(resources));
            } catch (IllegalArgumentException e) {
                return;
            }
            agent.free = agent.free.plus(released);
            if (held.minus(released).isEmpty()) {
                agent.held.remove(key);
            } else {
                agent.held.put(key, held.minus(released));
            }
        }
        if (refuseFor.isPresent() && refuseFor.get().compareTo(Duration.ZERO) > 0 && fw.added()
                && fw.spec.roles().contains(role) && !resources.isEmpty() && context != null) {
            Duration d = refuseFor.get().compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365) : refuseFor.get();
            filters.add(new Filter(framework, role, agentId, resources, context.clock().instant().plus(d)));
        }
    }

    @Override
    public void suppressOffers(FrameworkId framework, Set<String> roles) {
        added(framework).ifPresent(fw -> fw.suppressed.addAll(roles.isEmpty() ? fw.spec.roles() : roles));
    }

    @Override
    public void reviveOffers(FrameworkId framework, Set<String> roles) {
        added(framework).ifPresent(fw -> {
            if (roles.isEmpty()) {
                fw.suppressed.clear();
            } else {
                fw.suppressed.removeAll(roles);
            }
            filters.removeIf(f -> f.framework().equals(framework) && (roles.isEmpty() || roles.contains(f.role())));
        });
    }

    @Override
    public void updateWeights(Map<String, Double> next) {
        Map<String, Double> valid = new HashMap<>();
        next.forEach((role, w) -> {
            if (w != null && w > 0 && !w.isInfinite()) {
                valid.put(role, w);
            }
        });
        weights = valid;
    }

    @Override
    public void updateQuota(Map<String, Quota> next) {
        Map<String, Quota> kept = new HashMap<>();
        next.forEach((role, q) -> {
            if (!q.isNone()) {
                kept.put(role, q);
            }
        });
        quotas = kept;
    }

    @Override
    public void allocate() {
        if (context == null) {
            return;
        }
        for (Allocation allocation : new ReferenceCycle(this, context.clock().instant()).run()) {
            try {
                context.offers().offer(allocation);
            } catch (RuntimeException e) {
                allocation.resources().forEach((role, byAgent) -> byAgent.forEach((agent, r) ->
                        recoverResources(allocation.framework(), agent, role, r, Optional.empty())));
            }
        }
    }

    Optional<Framework> added(FrameworkId id) {
        return Optional.ofNullable(frameworks.get(id)).filter(Framework::added);
    }

    private void declare(Agent agent, Usage u) {
        try {
            Resources fits = agent.free.minus(agent.free.minus(u.resources()));
            if (!fits.isEmpty()) {
                agent.free = agent.free.minus(fits);
                agent.held.merge(new Key(u.framework(), u.role()), fits, Resources::plus);
            }
        } catch (IllegalArgumentException e) {
            // a type clash: ignored, as the allocator does
        }
    }

    private void dropIdlePlaceholders() {
        frameworks.entrySet().removeIf(e -> !e.getValue().added()
                && agents.values().stream().noneMatch(a -> a.held.keySet().stream()
                        .anyMatch(k -> k.framework().equals(e.getKey()))));
    }
}
