package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation pass over every active agent, by agent id.
 *
 * <p>For each agent, frameworks are visited in DRF order (taken once per agent), and each of
 * a framework's roles that is not suppressed is offered everything free on the agent that the
 * role may use, unless a refuse filter hides it or it is below the minimum allocatable. What
 * is offered is allocated at once, so shares move and the next framework sees only what is
 * left. The results are gathered into one {@link Allocation} per framework.
 */
final class AllocationCycle {
    private final Ledger ledger;
    private final Map<String, FrameworkState> frameworks;
    private final MinimumAllocatable minimum;
    private final Instant now;
    private final Map<FrameworkId, Map<String, Map<AgentId, Resources>>> offered = new LinkedHashMap<>();

    AllocationCycle(Ledger ledger, Map<String, FrameworkState> frameworks, MinimumAllocatable minimum,
                    Instant now) {
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.minimum = minimum;
        this.now = now;
    }

    /** Runs the pass; the ledger already counts every returned allocation as held. */
    List<Allocation> run() {
        for (AgentState agent : ledger.agents()) {
            if (agent.active() && worthOffering(agent.free())) {
                allocate(agent);
            }
        }
        List<Allocation> out = new ArrayList<>(offered.size());
        offered.forEach((framework, byRole) -> out.add(new Allocation(framework, byRole)));
        return out;
    }

    private void allocate(AgentState agent) {
        for (String client : ledger.sorter().sort()) {
            FrameworkState framework = frameworks.get(client);
            if (framework == null || !framework.active()) {
                continue;
            }
            for (String role : framework.roles()) {
                if (!framework.suppressed(role)) {
                    offer(framework, agent, role);
                }
            }
            // Any subset of a free pool below the minimum is below it too.
            if (!worthOffering(agent.free())) {
                return;
            }
        }
    }

    private void offer(FrameworkState framework, AgentState agent, String role) {
        Resources offerable = agent.free().allocatableTo(role);
        if (!worthOffering(offerable) || framework.refuses(agent.id(), role, offerable, now)) {
            return;
        }
        ledger.allocate(framework.id(), agent, role, offerable);
        offered.computeIfAbsent(framework.id(), f -> new LinkedHashMap<>())
                .computeIfAbsent(role, r -> new LinkedHashMap<>())
                .merge(agent.id(), offerable, Resources::plus);
    }

    private boolean worthOffering(Resources resources) {
        return !resources.isEmpty() && minimum.allows(resources);
    }
}
