package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.FrameworkInfo;
import java.util.List;

/**
 * Where the master keeps the state another master would need to take over: agents,
 * frameworks (with their failover timeout) and tasks with their latest state. Offers are
 * never stored; they are rescinded and re-issued.
 *
 * <p>The master calls these on its own thread, in the order its state changes; an
 * implementation must not block it (write asynchronously) and must apply writes to one key
 * in the order they were made. What survives a crash is the implementation's promise and
 * is stated on it.
 */
public interface MasterStore {

    void putAgent(StoredAgent agent);

    void removeAgent(AgentId id);

    void putFramework(StoredFramework framework);

    void removeFramework(FrameworkId id);

    void putTask(Task task);

    void removeTask(FrameworkId frameworkId, TaskId taskId);

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

    record Contents(List<StoredAgent> agents, List<StoredFramework> frameworks, List<Task> tasks) {
        public Contents {
            agents = List.copyOf(agents);
            frameworks = List.copyOf(frameworks);
            tasks = List.copyOf(tasks);
        }

        public static Contents empty() {
            return new Contents(List.of(), List.of(), List.of());
        }
    }
}
