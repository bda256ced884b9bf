package io.mezzo.allocator.drf;

import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.Scalar;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The two levels of fairness: the role sorter, each role's framework sorter, and the
 * subscriptions that tie frameworks to roles; also weights, quotas and the scalar sums quota
 * needs. Every change of who holds what in a role goes through {@link #charge}, so the two
 * sorters and the role's sums never disagree.
 *
 * <p>A role is in the role sorter while it has a subscription (as Mesos tracks a role while it
 * has frameworks); its weight comes from {@link #updateWeights}, 1 by default. A role's
 * framework sorter measures shares against the whole cluster, as the role sorter does.
 */
final class RoleBook {
    private static final System.Logger LOG = System.getLogger(RoleBook.class.getName());

    private final Quantities.Names names;
    private final Sorter roleSorter;
    private final Supplier<Sorter> frameworkSorters;
    private final Map<String, RoleState> roles = new HashMap<>();
    private RoleState[] byHandle = new RoleState[4];
    private Map<String, Double> weights = Map.of();
    /** Cluster total by name, thousandths, for framework sorters created later. */
    private final Map<String, Long> clusterScalars = new TreeMap<>();
    private final List<RoleState> withQuota = new ArrayList<>();

    RoleBook(Quantities.Names names, Sorter roleSorter, Supplier<Sorter> frameworkSorters) {
        this.names = names;
        this.roleSorter = roleSorter;
        this.frameworkSorters = frameworkSorters;
    }

    Sorter sorter() {
        return roleSorter;
    }

    RoleState byHandle(int handle) {
        return byHandle[handle];
    }

    /** The role, created if new. */
    RoleState role(String name) {
        return roles.computeIfAbsent(name, RoleState::new);
    }

    /** The role, or null when nothing refers to it. */
    RoleState find(String name) {
        return roles.get(name);
    }

    /** Roles with a quota (guarantees or limits). */
    List<RoleState> quotaRoles() {
        return withQuota;
    }

    /** The framework's subscription to the role, created (inactive, not subscribed) if new. */
    Subscription subscription(FrameworkState framework, String roleName) {
        Subscription sub = framework.subscriptions.get(roleName);
        if (sub != null) {
            return sub;
        }
        RoleState role = role(roleName);
        if (role.frameworks == null) {
            enter(role);
        }
        int handle = role.frameworks.add(framework.id.value());
        role.frameworks.deactivate(handle);
        sub = new Subscription(framework, role, handle);
        role.put(handle, sub);
        role.subscriptionCount++;
        framework.subscriptions.put(roleName, sub);
        return sub;
    }

    /** Forgets a subscription that holds nothing and has no filters. */
    void drop(Subscription sub) {
        RoleState role = sub.role;
        role.frameworks.remove(sub.handle);
        role.put(sub.handle, null);
        role.eligible(sub.handle, false);
        role.subscriptionCount--;
        sub.framework.subscriptions.remove(role.name);
        if (role.subscriptionCount == 0) {
            roleSorter.remove(role.handle);
            byHandle[role.handle] = null;
            role.handle = -1;
            role.frameworks = null;
            role.eligible = new long[1];
        }
        forgetIfUnused(role);
    }

    /** Makes the subscription active in its role's sorter exactly when it may be offered resources. */
    void refresh(Subscription sub) {
        boolean offerable = sub.subscribed && sub.framework.offerable(sub.role.name);
        if (offerable) {
            sub.role.frameworks.activate(sub.handle);
        } else {
            sub.role.frameworks.deactivate(sub.handle);
        }
        sub.role.eligible(sub.handle, offerable);
    }

    /** The subscription's framework now holds ({@code sign} 1) or no longer holds (-1) {@code resources}. */
    void charge(Subscription sub, Resources resources, int sign) {
        RoleState role = sub.role;
        if (sign > 0) {
            role.frameworks.allocated(sub.handle, resources);
            roleSorter.allocated(role.handle, resources);
        } else {
            role.frameworks.unallocated(sub.handle, resources);
            roleSorter.unallocated(role.handle, resources);
        }
        role.allocatedUnreserved.addUnreservedScalars(resources, names, sign);
    }

    /** An agent with this total joined ({@code sign} 1) or left (-1) the cluster. */
    void agentTotal(Resources total, int sign) {
        if (sign > 0) {
            roleSorter.addTotal(total);
        } else {
            roleSorter.removeTotal(total);
        }
        for (RoleState role : byHandle) {
            if (role != null) {
                if (sign > 0) {
                    role.frameworks.addTotal(total);
                } else {
                    role.frameworks.removeTotal(total);
                }
            }
        }
        for (Resource r : total) {
            if (r.value() instanceof Scalar s) {
                clusterScalars.merge(r.name(), sign * s.millis(), Long::sum);
                if (!r.isUnreserved()) {
                    RoleState owner = role(r.role());
                    owner.reserved.add(names.indexOf(r.name()), sign * s.millis());
                    forgetIfUnused(owner);
                }
            }
        }
    }

    /** Replaces every weight; roles not named weigh 1. Invalid weights are logged and ignored. */
    void updateWeights(Map<String, Double> next) {
        Map<String, Double> valid = new HashMap<>();
        next.forEach((role, weight) -> {
            if (weight == null || !(weight > 0) || weight.isInfinite() || Roles.problem(role).isPresent()) {
                LOG.log(Level.WARNING, "ignoring weight " + weight + " of role '" + role + "': must be a valid"
                        + " role with a positive, finite weight");
            } else {
                valid.put(role, weight);
            }
        });
        weights = valid;
        for (RoleState role : byHandle) {
            if (role != null) {
                roleSorter.updateWeight(role.handle, weight(role.name));
            }
        }
    }

    /** Replaces every quota; roles not named have none. */
    void updateQuota(Map<String, Quota> quotas) {
        for (RoleState role : List.copyOf(withQuota)) {
            role.quota(Quota.NONE, names);
            forgetIfUnused(role);
        }
        withQuota.clear();
        quotas.forEach((name, quota) -> {
            if (quota != null && !quota.isNone()) {
                RoleState role = role(name);
                role.quota(quota, names);
                withQuota.add(role);
            }
        });
    }

    double weight(String role) {
        return weights.getOrDefault(role, 1.0);
    }

    void forgetIfUnused(RoleState role) {
        if (role.unused()) {
            roles.remove(role.name, role);
        }
    }

    private void enter(RoleState role) {
        role.frameworks = frameworkSorters.get();
        role.frameworks.addTotal(clusterTotal());
        role.handle = roleSorter.add(role.name);
        roleSorter.updateWeight(role.handle, weight(role.name));
        if (role.handle >= byHandle.length) {
            byHandle = Arrays.copyOf(byHandle, Math.max(role.handle + 1, byHandle.length * 2));
        }
        byHandle[role.handle] = role;
    }

    private Resources clusterTotal() {
        List<Resource> scalars = new ArrayList<>();
        clusterScalars.forEach((name, millis) -> {
            if (millis > 0) {
                scalars.add(new Resource(name, Roles.DEFAULT, new Scalar(millis)));
            }
        });
        return Resources.of(scalars);
    }
}
