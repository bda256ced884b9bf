package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.time.Instant;
import java.util.Objects;

/**
 * A framework declined {@code refused} on one agent in one role and asked not to see them
 * again before {@code until}.
 *
 * <p>As in Mesos, the filter hides an offer only when everything offered lies within what was
 * refused: once more resources are free on the agent (a task ended, say), the framework sees
 * them before the filter expires.
 */
record RefuseFilter(Resources refused, Instant until) {
    RefuseFilter {
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(until, "until");
    }

    boolean hides(Resources offered, Instant now) {
        return !expiredAt(now) && refused.contains(offered);
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(until);
    }
}
