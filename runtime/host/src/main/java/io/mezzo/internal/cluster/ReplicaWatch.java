package io.mezzo.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Finds out, every {@link #INTERVAL} on its own thread, whether every partition of the
 * replicated maps has its backup in sync (Hazelcast's "cluster safe"): only then does losing
 * any one master lose no state. Just after a master joins or leaves, backups are being copied
 * for about a second; a leader killed then takes the partitions it alone held with it. The
 * check asks every member and may block, so it never runs where answers are waited for:
 * {@link #inSync} reads the last result.
 */
final class ReplicaWatch implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ReplicaWatch.class.getName());
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final HazelcastInstance hazelcast;
    private final TimeSource time;
    private final ActorThread thread = new ActorThread("mezzo-replica-watch");
    private volatile boolean inSync;
    private volatile boolean closed;
    private volatile TimeSource.Cancellable next;

    ReplicaWatch(HazelcastInstance hazelcast, TimeSource time) {
        this.hazelcast = hazelcast;
        this.time = time;
    }

    ReplicaWatch start() {
        check();
        return this;
    }

    /** The last check's answer (false until one finished). */
    boolean inSync() {
        return inSync;
    }

    private void check() {
        try {
            thread.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    inSync = hazelcast.getLifecycleService().isRunning()
                            && hazelcast.getPartitionService().isClusterSafe();
                } catch (RuntimeException e) {
                    inSync = false;
                    LOG.log(Level.DEBUG, "could not tell whether the replicas are in sync: " + e);
                }
                if (!closed) {
                    next = time.schedule(INTERVAL, this::check);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "replica watch closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        TimeSource.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
        thread.close();
    }
}
