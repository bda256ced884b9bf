package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.api.Quota;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the master keeps the state another master would need to take over: agents,
 * frameworks (with their failover timeout) and tasks with their latest state. Offers are
 * never stored; they are rescinded and re-issued.
 *
 * <p>The master calls these on its own thread, in the order its state changes, and before it
 * answers the call or sends the event that depends on the change. An implementation must
 * apply writes to one key in the order they were made; it may block the master until the
 * write is safe (replicated), but only for a bounded time. What survives a crash is the
 * implementation's promise and is stated on it.
 */
public interface MasterStore {

    void putAgent(StoredAgent agent);

    void removeAgent(AgentId id);

    void putFramework(StoredFramework framework);

    void removeFramework(FrameworkId id);

    void putTask(Task task);

    void removeTask(FrameworkId frameworkId, TaskId taskId);

    /** Replaces the stored role weights. */
    void putWeights(Map<String, Double> weights);

    /** Replaces the stored role quotas. */
    void putQuotas(Map<String, Quota> quotas);

    /** Everything stored, read once when a master starts leading. May block. */
    Contents load();

    /** @param registeredMillis when it first registered, epoch milliseconds */
    record StoredAgent(AgentId id, AgentInfo info, long registeredMillis) {}

    /** @param info always carries the framework's id */
    record StoredFramework(FrameworkInfo info, long registeredMillis) {
        public StoredFramework {
            if (info.id().isEmpty()) {
                throw new IllegalArgumentException("a stored framework needs its id");
            }
        }
    }

    /** @param weights empty when none were ever stored (then the master's flags apply) */
    record Contents(List<StoredAgent> agents, List<StoredFramework> frameworks, List<Task> tasks,
                    Optional<Map<String, Double>> weights, Map<String, Quota> quotas) {
        public Contents {
            agents = List.copyOf(agents);
            frameworks = List.copyOf(frameworks);
            tasks = List.copyOf(tasks);
            weights = weights.map(Map::copyOf);
            quotas = Map.copyOf(quotas);
        }

        public static Contents empty() {
            return new Contents(List.of(), List.of(), List.of(), Optional.empty(), Map.of());
        }
    }
}
