package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds what: the agents (by id and by dense index) and, on each, the holdings of each
 * framework per role. Every allocation and release goes through here and is charged to the
 * sorters through the {@link RoleBook} in the same step, so free resources, holdings and
 * shares never disagree.
 *
 * <p>Holdings of a framework that was not added yet (an agent declared its usage first) stay
 * on the agent, out of offers, and are charged to the sorters once it is added ({@link #track}).
 */
final class Ledger {
    private final RoleBook roles;
    private final Map<AgentId, AgentState> agents = new HashMap<>();
    private AgentState[] byIndex = new AgentState[16];
    private int[] freeIndexes = new int[16];
    private int freeCount;
    private int highWater;
    private AgentState[] inIdOrder = new AgentState[0];
    /** Agents added since {@link #inIdOrder} was built, each with a larger id than all before it. */
    private final List<AgentState> appended = new ArrayList<>();
    /** Where the previous cycle began; null when no cycle ran since the allocator knew no agent. */
    private AgentId lastStart;

    Ledger(RoleBook roles) {
        this.roles = roles;
    }

    AgentState agent(AgentId id) {
        return agents.get(id);
    }

    AgentState agent(int index) {
        return byIndex[index];
    }

    /** Every agent, by id; the array is shared and must not be modified. */
    AgentState[] inIdOrder() {
        if (inIdOrder == null) {
            inIdOrder = agents.values().toArray(new AgentState[0]);
            Arrays.sort(inIdOrder, Comparator.comparing(a -> a.id));
        } else if (!appended.isEmpty()) {
            // Agents registered in id order (a common case) extend the order without a sort.
            AgentState[] longer = Arrays.copyOf(inIdOrder, inIdOrder.length + appended.size());
            for (int i = 0; i < appended.size(); i++) {
                longer[inIdOrder.length + i] = appended.get(i);
            }
            inIdOrder = longer;
        }
        appended.clear();
        return inIdOrder;
    }

    /**
     * Where the next cycle begins in {@link #inIdOrder()}: with the first agent after the one the
     * previous cycle began with (wrapping around), so that no agent is always offered first.
     * Mesos shuffles agents at random for that; a rotation is as fair over time, reproducible,
     * and it keeps the order in which agents are visited from lining up, cycle after cycle,
     * with the order of frameworks that declined them (which would make every cycle step over
     * them one by one). It starts over once the allocator knows no agent, so an allocator told
     * to forget everything behaves like a new one.
     */
    int nextStart() {
        AgentState[] agents = inIdOrder();
        if (agents.length == 0) {
            return 0;
        }
        int at = 0;
        if (lastStart != null) {
            int lo = 0;
            int hi = agents.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (agents[mid].id.compareTo(lastStart) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            at = lo == agents.length ? 0 : lo;
        }
        lastStart = agents[at].id;
        return at;
    }

    AgentState addAgent(AgentId id, AgentSpec spec, Resources total) {
        int index = freeCount > 0 ? freeIndexes[--freeCount] : highWater++;
        if (index >= byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, byIndex.length * 2);
        }
        AgentState agent = new AgentState(index, id, spec, total);
        byIndex[index] = agent;
        agents.put(id, agent);
        if (inIdOrder != null && isLast(id)) {
            appended.add(agent);
        } else {
            inIdOrder = null;
            appended.clear();
        }
        roles.agentTotal(total, 1);
        return agent;
    }

    private boolean isLast(AgentId id) {
        AgentId last = !appended.isEmpty() ? appended.get(appended.size() - 1).id
                : inIdOrder.length > 0 ? inIdOrder[inIdOrder.length - 1].id : null;
        return last == null || last.compareTo(id) < 0;
    }

    /** Releases everything held on the agent and forgets it (its filters must be gone already). */
    void removeAgent(AgentState agent) {
        for (Holding h : List.copyOf(agent.holdings)) {
            for (Resources piece : h.pieces()) {
                release(h.framework, agent, h.role, piece);
            }
        }
        roles.agentTotal(agent.total, -1);
        agents.remove(agent.id);
        byIndex[agent.index] = null;
        if (freeCount == freeIndexes.length) {
            freeIndexes = Arrays.copyOf(freeIndexes, freeCount * 2);
        }
        freeIndexes[freeCount++] = agent.index;
        inIdOrder = null;
        appended.clear();
        if (agents.isEmpty()) {
            lastStart = null;
        }
    }

    /** Gives {@code resources}, which lie within the agent's free resources, to the framework in the role. */
    void allocate(FrameworkState framework, AgentState agent, String role, Resources resources) {
        Resources left = resources == agent.free ? Resources.empty() : agent.free.minus(resources);
        Holding holding = agent.holding(framework, role);
        if (holding == null) {
            agent.holdings.add(new Holding(framework, role, resources));
            framework.heldOn.set(agent.index);
            if (framework.added()) {
                roles.subscription(framework, role).holdings++;
            }
        } else {
            holding.add(resources);
        }
        agent.free = left;
        if (framework.added()) {
            roles.charge(framework.subscriptions.get(role), resources, 1);
        }
    }

    /**
     * Frees what the framework holds of {@code resources} on the agent in the role and returns
     * exactly that (nothing for resources it does not hold).
     *
     * @throws IllegalArgumentException when {@code resources} disagree in type with what is held
     */
    Resources release(FrameworkState framework, AgentState agent, String role, Resources resources) {
        Holding holding = agent.holding(framework, role);
        if (holding == null) {
            return Resources.empty();
        }
        Resources released = holding.release(resources);
        if (released.isEmpty()) {
            return released;
        }
        agent.free = agent.free.isEmpty() ? released : agent.free.plus(released);
        Subscription sub = framework.subscriptions.get(role);
        if (sub != null) {
            roles.charge(sub, released, -1);
        }
        if (holding.isEmpty()) {
            agent.holdings.remove(holding);
            if (!agent.holdsFor(framework)) {
                framework.heldOn.clear(agent.index);
            }
            if (sub != null) {
                sub.holdings--;
                if (sub.idle()) {
                    roles.drop(sub);
                }
            }
        }
        return released;
    }

    /** Releases everything the framework holds, on every agent. */
    void releaseAll(FrameworkState framework) {
        for (int i = framework.heldOn.nextSetBit(0); i >= 0; i = framework.heldOn.nextSetBit(i + 1)) {
            AgentState agent = byIndex[i];
            for (Holding h : List.copyOf(agent.holdings)) {
                if (h.framework == framework) {
                    for (Resources piece : h.pieces()) {
                        release(framework, agent, h.role, piece);
                    }
                }
            }
        }
    }

    /** Charges to the sorters what a framework just added already holds (declared before it was added). */
    void track(FrameworkState framework) {
        List<Holding> held = new ArrayList<>();
        for (int i = framework.heldOn.nextSetBit(0); i >= 0; i = framework.heldOn.nextSetBit(i + 1)) {
            for (Holding h : byIndex[i].holdings) {
                if (h.framework == framework) {
                    held.add(h);
                }
            }
        }
        for (Holding h : held) {
            Subscription sub = roles.subscription(framework, h.role);
            sub.holdings++;
            h.pieces().forEach(piece -> roles.charge(sub, piece, 1));
        }
    }
}
