package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent as the allocator sees it: its total, what each framework holds of it per role,
 * what is free, and the refuse filters frameworks hold on it. The {@link Ledger} keeps
 * {@code free + sum(holdings) == total}, so however events arrive the agent never offers more
 * than it has.
 */
final class AgentState {
    /** Dense index, reused after the agent is removed. */
    final int index;
    final AgentId id;
    final AgentSpec spec;
    final Resources total;
    /** Whether the total holds reserved resources; without them every role's candidate is simply {@link #free}. */
    final boolean reserves;
    Resources free;
    boolean active = true;
    final List<Holding> holdings = new ArrayList<>(2);
    private Map<RoleState, RoleFilters> filters;
    /** No filter here expires before this (epoch nanoseconds). */
    long earliestExpiry = Long.MAX_VALUE;

    AgentState(int index, AgentId id, AgentSpec spec, Resources total) {
        this.index = index;
        this.id = id;
        this.spec = spec;
        this.total = total;
        this.free = total;
        this.reserves = hasReservations(total);
    }

    /** Everything free here that a framework in {@code role} may be offered. */
    Resources candidateFor(String role) {
        return reserves ? free.allocatableTo(role) : free;
    }

    Holding holding(FrameworkState framework, String role) {
        for (Holding h : holdings) {
            if (h.framework == framework && h.role.equals(role)) {
                return h;
            }
        }
        return null;
    }

    boolean holdsFor(FrameworkState framework) {
        for (Holding h : holdings) {
            if (h.framework == framework) {
                return true;
            }
        }
        return false;
    }

    /** The filters of the role's frameworks here, or null when there are none. */
    RoleFilters filters(RoleState role) {
        return filters == null ? null : filters.get(role);
    }

    RoleFilters filtersForAdding(RoleState role, FilterSlab slab) {
        if (filters == null) {
            filters = new HashMap<>(4);
        }
        return filters.computeIfAbsent(role, r -> new RoleFilters(slab));
    }

    void dropFiltersIfEmpty(RoleState role) {
        RoleFilters rf = filters(role);
        if (rf != null && rf.isEmpty()) {
            filters.remove(role);
        }
    }

    Map<RoleState, RoleFilters> allFilters() {
        return filters == null ? Map.of() : filters;
    }

    void forgetFilters() {
        allFilters().values().forEach(RoleFilters::clear);
        filters = null;
        earliestExpiry = Long.MAX_VALUE;
    }

    private static boolean hasReservations(Resources resources) {
        for (Resource r : resources) {
            if (!r.isUnreserved()) {
                return true;
            }
        }
        return false;
    }
}
