package io.mezzo.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.mezzo.internal.actor.ActorThread;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a lost partition's entries back from this master's disk copy ({@link DiskMirror}).
 *
 * <p>Hazelcast loses a partition of a map when its owner and its backup leave together: two
 * masters at once, or the leader killed right after a master joined, before the backups were
 * copied to it (docs/high-availability.md). Every master's disk copy holds every key, so the
 * survivors still have them. On the loss, each entry of that partition in the copy goes back
 * into the map with {@code putIfAbsent} (a key some other master restored first, or the leader
 * wrote since, is left alone).
 *
 * <p>What it promises, and what not: the copy is as of the last change this master heard, so a
 * change the dead members applied but whose event had not reached this master is missing (an
 * update comes back older, a delete comes back undone). The agents' re-registrations and the
 * frameworks' reconciliation correct tasks and agents after that, as after any failover; the
 * alternative was losing the entries altogether. Refills run on the mirror's writer thread,
 * after every write queued before the loss.
 */
final class PartitionRefill {
    private static final Logger LOG = System.getLogger(PartitionRefill.class.getName());

    private final HazelcastInstance hazelcast;
    private final Path dir;
    private final ActorThread writer;
    /** Refills queued on the writer and not yet done. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Per map, the partitions lost and not yet refilled; one refill takes all of a map's at once. */
    private final Map<String, Set<Integer>> lost = new ConcurrentHashMap<>();

    PartitionRefill(HazelcastInstance hazelcast, Path dir, ActorThread writer) {
        this.hazelcast = hazelcast;
        this.dir = dir;
        this.writer = writer;
    }

    /** Partition {@code partition} of map {@code name} was lost (a Hazelcast event thread): refill it on the writer. */
    void later(String name, int partition) {
        pending.incrementAndGet();
        lost.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(partition);
        try {
            writer.execute(() -> {
                try {
                    refill(name);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.log(Level.WARNING, "partition " + partition + " of " + name + " was lost while the disk mirror was"
                    + " stopping; it is not refilled");
        }
    }

    /** Waits, at most {@code limit}, until every refill queued so far is done; at once when none is. */
    void await(Duration limit) {
        if (pending.get() == 0) {
            return;
        }
        try {
            writer.ask(() -> null).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(Level.WARNING, "lost partitions were still being refilled after " + limit + ": " + e);
        }
    }

    /** Refills every partition of {@code name} lost so far, reading the disk copy once. */
    private void refill(String name) {
        Set<Integer> partitions = new TreeSet<>();
        Set<Integer> queued = lost.getOrDefault(name, Set.of());
        for (Integer p : Set.copyOf(queued)) {
            queued.remove(p);
            partitions.add(p);
        }
        if (partitions.isEmpty()) {
            return; // an earlier refill of this map took them
        }
        IMap<Object, Object> map = hazelcast.getMap(name);
        PartitionService partitionService = hazelcast.getPartitionService();
        int restored = 0;
        int kept = 0;
        try {
            for (Map.Entry<Object, Object> e : MirrorFiles.read(dir.resolve(name)).entrySet()) {
                if (!partitions.contains(partitionService.getPartition(e.getKey()).getPartitionId())) {
                    continue;
                }
                if (map.putIfAbsent(e.getKey(), e.getValue()) == null) {
                    restored++;
                } else {
                    kept++;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "partitions " + partitions + " of " + name + " were lost and could not be refilled"
                    + " from " + dir + ": " + e);
            return;
        }
        LOG.log(Level.WARNING, partitions.size() + " partition(s) of " + name + " were lost with every copy the cluster"
                + " held " + partitions + "; restored " + restored + " entries from the disk copy in " + dir
                + " (as of the last change this master heard)"
                + (kept > 0 ? "; " + kept + " were there again already" : ""));
    }
}
