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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The master's store in Hazelcast maps: {@code <ns>.agents}, {@code <ns>.frameworks},
 * {@code <ns>.tasks} and {@code <ns>.policy}, holding JSON (host types only, so no bundle
 * class is ever needed to read them back).
 *
 * <p>What it guarantees: every write returns only once the partition owner applied it and
 * its synchronous backup (one, see {@link HazelcastMember}) acknowledged it, so the master,
 * which writes before it answers a call or sends an event, never acts on a change another
 * member could not recover. One exception: a backup that does not acknowledge within a second
 * ({@code HazelcastMember.BACKUP_ACK_MILLIS}; its master just died, or hangs) is not waited for
 * longer, and the write returns applied on the owner alone until Hazelcast copies it to a new
 * backup. A write waits at most {@link #WRITE_TIMEOUT}; one that fails or
 * times out is logged and counted ({@link #failedWrites()}), and the master goes on: the state
 * it holds stays right and is written again with the object's next change. Writes on one key
 * apply in the order they were made (one thread, one partition). Once {@link #fence()} was
 * called (the master lost its leadership) nothing more is written, so a deposed leader never
 * overwrites its successor's state. With a single member the data lives only in this process
 * (and in the disk mirror when there is a work directory).
 */
public final class HazelcastMasterStore implements MasterStore {
    private static final Logger LOG = System.getLogger(HazelcastMasterStore.class.getName());
    /** Longer than a killed member's detection (~0.35 s) plus a partition migration. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final IMap<String, String> agents;
    private final IMap<String, String> frameworks;
    private final IMap<String, String> tasks;
    /** Cluster-wide settings: "weights" and "quotas", each one JSON document. */
    private final IMap<String, String> policy;
    private final AtomicBoolean fenced = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private final ParsedRecords parsed;

    public HazelcastMasterStore(HazelcastInstance hazelcast, String namespace) {
        this(hazelcast, namespace, new ParsedRecords());
    }

    /** As above; {@link #load} reuses (and updates) what {@code parsed} holds from earlier reads. */
    public HazelcastMasterStore(HazelcastInstance hazelcast, String namespace, ParsedRecords parsed) {
        this.parsed = parsed;
        this.agents = hazelcast.getMap(namespace + ".agents");
        this.frameworks = hazelcast.getMap(namespace + ".frameworks");
        this.tasks = hazelcast.getMap(namespace + ".tasks");
        this.policy = hazelcast.getMap(namespace + ".policy");
    }

    /** From now on every write is dropped: the master that owns this store no longer leads. */
    public void fence() {
        fenced.set(true);
    }

    /**
     * Removes this store's maps from the cluster, entries and all (a standby's rehearsal store,
     * see {@code Rehearsal}); fences it first. Never called on the master's own store.
     */
    public void destroy() {
        fence();
        agents.destroy();
        frameworks.destroy();
        tasks.destroy();
        policy.destroy();
    }

    /** Writes that failed or timed out since this store was made. */
    public long failedWrites() {
        return failures.get();
    }

    @Override
    public void putAgent(StoredAgent agent) {
        write(agents, agent.id().value(), MezzoJson.writeString(agent));
    }

    @Override
    public void removeAgent(AgentId id) {
        write(agents, id.value(), null);
    }

    @Override
    public void putFramework(StoredFramework framework) {
        write(frameworks, framework.info().id().orElseThrow().value(), MezzoJson.writeString(framework));
    }

    @Override
    public void removeFramework(FrameworkId id) {
        write(frameworks, id.value(), null);
    }

    @Override
    public void putTask(Task task) {
        write(tasks, taskKey(task.frameworkId(), task.id()), MezzoJson.writeString(task));
    }

    @Override
    public void removeTask(FrameworkId frameworkId, TaskId taskId) {
        write(tasks, taskKey(frameworkId, taskId), null);
    }

    /** Framework and task ids cannot contain '/', so this key is unambiguous. */
    private static String taskKey(FrameworkId frameworkId, TaskId taskId) {
        return frameworkId.value() + "/" + taskId.value();
    }

    /** Sets (or, with a null value, deletes) and waits for the owner and its backup. */
    private void write(IMap<String, String> map, String key, String value) {
        if (fenced.get()) {
            LOG.log(Level.DEBUG, () -> "fenced: not writing " + key + " to " + map.getName());
            return;
        }
        try {
            (value == null ? map.deleteAsync(key) : map.setAsync(key, value)).toCompletableFuture()
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(map, key, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed(map, key, e);
        }
    }

    private void failed(IMap<String, String> map, String key, Exception e) {
        failures.incrementAndGet();
        LOG.log(Level.ERROR, "could not replicate " + key + " of " + map.getName() + " within " + WRITE_TIMEOUT
                + ": " + e);
    }

    @Override
    public void putWeights(Map<String, Double> weights) {
        write(policy, "weights", MezzoJson.writeString(new StoredWeights(weights)));
    }

    @Override
    public void putQuotas(Map<String, Quota> quotas) {
        write(policy, "quotas", MezzoJson.writeString(new StoredQuotas(quotas)));
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

    private <T> List<T> read(IMap<String, String> map, Function<String, T> parse) {
        return parsed.read(map, parse);
    }
}
