package io.mezzo.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resources an allocator hands to one framework in one decision: per role the framework
 * holds, per agent, the resources to offer. The master turns each (role, agent) pair into
 * one offer.
 */
public record Allocation(FrameworkId framework, Map<String, Map<AgentId, Resources>> resources) {
    public Allocation {
        if (framework == null) {
            throw new IllegalArgumentException("allocation needs a framework");
        }
        Map<String, Map<AgentId, Resources>> copy = new LinkedHashMap<>();
        resources.forEach((role, byAgent) -> {
            Roles.validate(role);
            Map<AgentId, Resources> inner = new LinkedHashMap<>();
            byAgent.forEach((agent, r) -> {
                if (!r.isEmpty()) {
                    inner.put(agent, r);
                }
            });
            if (!inner.isEmpty()) {
                copy.put(role, java.util.Collections.unmodifiableMap(inner));
            }
        });
        resources = java.util.Collections.unmodifiableMap(copy);
    }

    public static Allocation of(FrameworkId framework, String role, AgentId agent, Resources resources) {
        return new Allocation(framework, Map.of(role, Map.of(agent, resources)));
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
