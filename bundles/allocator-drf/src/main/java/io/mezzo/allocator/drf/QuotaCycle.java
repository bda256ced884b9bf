package io.mezzo.allocator.drf;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Quota during one allocation cycle: how far each role is from its guarantees, the headroom
 * the cluster must keep for them, and the cut that keeps an offer within a role's limits and
 * that headroom. All amounts are scalars in thousandths, by name.
 *
 * <ul>
 *   <li>A role's <em>consumption</em> of a name is the unreserved amount its frameworks hold
 *       (offered or in use) plus what is reserved for it, allocated or not (Mesos's quota
 *       consumption). Its <em>unmet guarantee</em> is {@code max(0, guarantee - consumption)}.</li>
 *   <li><em>Required headroom</em> is the sum of every role's unmet guarantees;
 *       <em>available headroom</em> is the unreserved resources not held by anyone, on every
 *       agent (active or not).</li>
 *   <li>An offer's unreserved scalars are cut so that the role's consumption stays within its
 *       limits and available headroom stays at least the required headroom; in stage 1 the part
 *       that meets the role's unmet guarantee is exempt from the headroom cut. Reserved and
 *       non-scalar resources are never cut.</li>
 * </ul>
 * Without any quota in the cluster every method is a no-op and {@link #cut} returns the
 * candidate itself.
 */
final class QuotaCycle {
    private final Quantities.Names names;
    private final List<RoleState> quotaRoles;
    private final Quantities available = new Quantities();
    private final Quantities required = new Quantities();
    private boolean headroomNeeded;

    QuotaCycle(RoleBook roles, AgentState[] agents, Quantities.Names names) {
        this.names = names;
        this.quotaRoles = roles.quotaRoles();
        if (!quotaRoles.isEmpty()) {
            for (AgentState agent : agents) {
                available.addUnreservedScalars(agent.free, names, 1);
            }
            recomputeRequired();
        }
    }

    /** Whether any role has guarantees it does not meet yet (stage 1 has work). */
    boolean anyUnmet() {
        return headroomNeeded;
    }

    /** Whether the role has a guarantee it does not meet. */
    boolean unmet(RoleState role) {
        Quantities g = role.guarantees;
        for (int n = 0; n < g.length(); n++) {
            if (unmet(role, n) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * What of {@code candidate} the role may be offered in this stage. In stage 1 that is
     * empty unless it makes progress toward an unmet guarantee.
     */
    Resources cut(RoleState role, Resources candidate, boolean stage1) {
        boolean limits = role.hasLimits();
        if (!stage1 && !limits && !headroomNeeded) {
            return candidate;
        }
        List<Resource> out = new ArrayList<>(candidate.list().size());
        boolean changed = false;
        boolean progress = false;
        for (Resource r : candidate) {
            if (!(r.value() instanceof Scalar s) || !r.isUnreserved()) {
                out.add(r);
                continue;
            }
            int n = names.indexOf(r.name());
            long amount = s.millis();
            long guaranteed = stage1 ? Math.min(amount, unmet(role, n)) : 0;
            long extra = amount - guaranteed;
            if (limits && role.limited(n)) {
                extra = Math.min(extra, Math.max(0, role.limits.get(n) - role.consumed(n) - guaranteed));
            }
            if (headroomNeeded) {
                extra = Math.min(extra, Math.max(0, available.get(n) - required.get(n)));
            }
            long give = guaranteed + extra;
            progress |= guaranteed > 0;
            if (give == amount) {
                out.add(r);
            } else {
                changed = true;
                if (give > 0) {
                    out.add(new Resource(r.name(), r.role(), new Scalar(give)));
                }
            }
        }
        if (stage1 && !progress) {
            return Resources.empty();
        }
        return changed ? Resources.of(out) : candidate;
    }

    /** The role was just given {@code offered} (already charged to it by the ledger). */
    void charged(RoleState role, Resources offered) {
        if (quotaRoles.isEmpty()) {
            return;
        }
        available.addUnreservedScalars(offered, names, -1);
        if (role.hasQuota()) {
            recomputeRequired();
        }
    }

    long unmet(RoleState role, int name) {
        return Math.max(0, role.guarantees.get(name) - role.consumed(name));
    }

    private void recomputeRequired() {
        required.clear();
        for (RoleState role : quotaRoles) {
            for (int n = 0; n < role.guarantees.length(); n++) {
                required.add(n, unmet(role, n));
            }
        }
        headroomNeeded = !required.isZero();
    }
}
