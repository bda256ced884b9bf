package io.mezzo.allocator.drf;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One framework as the allocator sees it. A framework first named by an agent's usage, before
 * it was added, exists without a spec: what it holds is kept out of offers but counts for
 * nobody until it is added.
 */
final class FrameworkState {
    final FrameworkId id;
    private FrameworkSpec spec;
    boolean active;
    final Set<String> suppressed = new HashSet<>();
    /** By role name. */
    final Map<String, Subscription> subscriptions = new HashMap<>();
    /** Indexes of the agents holding something for it, so removal does not scan every agent. */
    final BitSet heldOn = new BitSet();

    FrameworkState(FrameworkId id) {
        this.id = id;
    }

    boolean added() {
        return spec != null;
    }

    void spec(FrameworkSpec spec) {
        this.spec = spec;
    }

    /** The roles it subscribes to (empty before it is added). */
    Set<String> roles() {
        return spec == null ? Set.of() : new LinkedHashSet<>(spec.roles());
    }

    /** Whether it may be offered resources in {@code role} now. */
    boolean offerable(String role) {
        return spec != null && active && spec.roles().contains(role) && !suppressed.contains(role);
    }
}
