package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The default allocator: hierarchical weighted Dominant Resource Fairness with quota, as
 * Mesos's HierarchicalDRF (see docs/allocation.md and the bundle README).
 *
 * <p>Events update the {@link Ledger} (who holds what, charged to the sorters of the
 * {@link RoleBook}), the {@link Frameworks} (activity, roles, suppression) and the
 * {@link FilterBook}; {@link #allocate()} runs an {@link AllocationCycle} and hands its
 * results to the sink. An event naming an agent or framework this allocator does not know is
 * logged at DEBUG and ignored: a missed event must not wedge allocation.
 *
 * <p>Called from one thread at a time (the {@link Allocator} contract); holds no locks.
 * Prototype-scoped: the master shares one instance, and a standby master rehearsing leading
 * gets instances of its own (see docs/high-availability.md).
 */
@Component(service = Allocator.class, scope = ServiceScope.PROTOTYPE,
        property = {"service.ranking:Integer=0", "mezzo.plugin.name=drf"})
public final class DrfAllocator implements Allocator {
    private static final System.Logger LOG = System.getLogger(DrfAllocator.class.getName());

    private final Function<Set<String>, Sorter> roleSorters;
    private final Function<Set<String>, Sorter> frameworkSorters;
    private AllocatorContext context;
    private Quantities.Names names;
    private RoleBook roles;
    private Ledger ledger;
    private FilterBook filters;
    private Frameworks frameworks;
    private MinimumAllocatable minimum;

    /** Weighted DRF for roles and for the frameworks of each role. */
    public DrfAllocator() {
        this(DrfSorter::new, DrfSorter::new);
    }

    /**
     * With other fairness policies; each function makes a sorter given the resource names left
     * out of fairness (for example {@code excluded -> new RandomSorter(new SplittableRandom(7), excluded)}).
     */
    DrfAllocator(Function<Set<String>, Sorter> roleSorters, Function<Set<String>, Sorter> frameworkSorters) {
        this.roleSorters = Objects.requireNonNull(roleSorters, "roleSorters");
        this.frameworkSorters = Objects.requireNonNull(frameworkSorters, "frameworkSorters");
        reset(AllocatorOptions.defaults());
    }

    private void reset(AllocatorOptions options) {
        Set<String> excluded = options.fairnessExcludedResources();
        names = new Quantities.Names();
        roles = new RoleBook(names, roleSorters.apply(excluded), () -> frameworkSorters.apply(excluded));
        ledger = new Ledger(roles);
        filters = new FilterBook(ledger);
        frameworks = new Frameworks(roles, ledger, filters);
        minimum = new MinimumAllocatable(options.minAllocatable(), names);
    }

    @Override
    public void initialize(AllocatorContext context) {
        this.context = Objects.requireNonNull(context, "context");
        if (frameworks.isEmpty() && ledger.inIdOrder().length == 0) {
            reset(context.options());
        } else {
            // The contract says initialize comes first; if it does not, keep what is known.
            LOG.log(Level.WARNING, "initialize called after other events; fairness exclusions keep their defaults");
            minimum = new MinimumAllocatable(context.options().minAllocatable(), names);
        }
    }

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec framework, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
        FrameworkState state = frameworks.add(id, framework, active, suppressedRoles);
        for (Usage usage : used) {
            if (!usage.framework().equals(id)) {
                LOG.log(Level.DEBUG, "framework {0} declared usage of framework {1}; ignored", id, usage.framework());
                continue;
            }
            AgentState agent = ledger.agent(usage.agent());
            if (agent == null) {
                // The agent declares it when it is added (the Allocator accounting rule).
                LOG.log(Level.DEBUG, "framework {0} declared usage on unknown agent {1}; ignored", id, usage.agent());
                continue;
            }
            declare(state, agent, usage);
        }
    }

    @Override
    public void removeFramework(FrameworkId id) {
        frameworks.remove(id);
    }

    @Override
    public void activateFramework(FrameworkId id) {
        frameworks.added(id, "activateFramework").ifPresent(f -> frameworks.activate(f, true));
    }

    @Override
    public void deactivateFramework(FrameworkId id) {
        frameworks.added(id, "deactivateFramework").ifPresent(f -> frameworks.activate(f, false));
    }

    /**
     * Resources the framework holds in roles it no longer has stay counted there (its tasks
     * still run) until the master recovers them; it is simply offered nothing more in them.
     */
    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec framework, Set<String> suppressedRoles) {
        frameworks.added(id, "updateFramework").ifPresent(f -> frameworks.update(f, framework, suppressedRoles));
    }

    @Override
    public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
        if (ledger.agent(id) != null) {
            LOG.log(Level.DEBUG, "agent {0} added again; replacing it", id);
            removeAgent(id);
        }
        AgentState state = ledger.addAgent(id, agent, total);
        for (Usage usage : used) {
            if (!usage.agent().equals(id)) {
                LOG.log(Level.DEBUG, "agent {0} declared usage on agent {1}; ignored", id, usage.agent());
                continue;
            }
            FrameworkState holder = frameworks.holder(usage.framework());
            declare(holder, state, usage);
            frameworks.forgetIfPlaceholder(holder);
        }
    }

    @Override
    public void removeAgent(AgentId id) {
        AgentState agent = ledger.agent(id);
        if (agent == null) {
            LOG.log(Level.DEBUG, "removeAgent: unknown agent {0}", id);
            return;
        }
        filters.forgetAgent(agent);
        List<FrameworkState> holders = agent.holdings.stream().map(h -> h.framework).distinct().toList();
        ledger.removeAgent(agent);
        holders.forEach(frameworks::forgetIfPlaceholder);
    }

    @Override
    public void activateAgent(AgentId id) {
        agent(id, "activateAgent").ifPresent(a -> a.active = true);
    }

    @Override
    public void deactivateAgent(AgentId id) {
        agent(id, "deactivateAgent").ifPresent(a -> a.active = false);
    }

    @Override
    public void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                                 Optional<Duration> refuseFor) {
        Optional<AgentState> state = agent(agent, "recoverResources");
        Optional<FrameworkState> holder = frameworks.any(framework);
        if (state.isEmpty() || holder.isEmpty()) {
            LOG.log(Level.DEBUG, "recoverResources: framework {0} holds nothing on agent {1}", framework, agent);
            return;
        }
        try {
            Resources released = ledger.release(holder.get(), state.get(), role, resources);
            if (released.isEmpty()) {
                LOG.log(Level.DEBUG, "recoverResources: framework {0} holds none of {1} on agent {2} in role {3}",
                        framework, resources, agent, role);
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "recoverResources: cannot take " + resources + " back from framework "
                    + framework + " on agent " + agent + ": " + e.getMessage());
            return;
        }
        Subscription sub = holder.get().subscriptions.get(role);
        Optional<Duration> refusal = refuseFor.filter(d -> d.compareTo(Duration.ZERO) > 0);
        if (refusal.isPresent() && sub != null && sub.subscribed && !resources.isEmpty() && context != null) {
            filters.refuse(sub, state.get(), resources, context.clock().instant(), refusal.get());
        }
    }

    @Override
    public void suppressOffers(FrameworkId framework, Set<String> roles) {
        frameworks.added(framework, "suppressOffers").ifPresent(f -> frameworks.suppress(f, roles));
    }

    @Override
    public void reviveOffers(FrameworkId framework, Set<String> roles) {
        frameworks.added(framework, "reviveOffers").ifPresent(f -> frameworks.revive(f, roles));
    }

    @Override
    public void updateWeights(Map<String, Double> weights) {
        roles.updateWeights(weights);
    }

    @Override
    public void updateQuota(Map<String, Quota> quotas) {
        roles.updateQuota(quotas);
    }

    @Override
    public void allocate() {
        if (context == null) {
            LOG.log(Level.WARNING, "allocate called before initialize; nothing allocated");
            return;
        }
        long now = FilterBook.nanos(context.clock().instant());
        for (Allocation allocation : new AllocationCycle(roles, ledger, filters, minimum, names, now).run()) {
            try {
                context.offers().offer(allocation);
            } catch (RuntimeException e) {
                // Resources the master never saw would otherwise stay allocated for good.
                LOG.log(Level.WARNING, "offer sink failed for framework " + allocation.framework()
                        + "; its allocation is released", e);
                release(allocation);
            }
        }
    }

    /** The role's weighted dominant share, for tests and diagnostics; empty when the role has no framework. */
    Optional<Double> roleShare(String role) {
        RoleState state = roles.find(role);
        return state == null || state.handle < 0 ? Optional.empty() : Optional.of(roles.sorter().share(state.handle));
    }

    /** The framework's dominant share within the role, for tests and diagnostics; empty when unknown. */
    Optional<Double> frameworkShare(FrameworkId framework, String role) {
        return frameworks.added(framework, "frameworkShare")
                .map(f -> f.subscriptions.get(role))
                .map(sub -> sub.role.frameworks.share(sub.handle));
    }

    /** Counts usage as held, clipped to what is free (an agent never holds more than its total). */
    private void declare(FrameworkState framework, AgentState agent, Usage usage) {
        try {
            Resources fits = ResourceMath.contains(agent.free, usage.resources())
                    ? usage.resources()
                    : ResourceMath.common(agent.free, usage.resources());
            if (!fits.equals(usage.resources())) {
                LOG.log(Level.WARNING, "usage " + usage + " exceeds what is free on agent " + agent.id
                        + "; counting only " + fits);
            }
            if (!fits.isEmpty()) {
                ledger.allocate(framework, agent, usage.role(), fits);
            }
        } catch (IllegalArgumentException e) {
            // A resource whose type disagrees with the agent's total (scalar vs ranges).
            LOG.log(Level.WARNING, "ignoring usage " + usage + ": " + e.getMessage());
        }
    }

    private void release(Allocation allocation) {
        frameworks.any(allocation.framework()).ifPresent(f -> allocation.resources().forEach((role, byAgent) ->
                byAgent.forEach((agentId, resources) -> {
                    AgentState agent = ledger.agent(agentId);
                    if (agent != null) {
                        ledger.release(f, agent, role, resources);
                    }
                })));
    }

    private Optional<AgentState> agent(AgentId id, String event) {
        AgentState state = ledger.agent(id);
        if (state == null) {
            LOG.log(Level.DEBUG, "{0}: unknown agent {1}; ignored", event, id);
        }
        return Optional.ofNullable(state);
    }
}
