package io.mezzo.internal.cluster;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.DistributedObjectEvent;
import com.hazelcast.core.DistributedObjectListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import io.mezzo.internal.actor.ActorThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a copy of every {@code mezzo*} map of the Hazelcast cluster on this master's disk, so
 * that restarting every master (or the only one) loses nothing the maps held.
 *
 * <p>What it promises: every entry change this member hears about (all members hear about all
 * keys) is written to {@code dir/<map>/<sha256 of key>} by one writer thread, atomically (see
 * {@link MirrorFiles}), in the order the changes to that key were made. Changes to one key that
 * arrive faster than the disk takes them are coalesced: only the latest is written. The copy
 * lags the cluster by the writer's queue; {@link #flush()} waits for it. A process killed
 * mid-write leaves the previous version of that key, never a torn one. It does not promise
 * that a change reached the disk before the master acted on it: Hazelcast's backups cover a
 * single master's death, the disk copy covers all of them stopping.
 *
 * <p>When a master joins a cluster whose maps hold entries, the cluster is the truth: its
 * copy is rewritten to match (stale keys removed). When the maps are empty (the cluster is
 * starting), the disk copy is kept for {@link #seedIfEmpty()}. Limitation: a master that
 * started into an empty cluster, never seeded and never joined a populated one keeps its
 * stale keys until they change; the first leader seeds, so this only matters if the masters'
 * disks disagree.
 *
 * <p>Hazelcast's event threads only put the change in a map and queue a write; the disk work
 * runs on the mirror's own thread.
 */
public final class DiskMirror implements AutoCloseable {
    private static final Logger LOG = System.getLogger(DiskMirror.class.getName());
    static final String PREFIX = "mezzo";
    /** Hazelcast's service name for IMaps (its constant lives in an internal package). */
    private static final String MAP_SERVICE = "hz:impl:mapService";

    private final HazelcastInstance hazelcast;
    private final Path dir;
    private final ActorThread writer = new ActorThread("mezzo-disk-mirror");
    private final PartitionRefill refill;
    /** Latest change per file not yet written: a value, or empty for a delete. */
    private final Map<Pending, Optional<Object>> pending = new ConcurrentHashMap<>();
    /** Map name to the id of this mirror's entry listener on it. */
    private final Map<String, UUID> watched = new ConcurrentHashMap<>();
    /** Map name to the id of this mirror's partition-lost listener on it. */
    private final Map<String, UUID> lostWatched = new ConcurrentHashMap<>();
    private volatile UUID objectListener;
    private volatile boolean closed;

    private record Pending(String map, Object key) {}

    private DiskMirror(HazelcastInstance hazelcast, Path dir) {
        this.hazelcast = hazelcast;
        this.dir = dir;
        this.refill = new PartitionRefill(hazelcast, dir, writer);
    }

    /** Starts mirroring every {@code mezzo*} map of {@code hazelcast}'s cluster to {@code dir}. */
    public static DiskMirror open(HazelcastInstance hazelcast, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the replicated-state directory " + dir, e);
        }
        DiskMirror mirror = new DiskMirror(hazelcast, dir);
        mirror.start();
        return mirror;
    }

    private void start() {
        objectListener = hazelcast.addDistributedObjectListener(new DistributedObjectListener() {
            @Override
            public void distributedObjectCreated(DistributedObjectEvent event) {
                // Registering a listener and copying the map are remote calls: not on the event thread.
                if (MAP_SERVICE.equals(event.getServiceName()) && event.getObjectName() instanceof String name
                        && !closed) {
                    writer.execute(() -> watchQuietly(name));
                }
            }

            @Override
            public void distributedObjectDestroyed(DistributedObjectEvent event) {}
        });
        Set<String> names = clusterMapNames();
        names.forEach(this::watch);
        boolean populated = names.stream().anyMatch(n -> !hazelcast.getMap(n).isEmpty());
        if (populated) {
            Set<String> all = new TreeSet<>(names);
            all.addAll(diskMapNames());
            all.forEach(this::reconcile);
        }
        LOG.log(Level.INFO, () -> "mirroring " + names + " to " + dir
                + (populated ? " (copied from the running cluster)" : " (disk copy kept for seeding)"));
    }

    private Set<String> clusterMapNames() {
        Set<String> names = new TreeSet<>();
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (MAP_SERVICE.equals(object.getServiceName()) && mirrored(object.getName())) {
                names.add(object.getName());
            }
        }
        return names;
    }

    private Set<String> diskMapNames() {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (mirrored(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return names;
    }

    private static boolean mirrored(String name) {
        return name.startsWith(PREFIX) && MirrorFiles.mirrorable(name);
    }

    private void watchQuietly(String name) {
        try {
            watch(name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot mirror map " + name, e);
        }
    }

    /** Listens to {@code name}, then copies what it already holds (changes made before the listener). */
    private void watch(String name) {
        if (closed || !mirrored(name) || watched.containsKey(name)) {
            return;
        }
        synchronized (watched) {
            if (watched.containsKey(name)) {
                return;
            }
            IMap<Object, Object> map = hazelcast.getMap(name);
            watched.put(name, map.addEntryListener(new Listener(name), true));
            lostWatched.put(name, map.addPartitionLostListener(event -> refill.later(name, event.getPartitionId())));
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                pending.putIfAbsent(new Pending(name, e.getKey()), Optional.of(e.getValue()));
                writer.execute(() -> drain(new Pending(name, e.getKey())));
            }
        }
    }

    /** Makes the disk copy of {@code name} equal to the cluster's map (on the writer thread). */
    private void reconcile(String name) {
        Map<Object, Object> cluster = Map.copyOf(hazelcast.getMap(name));
        writer.execute(() -> {
            Path mapDir = dir.resolve(name);
            for (Object key : MirrorFiles.read(mapDir).keySet()) {
                Pending p = new Pending(name, key);
                if (!cluster.containsKey(key) && !pending.containsKey(p)) {
                    MirrorFiles.delete(mapDir, key);
                }
            }
        });
        cluster.forEach((key, value) -> {
            pending.putIfAbsent(new Pending(name, key), Optional.of(value));
            writer.execute(() -> drain(new Pending(name, key)));
        });
    }

    private void changed(String map, Object key, Optional<Object> value) {
        Pending p = new Pending(map, key);
        if (value.isPresent() && !MirrorFiles.storable(value.get()) || !MirrorFiles.storable(key)) {
            LOG.log(Level.WARNING, "not mirroring " + map + ": keys and values must be strings or numbers");
            return;
        }
        // Only the first change since the last write queues a write; later ones replace the value.
        if (pending.put(p, value) == null) {
            try {
                writer.execute(() -> drain(p));
            } catch (RejectedExecutionException e) {
                pending.remove(p);
            }
        }
    }

    private void cleared(String map) {
        writer.execute(() -> {
            Path mapDir = dir.resolve(map);
            for (Object key : MirrorFiles.read(mapDir).keySet()) {
                if (!pending.containsKey(new Pending(map, key))) {
                    MirrorFiles.delete(mapDir, key);
                }
            }
        });
    }

    private void drain(Pending p) {
        Optional<Object> value = pending.remove(p);
        if (value == null) {
            return;
        }
        Path mapDir = dir.resolve(p.map());
        try {
            if (value.isPresent()) {
                MirrorFiles.write(mapDir, p.key(), value.get());
            } else {
                MirrorFiles.delete(mapDir, p.key());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the disk copy of " + p.map() + " missed a change: " + e.getMessage());
        }
    }

    /**
     * Loads the disk copy into the cluster when every mirrored map is empty (the first leader
     * of a fully restarted cluster calls it before recovering). Returns how many entries it
     * loaded: 0 when the cluster already held state (then the disk copy is made to match it).
     */
    public int seedIfEmpty() {
        Set<String> names = new TreeSet<>(diskMapNames());
        names.addAll(clusterMapNames());
        boolean empty = names.stream().allMatch(n -> hazelcast.getMap(n).isEmpty());
        if (!empty) {
            LOG.log(Level.INFO, "the cluster already holds state; not seeding it from " + dir);
            names.forEach(this::reconcile);
            return 0;
        }
        int loaded = 0;
        for (String name : names) {
            Map<Object, Object> stored = MirrorFiles.read(dir.resolve(name));
            if (!stored.isEmpty()) {
                hazelcast.getMap(name).putAll(stored);
                loaded += stored.size();
            }
            watch(name);
        }
        int total = loaded;
        LOG.log(Level.INFO, () -> "seeded the cluster with " + total + " entries from " + dir);
        return loaded;
    }

    /**
     * Waits (at most {@code limit}) until every refill of a lost partition heard so far is done
     * ({@link PartitionRefill}): a new leader calls it before it reads the state. Returns at once
     * when none is pending, the usual case.
     */
    public void awaitRefills(java.time.Duration limit) {
        refill.await(limit);
    }

    /**
     * Makes the disk copy match the cluster's maps and waits until it is written (tests,
     * shutdown). Besides the changes heard so far, this repairs any change whose event the
     * mirror missed (one lost key was seen once under heavy load, cause not found): the
     * cluster's current content is written again and keys it no longer has are removed. A map
     * created so recently that Hazelcast has not yet told the mirror about it is watched here.
     */
    public void flush() {
        clusterMapNames().forEach(this::watchQuietly);
        watched().forEach(this::reconcile);
        try {
            writer.ask(() -> null).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the disk mirror did not catch up: " + e, e);
        }
    }

    /** The maps being mirrored, for tests and logs. */
    Set<String> watched() {
        return new HashSet<>(watched.keySet());
    }

    /** Stops listening and writes what was heard so far. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Optional.ofNullable(objectListener).ifPresent(hazelcast::removeDistributedObjectListener);
            watched.forEach((name, id) -> hazelcast.getMap(name).removeEntryListener(id));
            lostWatched.forEach((name, id) -> hazelcast.getMap(name).removePartitionLostListener(id));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "removing the mirror's listeners failed (the member is stopping)", e);
        }
        writer.close();
    }

    private final class Listener implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object>,
            EntryRemovedListener<Object, Object>, EntryEvictedListener<Object, Object>,
            EntryExpiredListener<Object, Object>, MapClearedListener {
        private final String map;

        Listener(String map) {
            this.map = map;
        }

        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            changed(map, event.getKey(), Optional.ofNullable(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            changed(map, event.getKey(), Optional.ofNullable(event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            changed(map, event.getKey(), Optional.empty());
        }

        @Override
        public void entryEvicted(EntryEvent<Object, Object> event) {
            changed(map, event.getKey(), Optional.empty());
        }

        @Override
        public void entryExpired(EntryEvent<Object, Object> event) {
            changed(map, event.getKey(), Optional.empty());
        }

        @Override
        public void mapCleared(MapEvent event) {
            cleared(map);
        }
    }
}
