package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuse filters, kept on each agent per role ({@link RoleFilters}) and indexed per
 * subscription by agent, so that reviving or removing a framework touches only the agents it
 * declined, and removing an agent only the subscriptions that declined it.
 *
 * <p>Time is epoch nanoseconds read from the allocator's clock; a filter hides while
 * {@code now < until}.
 */
final class FilterBook {
    /** Longest refusal honoured, as in Mesos; longer ones are cut to this. */
    static final Duration MAX_REFUSAL = Duration.ofDays(365);

    private final Ledger ledger;
    private final FilterSlab slab = new FilterSlab();

    FilterBook(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Hides {@code refused} on the agent from the subscription until {@code now + refuseFor} (capped). */
    void refuse(Subscription sub, AgentState agent, Resources refused, Instant now, Duration refuseFor) {
        Duration capped = refuseFor.compareTo(MAX_REFUSAL) > 0 ? MAX_REFUSAL : refuseFor;
        long until;
        try {
            until = nanos(now.plus(capped));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            until = Long.MAX_VALUE;
        }
        agent.filtersForAdding(sub.role, slab).add(sub.handle, refused, until);
        agent.earliestExpiry = Math.min(agent.earliestExpiry, until);
        sub.filteredAgents.set(agent.index);
    }

    /** Drops every filter of the subscription, on every agent. */
    void clear(Subscription sub) {
        for (int i = sub.filteredAgents.nextSetBit(0); i >= 0; i = sub.filteredAgents.nextSetBit(i + 1)) {
            AgentState agent = ledger.agent(i);
            RoleFilters filters = agent.filters(sub.role);
            if (filters != null) {
                filters.remove(sub.handle);
                agent.dropFiltersIfEmpty(sub.role);
            }
        }
        sub.filteredAgents.clear();
    }

    /** Drops every filter on the agent (it is leaving, or its filters can never match again). */
    void forgetAgent(AgentState agent) {
        for (Map.Entry<RoleState, RoleFilters> e : agent.allFilters().entrySet()) {
            RoleState role = e.getKey();
            e.getValue().forEachHandle(h -> role.subscription(h).filteredAgents.clear(agent.index));
        }
        agent.forgetFilters();
    }

    /** Drops the agent's filters expired at {@code now}; cheap when none has. */
    void expire(AgentState agent, long now) {
        if (now < agent.earliestExpiry) {
            return;
        }
        long earliest = Long.MAX_VALUE;
        List<RoleState> emptied = new ArrayList<>();
        for (Map.Entry<RoleState, RoleFilters> e : agent.allFilters().entrySet()) {
            RoleState role = e.getKey();
            earliest = Math.min(earliest, e.getValue().expire(now,
                    h -> role.subscription(h).filteredAgents.clear(agent.index)));
            if (e.getValue().isEmpty()) {
                emptied.add(role);
            }
        }
        emptied.forEach(agent::dropFiltersIfEmpty);
        agent.earliestExpiry = earliest;
    }

    /** Epoch nanoseconds, saturating far outside the years a clock can show. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
