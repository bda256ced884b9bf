package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.OfferId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Everything the master knows. Touched only on the master's thread. */
final class MasterState {
    final Map<AgentId, AgentEntry> agents = new LinkedHashMap<>();
    /** Agents that went silent and were removed, with when; they may come back. */
    final Map<AgentId, Instant> unreachableAgents = new LinkedHashMap<>();
    final Map<FrameworkId, FrameworkEntry> frameworks = new LinkedHashMap<>();
    final Deque<CompletedFramework> completedFrameworks = new ArrayDeque<>();
    final Map<OfferId, Offer> offers = new LinkedHashMap<>();
    /** Role weights set by flag or operator; roles absent weigh 1.0. */
    final Map<String, Double> weights = new java.util.TreeMap<>();
    /** Role quotas set by the operator. */
    final Map<String, io.mezzo.api.Quota> quotas = new java.util.TreeMap<>();
    long nextFrameworkSeq;
    long nextAgentSeq;
    long nextOfferSeq;

    /** A framework that was removed, kept for {@code /state}. */
    record CompletedFramework(FrameworkEntry entry, Instant removedTime) {}

    Optional<Task> task(TaskKey key) {
        FrameworkEntry f = frameworks.get(key.frameworkId());
        return f == null ? Optional.empty() : Optional.ofNullable(f.tasks.get(key.taskId()));
    }

    boolean wasRemoved(FrameworkId id) {
        for (CompletedFramework c : completedFrameworks) {
            if (c.entry().id.equals(id)) {
                return true;
            }
        }
        return false;
    }

    void addCompleted(FrameworkEntry f, Instant when, int keep) {
        completedFrameworks.addLast(new CompletedFramework(f, when));
        while (completedFrameworks.size() > keep) {
            completedFrameworks.removeFirst();
        }
    }

    Optional<FrameworkInfo> frameworkInfo(FrameworkId id) {
        FrameworkEntry f = frameworks.get(id);
        return f == null ? Optional.empty() : Optional.of(f.info);
    }
}
