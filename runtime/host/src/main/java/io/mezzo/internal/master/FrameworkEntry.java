package io.mezzo.internal.master;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.OfferId;
import io.mezzo.internal.time.TimeSource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A registered framework. Owned by the master's thread; never shared. */
final class FrameworkEntry {

    /**
     * CONNECTED: subscribed, receives offers. DISCONNECTED: its stream broke; it keeps its
     * tasks until {@code failover_timeout} runs out. RECOVERED: known from an agent's
     * re-registration or replicated state, not yet subscribed to this master.
     */
    enum State { CONNECTED, DISCONNECTED, RECOVERED }

    final FrameworkId id;
    FrameworkInfo info;
    State state;
    Optional<FrameworkStream> stream = Optional.empty();
    Set<String> suppressedRoles = Set.of();
    final Instant registeredTime;
    Optional<Instant> reregisteredTime = Optional.empty();
    Optional<Instant> unregisteredTime = Optional.empty();
    Optional<TimeSource.Cancellable> failoverTimer = Optional.empty();
    /** Identifies the pending failover timer, so a stale one that already fired does nothing. */
    Object failoverToken;
    /** Tasks not yet settled (running, or terminal with an unacknowledged update). */
    final Map<TaskId, Task> tasks = new LinkedHashMap<>();
    final Deque<Task> completedTasks = new ArrayDeque<>();
    final Set<OfferId> offers = new LinkedHashSet<>();

    FrameworkEntry(FrameworkId id, FrameworkInfo info, State state, Instant registeredTime) {
        this.id = id;
        this.info = info;
        this.state = state;
        this.registeredTime = registeredTime;
    }

    boolean connected() {
        return state == State.CONNECTED;
    }

    void complete(Task task, int keep) {
        tasks.remove(task.id());
        completedTasks.addLast(task);
        while (completedTasks.size() > keep) {
            completedTasks.removeFirst();
        }
    }

    void cancelFailoverTimer() {
        failoverTimer.ifPresent(TimeSource.Cancellable::cancel);
        failoverTimer = Optional.empty();
    }
}
