package io.mezzo.dist.swap;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import io.mezzo.spi.OfferSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The whole of a replacement allocator bundle that the swap tests build at run time, ranked
 * above drf. Its decisions are recognizably not drf's: it offers only the free unreserved
 * {@code cpus} of each agent, never memory, and all of it to the newest active framework.
 *
 * <p>It keeps honest books, so what it offers shows what it was told: an agent's free cpus
 * are its total minus the usage declared at {@link #addAgent}/{@link #addFramework} minus
 * what it offered and was not given back. No refuse filters: the tests decline nothing.
 *
 * <p>One class with no nested types, so the bundle jar is this class file alone.
 */
public final class CpusOnlyAllocatorActivator implements BundleActivator, Allocator {
    public static final String NAME = "cpus-only";
    public static final int RANKING = 100;
    public static final String SYMBOLIC_NAME = "example.allocator.cpusonly";

    private final Map<AgentId, Resources> totals = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    private final Set<AgentId> inactiveAgents = new HashSet<>();
    /** Per agent, what each framework holds there (tasks and outstanding offers). */
    private final Map<AgentId, Map<FrameworkId, Resources>> held = new HashMap<>();
    /** Frameworks in the order they were added (the last active one is the newest), with their first role. */
    private final Map<FrameworkId, String> roles = new LinkedHashMap<>();
    private final Set<FrameworkId> activeFrameworks = new HashSet<>();
    private final Map<FrameworkId, Set<String>> suppressed = new HashMap<>();
    private OfferSink sink = allocation -> { };

    /** The manifest of the bundle jar that holds this class. */
    public static List<String> manifestHeaders() {
        return List.of(
                "Bundle-SymbolicName: " + SYMBOLIC_NAME,
                "Bundle-Version: 1.0.0",
                "Bundle-Activator: " + CpusOnlyAllocatorActivator.class.getName(),
                "Import-Package: io.mezzo.api;version=\"[1.0,2)\",io.mezzo.spi;version=\"[1.0,2)\","
                        + "org.osgi.framework");
    }

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, RANKING);
        properties.put("mezzo.plugin.name", NAME);
        context.registerService(Allocator.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service.
    }

    @Override
    public void initialize(AllocatorContext context) {
        this.sink = context.offers();
    }

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec framework, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
        roles.remove(id);
        roles.put(id, framework.roles().isEmpty() ? "*" : framework.roles().get(0));
        suppressed.put(id, Set.copyOf(suppressedRoles));
        if (active) {
            activeFrameworks.add(id);
        }
        for (Usage usage : used) {
            if (totals.containsKey(usage.agent())) {
                hold(usage.agent(), usage.framework(), usage.resources());
            }
        }
    }

    @Override
    public void removeFramework(FrameworkId id) {
        roles.remove(id);
        activeFrameworks.remove(id);
        suppressed.remove(id);
        held.values().forEach(byFramework -> byFramework.remove(id));
    }

    @Override
    public void activateFramework(FrameworkId id) {
        activeFrameworks.add(id);
    }

    @Override
    public void deactivateFramework(FrameworkId id) {
        activeFrameworks.remove(id);
    }

    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec framework, Set<String> suppressedRoles) {
        roles.put(id, framework.roles().isEmpty() ? "*" : framework.roles().get(0));
        suppressed.put(id, Set.copyOf(suppressedRoles));
    }

    @Override
    public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
        totals.put(id, total);
        held.put(id, new HashMap<>());
        inactiveAgents.remove(id);
        for (Usage usage : used) {
            hold(id, usage.framework(), usage.resources());
        }
    }

    @Override
    public void removeAgent(AgentId id) {
        totals.remove(id);
        held.remove(id);
        inactiveAgents.remove(id);
    }

    @Override
    public void activateAgent(AgentId id) {
        inactiveAgents.remove(id);
    }

    @Override
    public void deactivateAgent(AgentId id) {
        inactiveAgents.add(id);
    }

    @Override
    public void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                                 Optional<Duration> refuseFor) {
        Map<FrameworkId, Resources> byFramework = held.get(agent);
        if (byFramework != null) {
            byFramework.computeIfPresent(framework, (f, r) -> {
                Resources left = r.minus(resources);
                return left.isEmpty() ? null : left;
            });
        }
    }

    @Override
    public void suppressOffers(FrameworkId framework, Set<String> roles) {
        String role = this.roles.get(framework);
        if (role != null) {
            suppressed.put(framework, roles.isEmpty() ? Set.of(role) : Set.copyOf(roles));
        }
    }

    @Override
    public void reviveOffers(FrameworkId framework, Set<String> roles) {
        suppressed.put(framework, Set.of());
    }

    /** This test allocator does not weigh roles. */
    @Override
    public void updateWeights(java.util.Map<String, Double> weights) {
    }

    /** This test allocator does not honour quota. */
    @Override
    public void updateQuota(java.util.Map<String, io.mezzo.api.Quota> quotas) {
    }

    @Override
    public void allocate() {
        FrameworkId newest = null;
        for (FrameworkId id : roles.keySet()) {
            boolean wanting = activeFrameworks.contains(id) && !suppressed.getOrDefault(id, Set.of())
                    .contains(roles.get(id));
            newest = wanting ? id : newest;
        }
        if (newest == null) {
            return;
        }
        Map<AgentId, Resources> offered = new LinkedHashMap<>();
        for (Map.Entry<AgentId, Resources> agent : totals.entrySet()) {
            if (inactiveAgents.contains(agent.getKey())) {
                continue;
            }
            Resources free = agent.getValue();
            for (Resources r : held.get(agent.getKey()).values()) {
                free = free.minus(r);
            }
            Resources cpus = free.filter(r -> r.name().equals("cpus") && r.isUnreserved());
            if (!cpus.isEmpty()) {
                hold(agent.getKey(), newest, cpus);
                offered.put(agent.getKey(), cpus);
            }
        }
        if (!offered.isEmpty()) {
            sink.offer(new Allocation(newest, Map.of(roles.get(newest), offered)));
        }
    }

    private void hold(AgentId agent, FrameworkId framework, Resources resources) {
        held.computeIfAbsent(agent, a -> new HashMap<>()).merge(framework, resources, Resources::plus);
    }
}
