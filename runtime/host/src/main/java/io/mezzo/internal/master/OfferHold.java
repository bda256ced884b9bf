package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * After a failover, offers wait until most recovered agents are back (Mesos's allocator
 * recovery): offering the first agent that re-registers to every framework would hand out
 * resources the frameworks' running tasks still need on agents that have not reported yet.
 * The hold ends once {@code factor} of the recovered agents re-registered, or at
 * {@code deadline} (the agents' re-register timeout), whichever comes first; it never starts
 * again for this master.
 */
final class OfferHold {
    private final Set<AgentId> expected;
    private final double factor;
    private final Instant deadline;
    private boolean released;

    private OfferHold(Set<AgentId> expected, double factor, Instant deadline) {
        this.expected = Set.copyOf(expected);
        this.factor = factor;
        this.deadline = deadline;
        this.released = expected.isEmpty();
    }

    /** A master that recovered no agent offers at once. */
    static OfferHold none() {
        return new OfferHold(Set.of(), 0, Instant.EPOCH);
    }

    static OfferHold awaiting(Set<AgentId> recovered, double factor, Instant deadline) {
        return new OfferHold(recovered, factor, deadline);
    }

    /** True while offers must wait; once false it stays false. */
    boolean holding(Instant now, Map<AgentId, AgentEntry> agents) {
        if (released) {
            return false;
        }
        long back = expected.stream().map(agents::get).filter(a -> a != null && !a.recovered).count();
        released = back >= Math.ceil(expected.size() * factor) || !now.isBefore(deadline);
        return !released;
    }

    /** For {@code /state}'s log line and tests: how many recovered agents the hold waits for. */
    int expected() {
        return expected.size();
    }
}
