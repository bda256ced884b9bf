package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation cycle, in Mesos's two stages, each a pass over the active agents in id
 * order from a rotating start ({@link Ledger#nextStart()}):
 * <ol>
 *   <li>Quota guarantees: on each agent, roles in role-sorter order that have an unmet
 *       guarantee, and within each its frameworks in framework-sorter order, are offered what
 *       the {@link QuotaCycle} lets them have in stage 1 (only if it moves them toward the
 *       guarantee).</li>
 *   <li>Everyone: on each agent, every role in order, every framework of the role in order,
 *       is offered the rest, cut to limits and headroom.</li>
 * </ol>
 * For one agent the role order is taken once, and for each role its framework order once (a
 * snapshot, as in Mesos); what is offered is allocated at once, so the next framework sees only
 * what is left. A framework is skipped when a refuse filter hides the offer; a role is skipped
 * when what it may use is below the minimum allocatable or every eligible framework has
 * declined it ({@link RoleFilters#hidesAll}); an agent with nothing free is skipped at once.
 */
final class AllocationCycle {
    private final RoleBook roles;
    private final Ledger ledger;
    private final FilterBook filters;
    private final MinimumAllocatable minimum;
    private final long now;
    private final QuotaCycle quota;
    private final Map<FrameworkState, Map<String, Map<AgentId, Resources>>> offered = new LinkedHashMap<>();
    private int[] roleOrder = new int[8];

    AllocationCycle(RoleBook roles, Ledger ledger, FilterBook filters, MinimumAllocatable minimum,
                    Quantities.Names names, long now) {
        this.roles = roles;
        this.ledger = ledger;
        this.filters = filters;
        this.minimum = minimum;
        this.now = now;
        this.quota = new QuotaCycle(roles, ledger.inIdOrder(), names);
    }

    /** Runs both stages; every returned allocation is already held in the ledger. */
    List<Allocation> run() {
        AgentState[] agents = ledger.inIdOrder();
        int start = ledger.nextStart();
        if (quota.anyUnmet()) {
            for (int i = 0; i < agents.length; i++) {
                visit(agents[(start + i) % agents.length], true);
            }
        }
        for (int i = 0; i < agents.length; i++) {
            visit(agents[(start + i) % agents.length], false);
        }
        List<Allocation> out = new ArrayList<>(offered.size());
        offered.forEach((framework, byRole) -> out.add(new Allocation(framework.id, byRole)));
        return out;
    }

    private void visit(AgentState agent, boolean stage1) {
        if (!agent.active || agent.free.isEmpty()) {
            return;
        }
        filters.expire(agent, now);
        // The role order of this agent, kept while offers move the role sorter.
        int[] live = roles.sorter().sort();
        if (roleOrder.length < live.length) {
            roleOrder = new int[live.length * 2];
        }
        int count = live.length;
        System.arraycopy(live, 0, roleOrder, 0, count);
        for (int i = 0; i < count && !agent.free.isEmpty(); i++) {
            RoleState role = roles.byHandle(roleOrder[i]);
            if (!stage1 || quota.unmet(role)) {
                offerRole(agent, role, stage1);
            }
        }
    }

    /** Offers the agent to the role's frameworks in order until nothing worth offering is left. */
    private void offerRole(AgentState agent, RoleState role, boolean stage1) {
        int[] order = role.frameworks.sort();
        if (order.length == 0) {
            return;
        }
        Resources candidate = agent.candidateFor(role.name);
        if (!minimum.allows(candidate)) {
            return;
        }
        RoleFilters declined = agent.filters(role);
        if (declined != null && declined.hidesAll(role.eligible, candidate)) {
            return;
        }
        Resources offer = quota.cut(role, candidate, stage1);
        if (!minimum.allows(offer)) {
            return;
        }
        for (int framework : order) {
            if (declined == null || !declined.hides(framework, candidate, offer)) {
                // Nothing is left for the role here afterwards: an uncut offer is everything the
                // role may use on this agent, and a cut one stops exactly at the role's limit or
                // at the headroom (or, in stage 1, takes all the unmet guarantee it can), so the
                // next cut would be empty. Hence no copy of this order is needed.
                give(role.subscription(framework), agent, offer);
                return;
            }
        }
    }

    private void give(Subscription sub, AgentState agent, Resources offer) {
        ledger.allocate(sub.framework, agent, sub.role.name, offer);
        quota.charged(sub.role, offer);
        offered.computeIfAbsent(sub.framework, f -> new LinkedHashMap<>())
                .computeIfAbsent(sub.role.name, r -> new LinkedHashMap<>())
                .merge(agent.id, offer, Resources::plus);
    }
}
