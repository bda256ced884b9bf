package io.mezzo.allocator.drf;

import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Scalar;
import java.util.Arrays;

/**
 * One role: its place in the role sorter and its own framework sorter (while any framework
 * subscribes to it or holds resources in it), its quota, and the scalar sums quota needs.
 * Role names are flat: {@code eng/ads} is a role of its own, not a child of {@code eng}.
 */
final class RoleState {
    final String name;
    /** In the role sorter, or -1 while the role has no subscription. */
    int handle = -1;
    /** The role's framework sorter; null while it has no subscription. */
    Sorter frameworks;
    private Subscription[] byHandle = new Subscription[4];
    /** Bit per framework handle: active in {@link #frameworks} (mirrors the sorter for word-wise checks). */
    long[] eligible = new long[1];
    int subscriptionCount;

    Quota quota = Quota.NONE;
    /** Guarantees by name index (zero when none). */
    final Quantities guarantees = new Quantities();
    /** Limits by name index; meaningful only where {@link #limited}. */
    final Quantities limits = new Quantities();
    private boolean[] limited = new boolean[0];

    /** Scalars reserved for exactly this role, over every agent's total. */
    final Quantities reserved = new Quantities();
    /** Unreserved scalars its frameworks hold (offered or in use). */
    final Quantities allocatedUnreserved = new Quantities();

    RoleState(String name) {
        this.name = name;
    }

    Subscription subscription(int handle) {
        return handle < byHandle.length ? byHandle[handle] : null;
    }

    void put(int handle, Subscription sub) {
        if (handle >= byHandle.length) {
            byHandle = Arrays.copyOf(byHandle, Math.max(handle + 1, byHandle.length * 2));
        }
        byHandle[handle] = sub;
    }

    void eligible(int handle, boolean value) {
        int w = handle >>> 6;
        if (w >= eligible.length) {
            eligible = Arrays.copyOf(eligible, Math.max(w + 1, eligible.length * 2));
        }
        if (value) {
            eligible[w] |= 1L << handle;
        } else {
            eligible[w] &= ~(1L << handle);
        }
    }

    void quota(Quota quota, Quantities.Names names) {
        this.quota = quota;
        guarantees.clear();
        limits.clear();
        limited = new boolean[0];
        for (Resource r : quota.guarantees()) {
            guarantees.add(names.indexOf(r.name()), ((Scalar) r.value()).millis());
        }
        for (Resource r : quota.limits()) {
            int i = names.indexOf(r.name());
            limits.add(i, ((Scalar) r.value()).millis());
            if (i >= limited.length) {
                limited = Arrays.copyOf(limited, i + 1);
            }
            limited[i] = true;
        }
    }

    boolean hasQuota() {
        return !quota.isNone();
    }

    boolean hasLimits() {
        return !quota.limits().isEmpty();
    }

    boolean limited(int name) {
        return name < limited.length && limited[name];
    }

    /** What the role counts against its quota of {@code name}: unreserved holdings plus its reservations. */
    long consumed(int name) {
        return allocatedUnreserved.get(name) + reserved.get(name);
    }

    /** Whether nothing keeps this role around: no subscription, no quota, no reservation, nothing held. */
    boolean unused() {
        return subscriptionCount == 0 && !hasQuota() && reserved.isZero() && allocatedUnreserved.isZero();
    }
}
