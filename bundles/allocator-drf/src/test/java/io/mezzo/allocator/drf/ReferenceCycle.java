package io.mezzo.allocator.drf;

import io.mezzo.allocator.drf.ReferenceAllocator.Agent;
import io.mezzo.allocator.drf.ReferenceAllocator.Framework;
import io.mezzo.allocator.drf.ReferenceAllocator.Key;
import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One cycle of {@link ReferenceAllocator}: both stages, every number recomputed when used. */
final class ReferenceCycle {
    private final ReferenceAllocator state;
    private final Instant now;
    private final Map<FrameworkId, Map<String, Map<AgentId, Resources>>> offered = new LinkedHashMap<>();

    ReferenceCycle(ReferenceAllocator state, Instant now) {
        this.state = state;
        this.now = now;
    }

    List<Allocation> run() {
        List<AgentId> order = new ArrayList<>();
        if (!state.agents.isEmpty()) {
            AgentId next = state.lastStart == null ? null : state.agents.higherKey(state.lastStart);
            AgentId start = next == null ? state.agents.firstKey() : next;
            state.lastStart = start;
            order.addAll(state.agents.tailMap(start, true).keySet());
            order.addAll(state.agents.headMap(start, false).keySet());
        }
        if (anyUnmet()) {
            order.forEach(id -> visit(id, state.agents.get(id), true));
        }
        order.forEach(id -> visit(id, state.agents.get(id), false));
        List<Allocation> out = new ArrayList<>();
        offered.forEach((fw, byRole) -> out.add(new Allocation(fw, byRole)));
        return out;
    }

    private void visit(AgentId id, Agent agent, boolean stage1) {
        if (!agent.active || agent.free.isEmpty()) {
            return;
        }
        for (String role : roleOrder()) {
            if (stage1 && !unmet(role)) {
                continue;
            }
            for (FrameworkId fw : frameworkOrder(role)) {
                Resources candidate = agent.free.allocatableTo(role);
                Resources offer = cut(role, candidate, stage1);
                if (!allowed(candidate) || !allowed(offer)) {
                    break;
                }
                if (!filtered(fw, role, id, offer)) {
                    agent.free = agent.free.minus(offer);
                    agent.held.merge(new Key(fw, role), offer, Resources::plus);
                    offered.computeIfAbsent(fw, x -> new LinkedHashMap<>())
                            .computeIfAbsent(role, x -> new LinkedHashMap<>())
                            .merge(id, offer, Resources::plus);
                }
            }
        }
    }

    private boolean allowed(Resources resources) {
        return !resources.isEmpty() && state.context.options().allocatable(resources);
    }

    private boolean filtered(FrameworkId fw, String role, AgentId agent, Resources offer) {
        return state.filters.stream().anyMatch(f -> f.framework().equals(fw) && f.role().equals(role)
                && f.agent().equals(agent) && now.isBefore(f.until()) && f.refused().contains(offer));
    }

    /** Roles with a framework subscribed to them or holding something in them, by weighted share then name. */
    List<String> roleOrder() {
        Set<String> roles = new TreeSet<>();
        state.frameworks.forEach((id, fw) -> {
            if (fw.added()) {
                roles.addAll(fw.spec.roles());
            }
        });
        for (Agent agent : state.agents.values()) {
            agent.held.keySet().stream().filter(k -> state.added(k.framework()).isPresent())
                    .forEach(k -> roles.add(k.role()));
        }
        List<String> out = new ArrayList<>(roles);
        out.sort(Comparator.comparingDouble(this::roleShare).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** Frameworks that may be offered in the role, by share within it then id. */
    List<FrameworkId> frameworkOrder(String role) {
        List<FrameworkId> out = new ArrayList<>();
        state.frameworks.forEach((id, fw) -> {
            if (fw.added() && fw.active && fw.spec.roles().contains(role) && !fw.suppressed.contains(role)) {
                out.add(id);
            }
        });
        out.sort(Comparator.comparingDouble((FrameworkId id) -> frameworkShare(id, role))
                .thenComparing(FrameworkId::value));
        return out;
    }

    double roleShare(String role) {
        return share(heldIn(role, null)) / state.weights.getOrDefault(role, 1.0);
    }

    double frameworkShare(FrameworkId fw, String role) {
        return share(heldIn(role, fw));
    }

    /** Scalars by name held in the role (by one framework, or by every added one). */
    private Map<String, Long> heldIn(String role, FrameworkId only) {
        Map<String, Long> sums = new HashMap<>();
        for (Agent agent : state.agents.values()) {
            agent.held.forEach((k, r) -> {
                if (k.role().equals(role) && (only == null ? state.added(k.framework()).isPresent()
                        : k.framework().equals(only))) {
                    addScalars(sums, r, x -> true);
                }
            });
        }
        return sums;
    }

    private double share(Map<String, Long> held) {
        Map<String, Long> total = new HashMap<>();
        state.agents.values().forEach(a -> addScalars(total, a.total, x -> true));
        double dominant = 0;
        Set<String> excluded = state.context.options().fairnessExcludedResources();
        for (Map.Entry<String, Long> e : held.entrySet()) {
            long t = total.getOrDefault(e.getKey(), 0L);
            if (!excluded.contains(e.getKey()) && t > 0 && e.getValue() > 0) {
                dominant = Math.max(dominant, (double) e.getValue() / t);
            }
        }
        return dominant;
    }

    private static void addScalars(Map<String, Long> into, Resources r, java.util.function.Predicate<Resource> keep) {
        for (Resource x : r) {
            if (x.value() instanceof Scalar s && keep.test(x)) {
                into.merge(x.name(), s.millis(), Long::sum);
            }
        }
    }

    // --- quota -------------------------------------------------------------------------------

    private long consumed(String role, String name) {
        long sum = 0;
        for (Agent agent : state.agents.values()) {
            for (Resource r : agent.total) {
                if (r.name().equals(name) && r.role().equals(role) && r.value() instanceof Scalar s) {
                    sum += s.millis();
                }
            }
            for (Map.Entry<Key, Resources> e : agent.held.entrySet()) {
                if (e.getKey().role().equals(role) && state.added(e.getKey().framework()).isPresent()) {
                    sum += e.getValue().unreserved().scalar(name).millis();
                }
            }
        }
        return sum;
    }

    private long unmet(String role, String name) {
        Quota q = state.quotas.get(role);
        return q == null ? 0 : Math.max(0, q.guarantees().scalar(name).millis() - consumed(role, name));
    }

    private boolean unmet(String role) {
        Quota q = state.quotas.get(role);
        return q != null && q.guarantees().names().stream().anyMatch(n -> unmet(role, n) > 0);
    }

    private long required(String name) {
        return state.quotas.keySet().stream().mapToLong(role -> unmet(role, name)).sum();
    }

    private boolean anyUnmet() {
        return state.quotas.keySet().stream().anyMatch(this::unmet);
    }

    private long available(String name) {
        return state.agents.values().stream().mapToLong(a -> a.free.unreserved().scalar(name).millis()).sum();
    }

    private Resources cut(String role, Resources candidate, boolean stage1) {
        Quota q = state.quotas.getOrDefault(role, Quota.NONE);
        boolean headroom = anyUnmet();
        List<Resource> out = new ArrayList<>();
        boolean progress = false;
        for (Resource r : candidate) {
            if (!(r.value() instanceof Scalar s) || !r.isUnreserved()) {
                out.add(r);
                continue;
            }
            long guaranteed = stage1 ? Math.min(s.millis(), unmet(role, r.name())) : 0;
            long extra = s.millis() - guaranteed;
            if (q.limit(r.name()).isPresent()) {
                extra = Math.min(extra, Math.max(0, q.limit(r.name()).get().millis() - consumed(role, r.name())
                        - guaranteed));
            }
            if (headroom) {
                extra = Math.min(extra, Math.max(0, available(r.name()) - required(r.name())));
            }
            progress |= guaranteed > 0;
            if (guaranteed + extra > 0) {
                out.add(new Resource(r.name(), r.role(), new Scalar(guaranteed + extra)));
            }
        }
        return stage1 && !progress ? Resources.empty() : Resources.of(out);
    }
}
