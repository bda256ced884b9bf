package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.api.Quota;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps the master's state in this process only (Mesos's {@code --registry=in_memory}): a new
 * master in the same process can take over from it, nothing survives the process.
 */
public final class InMemoryMasterStore implements MasterStore {
    private final ConcurrentMap<AgentId, StoredAgent> agents = new ConcurrentHashMap<>();
    private final ConcurrentMap<FrameworkId, StoredFramework> frameworks = new ConcurrentHashMap<>();
    private final ConcurrentMap<TaskKey, Task> tasks = new ConcurrentHashMap<>();
    private volatile Optional<Map<String, Double>> weights = Optional.empty();
    private volatile Map<String, Quota> quotas = Map.of();

    @Override
    public void putAgent(StoredAgent agent) {
        agents.put(agent.id(), agent);
    }

    @Override
    public void removeAgent(AgentId id) {
        agents.remove(id);
    }

    @Override
    public void putFramework(StoredFramework framework) {
        frameworks.put(framework.info().id().orElseThrow(), framework);
    }

    @Override
    public void removeFramework(FrameworkId id) {
        frameworks.remove(id);
    }

    @Override
    public void putTask(Task task) {
        tasks.put(new TaskKey(task.frameworkId(), task.id()), task);
    }

    @Override
    public void removeTask(FrameworkId frameworkId, TaskId taskId) {
        tasks.remove(new TaskKey(frameworkId, taskId));
    }

    @Override
    public void putWeights(Map<String, Double> newWeights) {
        weights = Optional.of(Map.copyOf(newWeights));
    }

    @Override
    public void putQuotas(Map<String, Quota> newQuotas) {
        quotas = Map.copyOf(newQuotas);
    }

    @Override
    public Contents load() {
        return new Contents(new ArrayList<>(agents.values()), new ArrayList<>(frameworks.values()),
                new ArrayList<>(tasks.values()), weights, quotas);
    }
}
