package io.mezzo.allocator.drf;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The default allocator: Dominant Resource Fairness over frameworks (see the bundle README).
 *
 * <p>Events update the {@link Ledger} (who holds what) and the {@link FrameworkState}s
 * (activity, suppression, filters); {@link #allocate()} runs an {@link AllocationCycle} and
 * hands its results to the sink. An event naming an agent or framework this allocator does not
 * know is logged at DEBUG and ignored: a missed event must not wedge allocation.
 *
 * <p>Called from one thread at a time (the {@link Allocator} contract); holds no locks.
 */
@Component(service = Allocator.class, property = {"service.ranking:Integer=0", "mezzo.plugin.name=drf"})
public final class DrfAllocator implements Allocator {
    private static final System.Logger LOG = System.getLogger(DrfAllocator.class.getName());

    /** Longest refusal honoured, as in Mesos; longer ones are cut to this. */
    static final Duration MAX_REFUSAL = Duration.ofDays(365);

    private final MinimumAllocatable minimum;
    private final Ledger ledger = new Ledger();
    /** By framework id value, the name the sorter knows it by. */
    private final Map<String, FrameworkState> frameworks = new HashMap<>();
    private AllocatorContext context;

    public DrfAllocator() {
        this(MinimumAllocatable.MESOS_DEFAULT);
    }

    DrfAllocator(MinimumAllocatable minimum) {
        this.minimum = Objects.requireNonNull(minimum, "minimum");
    }

    @Override
    public void initialize(AllocatorContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec framework, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
        if (frameworks.containsKey(id.value())) {
            LOG.log(Level.DEBUG, "framework {0} added again; replacing it", id);
            removeFramework(id);
        }
        frameworks.put(id.value(), new FrameworkState(id, framework, active, suppressedRoles));
        ledger.trackFramework(id, active);
        for (Usage usage : used) {
            if (!usage.framework().equals(id)) {
                LOG.log(Level.DEBUG, "framework {0} declared usage of framework {1}; ignored", id, usage.framework());
                continue;
            }
            Optional<AgentState> agent = ledger.agent(usage.agent());
            if (agent.isEmpty()) {
                // The agent declares it when it is added (the Allocator accounting rule).
                LOG.log(Level.DEBUG, "framework {0} declared usage on unknown agent {1}; ignored", id, usage.agent());
                continue;
            }
            declare(usage, agent.get());
        }
    }

    @Override
    public void removeFramework(FrameworkId id) {
        if (frameworks.remove(id.value()) == null) {
            LOG.log(Level.DEBUG, "removeFramework: unknown framework {0}", id);
        }
        // Also releases what agents hold for it if it was never added.
        ledger.forgetFramework(id);
    }

    @Override
    public void activateFramework(FrameworkId id) {
        framework(id, "activateFramework").ifPresent(f -> {
            f.active(true);
            ledger.activate(id, true);
        });
    }

    @Override
    public void deactivateFramework(FrameworkId id) {
        framework(id, "deactivateFramework").ifPresent(f -> {
            f.active(false);
            ledger.activate(id, false);
        });
    }

    /**
     * Resources the framework holds in roles it no longer has stay counted (its tasks still run
     * there) until the master recovers them; it is simply offered nothing more in those roles.
     */
    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec framework, Set<String> suppressedRoles) {
        framework(id, "updateFramework").ifPresent(f -> f.update(framework, suppressedRoles));
    }

    @Override
    public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
        if (ledger.agent(id).isPresent()) {
            LOG.log(Level.DEBUG, "agent {0} added again; replacing it", id);
            removeAgent(id);
        }
        AgentState state = new AgentState(id, agent, total);
        ledger.addAgent(state);
        for (Usage usage : used) {
            if (!usage.agent().equals(id)) {
                LOG.log(Level.DEBUG, "agent {0} declared usage on agent {1}; ignored", id, usage.agent());
                continue;
            }
            if (!frameworks.containsKey(usage.framework().value())) {
                LOG.log(Level.DEBUG, "agent {0} declared usage of unknown framework {1}; held until it is added",
                        id, usage.framework());
            }
            declare(usage, state);
        }
    }

    @Override
    public void removeAgent(AgentId id) {
        if (ledger.removeAgent(id).isEmpty()) {
            LOG.log(Level.DEBUG, "removeAgent: unknown agent {0}", id);
            return;
        }
        frameworks.values().forEach(f -> f.forgetAgent(id));
    }

    @Override
    public void activateAgent(AgentId id) {
        agent(id, "activateAgent").ifPresent(a -> a.active(true));
    }

    @Override
    public void deactivateAgent(AgentId id) {
        agent(id, "deactivateAgent").ifPresent(a -> a.active(false));
    }

    @Override
    public void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                                 Optional<Duration> refuseFor) {
        Optional<AgentState> state = agent(agent, "recoverResources");
        if (state.isEmpty()) {
            return;
        }
        Resources released;
        try {
            released = ledger.release(framework, state.get(), role, resources);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "recoverResources: cannot take " + resources + " back from framework "
                    + framework + " on agent " + agent + ": " + e.getMessage());
            return;
        }
        if (released.isEmpty()) {
            LOG.log(Level.DEBUG, "recoverResources: framework {0} holds none of {1} on agent {2} in role {3}",
                    framework, resources, agent, role);
        }
        FrameworkState refusing = frameworks.get(framework.value());
        Optional<Duration> refusal = refuseFor.filter(d -> d.compareTo(Duration.ZERO) > 0);
        if (refusing != null && refusal.isPresent() && !resources.isEmpty() && context != null) {
            Duration capped = refusal.get().compareTo(MAX_REFUSAL) > 0 ? MAX_REFUSAL : refusal.get();
            refusing.refuse(agent, role, resources, context.clock().instant().plus(capped));
        }
    }

    @Override
    public void suppressOffers(FrameworkId framework, Set<String> roles) {
        framework(framework, "suppressOffers").ifPresent(f -> f.suppress(roles));
    }

    @Override
    public void reviveOffers(FrameworkId framework, Set<String> roles) {
        framework(framework, "reviveOffers").ifPresent(f -> f.revive(roles));
    }

    /** Interim: this single-level version does not weigh roles (the hierarchical rewrite does). */
    @Override
    public void updateWeights(java.util.Map<String, Double> weights) {
        if (!weights.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "single-level DRF ignores role weights " + weights);
        }
    }

    /** Interim: this single-level version does not honour quota (the hierarchical rewrite does). */
    @Override
    public void updateQuota(java.util.Map<String, io.mezzo.api.Quota> quotas) {
        if (!quotas.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "single-level DRF ignores role quotas " + quotas);
        }
    }

    @Override
    public void allocate() {
        if (context == null) {
            LOG.log(Level.WARNING, "allocate called before initialize; nothing allocated");
            return;
        }
        Instant now = context.clock().instant();
        for (Allocation allocation : new AllocationCycle(ledger, frameworks, minimum, now).run()) {
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

    /** The framework's weighted dominant share, for tests and diagnostics; empty when unknown. */
    Optional<Double> dominantShare(FrameworkId framework) {
        return ledger.share(framework);
    }

    private void declare(Usage usage, AgentState agent) {
        try {
            ledger.allocate(usage.framework(), agent, usage.role(), usage.resources());
        } catch (IllegalArgumentException e) {
            // A resource whose type disagrees with the agent's total (scalar vs ranges).
            LOG.log(Level.WARNING, "ignoring usage " + usage + ": " + e.getMessage());
        }
    }

    private void release(Allocation allocation) {
        allocation.resources().forEach((role, byAgent) -> byAgent.forEach((agentId, resources) ->
                ledger.agent(agentId).ifPresent(a -> ledger.release(allocation.framework(), a, role, resources))));
    }

    private Optional<FrameworkState> framework(FrameworkId id, String event) {
        FrameworkState state = frameworks.get(id.value());
        if (state == null) {
            LOG.log(Level.DEBUG, "{0}: unknown framework {1}; ignored", event, id);
        }
        return Optional.ofNullable(state);
    }

    private Optional<AgentState> agent(AgentId id, String event) {
        Optional<AgentState> state = ledger.agent(id);
        if (state.isEmpty()) {
            LOG.log(Level.DEBUG, "{0}: unknown agent {1}; ignored", event, id);
        }
        return state;
    }
}
