package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One framework as the allocator sees it: its roles, whether it is connected, the roles it
 * suppressed, and its refuse filters per (agent, role). What it holds is kept by the
 * {@link Ledger}, not here.
 */
final class FrameworkState {
    private final FrameworkId id;
    private FrameworkSpec spec;
    private boolean active;
    private final Set<String> suppressed = new HashSet<>();
    private final Map<AgentId, Map<String, List<RefuseFilter>>> filters = new HashMap<>();

    FrameworkState(FrameworkId id, FrameworkSpec spec, boolean active, Set<String> suppressedRoles) {
        this.id = id;
        this.spec = spec;
        this.active = active;
        this.suppressed.addAll(suppressedRoles);
    }

    FrameworkId id() {
        return id;
    }

    List<String> roles() {
        return spec.roles();
    }

    boolean active() {
        return active;
    }

    /**
     * Connects or disconnects the framework. A disconnected framework loses its filters, as
     * in Mesos: when it comes back it starts from a clean slate rather than from declines it
     * made before.
     */
    void active(boolean active) {
        this.active = active;
        if (!active) {
            filters.clear();
        }
    }

    boolean suppressed(String role) {
        return suppressed.contains(role);
    }

    /**
     * Takes the new roles and suppressed roles of a re-subscription. Filters in roles the
     * framework left are dropped: they could never match again.
     */
    void update(FrameworkSpec newSpec, Set<String> suppressedRoles) {
        spec = newSpec;
        suppressed.clear();
        suppressed.addAll(suppressedRoles);
        Set<String> kept = Set.copyOf(newSpec.roles());
        for (Iterator<Map<String, List<RefuseFilter>>> it = filters.values().iterator(); it.hasNext(); ) {
            Map<String, List<RefuseFilter>> byRole = it.next();
            byRole.keySet().retainAll(kept);
            if (byRole.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Suppresses the given roles, or all of its roles when {@code roles} is empty. */
    void suppress(Set<String> roles) {
        suppressed.addAll(roles.isEmpty() ? spec.roles() : roles);
    }

    /** Unsuppresses the roles (all when empty) and drops its filters in them. */
    void revive(Set<String> roles) {
        if (roles.isEmpty()) {
            suppressed.clear();
            filters.clear();
            return;
        }
        suppressed.removeAll(roles);
        for (Iterator<Map<String, List<RefuseFilter>>> it = filters.values().iterator(); it.hasNext(); ) {
            Map<String, List<RefuseFilter>> byRole = it.next();
            byRole.keySet().removeAll(roles);
            if (byRole.isEmpty()) {
                it.remove();
            }
        }
    }

    void refuse(AgentId agent, String role, Resources refused, Instant until) {
        filters.computeIfAbsent(agent, a -> new HashMap<>())
                .computeIfAbsent(role, r -> new ArrayList<>(1))
                .add(new RefuseFilter(refused, until));
    }

    /** True when a live filter hides {@code offered} on that agent in that role; drops expired filters on the way. */
    boolean refuses(AgentId agent, String role, Resources offered, Instant now) {
        Map<String, List<RefuseFilter>> byRole = filters.get(agent);
        if (byRole == null) {
            return false;
        }
        List<RefuseFilter> list = byRole.get(role);
        if (list == null) {
            return false;
        }
        list.removeIf(f -> f.expiredAt(now));
        if (list.isEmpty()) {
            byRole.remove(role);
            if (byRole.isEmpty()) {
                filters.remove(agent);
            }
            return false;
        }
        for (RefuseFilter f : list) {
            if (f.hides(offered, now)) {
                return true;
            }
        }
        return false;
    }

    /** The agent is gone: its filters can never match again. */
    void forgetAgent(AgentId agent) {
        filters.remove(agent);
    }
}
