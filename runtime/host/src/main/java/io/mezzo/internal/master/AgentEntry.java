package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.OfferId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** A registered agent. Owned by the master's thread; never shared. */
final class AgentEntry {
    final AgentId id;
    AgentInfo info;
    Optional<AgentStream> stream = Optional.empty();
    /** The agent's address as its current connection shows it; empty when not known. */
    Optional<String> ip = Optional.empty();
    final Instant registeredTime;
    Optional<Instant> reregisteredTime = Optional.empty();
    /** When the agent becomes unreachable unless it is heard from before. */
    Instant deadline;
    /** Known from replicated state, not yet re-registered with this master. */
    boolean recovered;
    final Set<TaskKey> tasks = new LinkedHashSet<>();
    final Set<OfferId> offers = new LinkedHashSet<>();

    AgentEntry(AgentId id, AgentInfo info, Instant registeredTime, Instant deadline) {
        this.id = id;
        this.info = info;
        this.registeredTime = registeredTime;
        this.deadline = deadline;
    }

    boolean connected() {
        return stream.isPresent();
    }
}
