package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One agent as the allocator sees it: its total, who holds what of it (per framework and
 * role), and what is free. Free is always {@code total - allocated}, so however the events
 * arrive the agent never offers more than it has.
 */
final class AgentState {
    private final AgentId id;
    private final AgentSpec spec;
    private final Resources total;
    private final Map<FrameworkId, Map<String, Resources>> allocations = new HashMap<>();
    private Resources allocated = Resources.empty();
    private Resources free;
    private boolean active = true;

    AgentState(AgentId id, AgentSpec spec, Resources total) {
        this.id = id;
        this.spec = spec;
        this.total = total;
        this.free = total;
    }

    AgentId id() {
        return id;
    }

    AgentSpec spec() {
        return spec;
    }

    Resources total() {
        return total;
    }

    Resources free() {
        return free;
    }

    boolean active() {
        return active;
    }

    void active(boolean active) {
        this.active = active;
    }

    /**
     * Records {@code resources} as held by the framework under the role. Nothing changes
     * when they cannot be added (a resource type disagreeing with the agent's).
     */
    void allocate(FrameworkId framework, String role, Resources resources) {
        Map<String, Resources> byRole = allocations.get(framework);
        Resources held = byRole == null ? Resources.empty() : byRole.getOrDefault(role, Resources.empty());
        Resources nowHeld = held.plus(resources);
        Resources nowAllocated = allocated.plus(resources);
        Resources nowFree = total.minus(nowAllocated);
        allocations.computeIfAbsent(framework, f -> new HashMap<>()).put(role, nowHeld);
        allocated = nowAllocated;
        free = nowFree;
    }

    /**
     * Frees what the framework holds of {@code resources} under the role and returns exactly
     * that (nothing for resources it does not hold).
     */
    Resources release(FrameworkId framework, String role, Resources resources) {
        Map<String, Resources> byRole = allocations.get(framework);
        Resources held = byRole == null ? null : byRole.get(role);
        if (held == null) {
            return Resources.empty();
        }
        Resources released = held.minus(held.minus(resources));
        Resources left = held.minus(released);
        if (left.isEmpty()) {
            byRole.remove(role);
            if (byRole.isEmpty()) {
                allocations.remove(framework);
            }
        } else {
            byRole.put(role, left);
        }
        allocated = allocated.minus(released);
        free = total.minus(allocated);
        return released;
    }

    /** Frees everything the framework holds here; returns it per role. */
    Map<String, Resources> releaseAll(FrameworkId framework) {
        Map<String, Resources> byRole = allocations.remove(framework);
        if (byRole == null) {
            return Map.of();
        }
        for (Resources r : byRole.values()) {
            allocated = allocated.minus(r);
        }
        free = total.minus(allocated);
        return byRole;
    }

    /** Everything the framework holds here, across its roles. */
    Resources allocatedTo(FrameworkId framework) {
        Map<String, Resources> byRole = allocations.get(framework);
        if (byRole == null) {
            return Resources.empty();
        }
        Resources sum = Resources.empty();
        for (Resources r : byRole.values()) {
            sum = sum.plus(r);
        }
        return sum;
    }

    /** What the framework holds here under one role. */
    Resources allocatedTo(FrameworkId framework, String role) {
        Map<String, Resources> byRole = allocations.get(framework);
        return byRole == null ? Resources.empty() : byRole.getOrDefault(role, Resources.empty());
    }

    Set<FrameworkId> holders() {
        return Collections.unmodifiableSet(allocations.keySet());
    }
}
