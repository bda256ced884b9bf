package io.mezzo.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Quota;
import io.mezzo.api.TaskId;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.MasterStore;
import io.mezzo.internal.master.Task;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The master's store in Hazelcast maps: {@code <ns>.agents}, {@code <ns>.frameworks} and
 * {@code <ns>.tasks}, holding JSON (host types only, so no bundle class is ever needed to
 * read them back).
 *
 * <p>What it guarantees: writes are sent without blocking the master, in the order the
 * master made them; Hazelcast applies operations on one key in that order (one key lives
 * in one partition, whose operations run on one thread). A write is not confirmed to the
 * master: if this process dies before Hazelcast applied it, it is lost. The maps' backup
 * count (see {@link HazelcastMember}) decides whether another member holds a copy; with a
 * single member (local mode) the data lives only in this process. Stronger promises
 * (persistence to disk, confirmed replication before acting) belong to the
 * high-availability work.
 */
public final class HazelcastMasterStore implements MasterStore {
    private static final Logger LOG = System.getLogger(HazelcastMasterStore.class.getName());

    private final IMap<String, String> agents;
    private final IMap<String, String> frameworks;
    private final IMap<String, String> tasks;
    /** Cluster-wide settings: "weights" and "quotas", each one JSON document. */
    private final IMap<String, String> policy;

    public HazelcastMasterStore(HazelcastInstance hazelcast, String namespace) {
        this.agents = hazelcast.getMap(namespace + ".agents");
        this.frameworks = hazelcast.getMap(namespace + ".frameworks");
        this.tasks = hazelcast.getMap(namespace + ".tasks");
        this.policy = hazelcast.getMap(namespace + ".policy");
    }

    @Override
    public void putAgent(StoredAgent agent) {
        agents.setAsync(agent.id().value(), MezzoJson.writeString(agent));
    }

    @Override
    public void removeAgent(AgentId id) {
        agents.deleteAsync(id.value());
    }

    @Override
    public void putFramework(StoredFramework framework) {
        frameworks.setAsync(framework.info().id().orElseThrow().value(), MezzoJson.writeString(framework));
    }

    @Override
    public void removeFramework(FrameworkId id) {
        frameworks.deleteAsync(id.value());
    }

    @Override
    public void putTask(Task task) {
        tasks.setAsync(taskKey(task.frameworkId(), task.id()), MezzoJson.writeString(task));
    }

    @Override
    public void removeTask(FrameworkId frameworkId, TaskId taskId) {
        tasks.deleteAsync(taskKey(frameworkId, taskId));
    }

    /** Framework and task ids cannot contain '/', so this key is unambiguous. */
    private static String taskKey(FrameworkId frameworkId, TaskId taskId) {
        return frameworkId.value() + "/" + taskId.value();
    }

    @Override
    public void putWeights(Map<String, Double> weights) {
        policy.setAsync("weights", MezzoJson.writeString(new StoredWeights(weights)));
    }

    @Override
    public void putQuotas(Map<String, Quota> quotas) {
        policy.setAsync("quotas", MezzoJson.writeString(new StoredQuotas(quotas)));
    }

    /** JSON documents of the policy map (records, so the mapper reads them back). */
    record StoredWeights(Map<String, Double> weights) {}

    record StoredQuotas(Map<String, Quota> quotas) {}

    @Override
    public Contents load() {
        Optional<Map<String, Double>> weights = Optional.ofNullable(policy.get("weights"))
                .map(json -> MezzoJson.read(json, StoredWeights.class).weights());
        Map<String, Quota> quotas = Optional.ofNullable(policy.get("quotas"))
                .map(json -> MezzoJson.read(json, StoredQuotas.class).quotas()).orElse(Map.of());
        return new Contents(read(agents, json -> MezzoJson.read(json, StoredAgent.class)),
                read(frameworks, json -> MezzoJson.read(json, StoredFramework.class)),
                read(tasks, json -> MezzoJson.read(json, Task.class)), weights, quotas);
    }

    private static <T> List<T> read(IMap<String, String> map, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            try {
                out.add(parse.apply(e.getValue()));
            } catch (IllegalArgumentException ex) {
                LOG.log(Level.WARNING, "skipping unreadable entry " + e.getKey() + " of " + map.getName() + ": "
                        + ex.getMessage());
            }
        }
        return out;
    }
}
