package io.mezzo.internal.master;

import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Role weights and quotas: the operator's policy for sharing the cluster. Kept in master
 * state and the store, and told to the allocator whole (so a new allocator gets them in one
 * call each).
 */
final class Policies {
    private static final Logger LOG = System.getLogger(Policies.class.getName());

    private final MasterContext ctx;

    Policies(MasterContext ctx) {
        this.ctx = ctx;
    }

    /** At start: stored weights win over the {@code --weights} flag, as in Mesos; stored quotas apply. */
    void recover(MasterStore.Contents stored) {
        ctx.state.weights.putAll(stored.weights().orElse(ctx.config.weights()));
        ctx.state.quotas.putAll(stored.quotas());
        tellAllocator();
    }

    void tellAllocator() {
        ctx.allocator.updateWeights(Map.copyOf(ctx.state.weights));
        ctx.allocator.updateQuota(Map.copyOf(ctx.state.quotas));
    }

    /** UPDATE_WEIGHTS: sets the listed roles' weights, others unchanged. Empty, or the reason it is refused. */
    Optional<String> updateWeights(Map<String, Double> changes) {
        for (Map.Entry<String, Double> e : changes.entrySet()) {
            Optional<String> problem = Weights.problem(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        ctx.state.weights.putAll(changes);
        ctx.store.putWeights(Map.copyOf(ctx.state.weights));
        ctx.allocator.updateWeights(Map.copyOf(ctx.state.weights));
        LOG.log(Level.INFO, () -> "role weights are now " + ctx.state.weights);
        ctx.requestAllocation();
        return Optional.empty();
    }

    /**
     * UPDATE_QUOTA: sets each listed role's quota ({@link Quota#NONE} removes it). Unless
     * {@code force}, the guarantees of all roles together must fit in the cluster's resources,
     * as Mesos checks. Empty, or the reason it is refused (nothing changes then).
     */
    Optional<String> updateQuota(Map<String, Quota> changes, boolean force) {
        for (String role : changes.keySet()) {
            Optional<String> problem = Roles.problem(role);
            if (problem.isPresent()) {
                return problem;
            }
            if (role.equals(Roles.DEFAULT)) {
                return Optional.of("quota cannot be set for the default role '*'");
            }
        }
        Map<String, Quota> next = new TreeMap<>(ctx.state.quotas);
        changes.forEach((role, quota) -> {
            if (quota.isNone()) {
                next.remove(role);
            } else {
                next.put(role, quota);
            }
        });
        if (!force) {
            Resources guaranteed = Resources.empty();
            for (Quota q : next.values()) {
                guaranteed = guaranteed.plus(q.guarantees());
            }
            Resources capacity = Resources.empty();
            for (AgentEntry agent : ctx.state.agents.values()) {
                capacity = capacity.plus(agent.info.resources().flatten());
            }
            for (Resource r : guaranteed) {
                if (capacity.scalar(r.name()).compareTo(guaranteed.scalar(r.name())) < 0) {
                    return Optional.of("total quota guarantees of " + r.name() + " (" + guaranteed.scalar(r.name())
                            + ") exceed the cluster's " + capacity.scalar(r.name()) + "; use 'force' to set them anyway");
                }
            }
        }
        ctx.state.quotas.clear();
        ctx.state.quotas.putAll(next);
        ctx.store.putQuotas(Map.copyOf(next));
        ctx.allocator.updateQuota(Map.copyOf(next));
        LOG.log(Level.INFO, () -> "role quotas are now " + next);
        ctx.requestAllocation();
        return Optional.empty();
    }
}
