package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who holds what, kept in step in three places: each {@link AgentState} (for its free
 * resources), the {@link DrfSorter} (for shares) and an index of the agents each framework
 * holds something on (so that removing a framework does not scan every agent).
 *
 * <p>A framework's allocation counts in the sorter only while the framework is tracked. If an
 * agent arrives declaring resources in use by a framework the allocator does not know (the
 * master should not do that, see the Allocator javadoc), they stay held on the agent, so they
 * are never offered, and count for the framework once it is added.
 */
final class Ledger {
    private final DrfSorter sorter = new DrfSorter();
    private final NavigableMap<AgentId, AgentState> agents = new TreeMap<>();
    private final Map<FrameworkId, Set<AgentId>> holdings = new HashMap<>();

    DrfSorter sorter() {
        return sorter;
    }

    Optional<AgentState> agent(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    /** Every agent, by id. */
    Collection<AgentState> agents() {
        return Collections.unmodifiableCollection(agents.values());
    }

    void addAgent(AgentState agent) {
        agents.put(agent.id(), agent);
        sorter.addTotal(agent.total());
    }

    /** Forgets the agent: everything held on it is released and it leaves the pool. */
    Optional<AgentState> removeAgent(AgentId id) {
        AgentState agent = agents.remove(id);
        if (agent == null) {
            return Optional.empty();
        }
        for (FrameworkId framework : Set.copyOf(agent.holders())) {
            Map<String, Resources> released = agent.releaseAll(framework);
            if (sorter.contains(framework.value())) {
                released.values().forEach(r -> sorter.unallocated(framework.value(), r));
            }
            unindex(framework, id);
        }
        sorter.removeTotal(agent.total());
        return Optional.of(agent);
    }

    /** Starts counting the framework's allocations, including any its agents already hold for it. */
    void trackFramework(FrameworkId framework, boolean active) {
        String client = framework.value();
        sorter.add(client);
        for (AgentId id : holdings.getOrDefault(framework, Set.of())) {
            sorter.allocated(client, agents.get(id).allocatedTo(framework));
        }
        if (!active) {
            sorter.deactivate(client);
        }
    }

    /** Releases everything the framework holds (tracked or not) and stops counting it. */
    void forgetFramework(FrameworkId framework) {
        Set<AgentId> held = holdings.remove(framework);
        if (held != null) {
            for (AgentId id : held) {
                agents.get(id).releaseAll(framework);
            }
        }
        sorter.remove(framework.value());
    }

    /** Includes or leaves out a tracked framework when ordering. */
    void activate(FrameworkId framework, boolean active) {
        if (!sorter.contains(framework.value())) {
            return;
        }
        if (active) {
            sorter.activate(framework.value());
        } else {
            sorter.deactivate(framework.value());
        }
    }

    void allocate(FrameworkId framework, AgentState agent, String role, Resources resources) {
        if (resources.isEmpty()) {
            return;
        }
        agent.allocate(framework, role, resources);
        holdings.computeIfAbsent(framework, f -> new HashSet<>()).add(agent.id());
        if (sorter.contains(framework.value())) {
            sorter.allocated(framework.value(), resources);
        }
    }

    /** Releases what the framework holds of {@code resources}; returns what was actually released. */
    Resources release(FrameworkId framework, AgentState agent, String role, Resources resources) {
        Resources released = agent.release(framework, role, resources);
        if (released.isEmpty()) {
            return released;
        }
        if (!agent.holders().contains(framework)) {
            unindex(framework, agent.id());
        }
        if (sorter.contains(framework.value())) {
            sorter.unallocated(framework.value(), released);
        }
        return released;
    }

    /** The framework's weighted dominant share, or empty when it is not tracked. */
    Optional<Double> share(FrameworkId framework) {
        return sorter.contains(framework.value())
                ? Optional.of(sorter.share(framework.value()))
                : Optional.empty();
    }

    private void unindex(FrameworkId framework, AgentId agent) {
        Set<AgentId> held = holdings.get(framework);
        if (held != null) {
            held.remove(agent);
            if (held.isEmpty()) {
                holdings.remove(framework);
            }
        }
    }
}
