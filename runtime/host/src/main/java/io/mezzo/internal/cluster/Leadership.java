package io.mezzo.internal.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides whether this master leads. The leader is the oldest member of the Hazelcast
 * cluster, and only while it sees at least {@code quorum} of the configured masters (so of two
 * sides of a partition, at most one has a leader). Every term has an epoch, kept in the IMap
 * {@value #MAP} (one synchronous backup): a master that gains the lead writes
 * {@code max(stored, highest seen) + 1}, or the clock's milliseconds when they are higher (so
 * epochs grow across a restart of every master even without a disk copy), with a
 * compare-and-set before it acts, and a leader
 * that loses quorum, stops being the oldest or sees a higher epoch in the map stops at once.
 *
 * <p>What this does not promise: Hazelcast has no consensus here (no CP subsystem), so during
 * the failure detection window (about 5 s for a hung member, 0.35 s for a killed one) a
 * deposed leader may still believe it leads. The epoch is what makes that harmless: agents
 * refuse commands from an epoch older than one they have seen, and a leader's store stops
 * writing the moment it is deposed.
 *
 * <p>Hazelcast's callbacks only hand work to this class's own thread; every decision, and the
 * listener's calls, run there, one at a time.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Leadership.class.getName());
    /** The map holding the current epoch under {@value #EPOCH_KEY}, as decimal text. */
    public static final String MAP = "mezzo-leadership";
    public static final String EPOCH_KEY = "epoch";
    /** Looks at the partition table before a claim, {@link PartitionOwners#PAUSE} apart: about 2 s. */
    static final int OWNER_CHECKS = 400;
    /** A failed read or compare-and-set of the epoch is tried again after this long. */
    static final Duration RETRY = Duration.ofMillis(500);

    /** Told when this master starts and stops leading; both run on the leadership thread. */
    public interface Listener {
        /**
         * Called once, before this master first claims an epoch: the place to load state kept
         * outside the cluster (the disk mirror) so that the epoch, too, continues from it. Not
         * called when this master first saw another master's epoch in the cluster: the
         * cluster's state is then newer than anything on disk.
         */
        default void beforeFirstClaim() {}

        /** Start acting as leader with {@code epoch}; return once the master serves. */
        void elected(long epoch);

        /** Stop acting as leader now: nothing may be sent or written after this returns. */
        void deposed(String why);
    }

    /** The master this one believes leads. */
    public record Leader(String address, long epoch) {}

    /**
     * What this master sees.
     *
     * @param members HTTP addresses of the masters in this member's view of the cluster
     */
    public record View(String self, boolean leading, long epoch, Optional<Leader> leader, int quorum,
                       List<String> masters, List<String> members) {
        public View {
            masters = List.copyOf(masters);
            members = List.copyOf(members);
        }
    }

    private final HazelcastInstance hazelcast;
    private final ClusterSettings settings;
    private final TimeSource time;
    private final Listener listener;
    private final IMap<String, String> epochs;
    private final ActorThread thread = new ActorThread("mezzo-leadership");
    private final ReplicaWatch replicas;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile View view;
    private final List<Runnable> viewListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean leading;
    private long epoch;
    private long highestSeen;
    private boolean closed;
    private boolean prepared;

    public Leadership(HazelcastInstance hazelcast, ClusterSettings settings, TimeSource time, Listener listener) {
        this.hazelcast = hazelcast;
        this.settings = settings;
        this.time = time;
        this.listener = listener;
        this.epochs = hazelcast.getMap(MAP);
        this.replicas = new ReplicaWatch(hazelcast, time);
        this.view = new View(settings.self(), false, 0, Optional.empty(), settings.quorum(), settings.masters(),
                List.of(settings.self()));
    }

    /** Starts watching membership and the epoch; the first decision follows at once. */
    public Leadership start() {
        UUID members = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                reconsider();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                reconsider();
            }
        });
        unsubscribe.add(() -> hazelcast.getCluster().removeMembershipListener(members));
        EpochListener onEpoch = new EpochListener();
        UUID entries = epochs.addEntryListener(onEpoch, true);
        unsubscribe.add(() -> epochs.removeEntryListener(entries));
        UUID lifecycle = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                reconsider();
            }
        });
        unsubscribe.add(() -> hazelcast.getLifecycleService().removeLifecycleListener(lifecycle));
        reconsider();
        replicas.start();
        return this;
    }

    /** What this master currently sees; safe from any thread. */
    public View view() {
        return view;
    }

    /**
     * Runs {@code onChange} (on the leadership thread, so it must be quick) whenever {@link
     * #view} changes: who leads, the epoch, the members seen.
     */
    public void onViewChange(Runnable onChange) {
        viewListeners.add(onChange);
    }

    /**
     * Whether every partition of the replicated maps had its backup in sync at the last check
     * (at most about a second ago), so that losing any one master loses no state; see {@link
     * ReplicaWatch}. Safe from any thread, never blocks.
     */
    public boolean replicasInSync() {
        return replicas.inSync();
    }

    private final class EpochListener implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, String> event) {
            reconsider();
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, String> event) {
            reconsider();
        }
    }

    /** From Hazelcast's event threads: never decide there, only hand over. */
    private void reconsider() {
        try {
            thread.execute(this::decide);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "leadership closed; ignoring a cluster event");
        }
    }

    private void decide() {
        if (closed || !hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        Set<Member> members = hazelcast.getCluster().getMembers();
        Member oldest = members.iterator().next();
        List<String> seen = members.stream().map(m -> m.getAttribute(HazelcastMember.HTTP_ADDRESS))
                .filter(a -> a != null && settings.masters().contains(a)).distinct().toList();
        boolean quorate = seen.size() >= settings.quorum();
        Optional<Long> stored = readEpoch();
        if (stored.isEmpty()) {
            if (leading) {
                depose("the epoch cannot be read from the cluster");
            }
            retryLater();
            publish(seen, Optional.empty());
            return;
        }
        long current = stored.get();
        highestSeen = Math.max(highestSeen, current);
        if (leading) {
            if (!oldest.localMember()) {
                depose("an older master member is in the cluster (" + oldest.getAttribute(HazelcastMember.HTTP_ADDRESS)
                        + ")");
            } else if (!quorate) {
                depose("it sees " + seen.size() + " of the " + settings.masters().size() + " masters " + seen
                        + ", fewer than the quorum of " + settings.quorum());
            } else if (current > epoch) {
                depose("another master wrote the newer epoch " + current + " (this one's is " + epoch + ")");
            }
        }
        if (!prepared && !oldest.localMember() && current > 0) {
            // Another master leads or led this cluster: its state is the cluster's, so there is
            // nothing to load from disk should this one lead later (and a failover need not wait for it).
            prepared = true;
        }
        if (!leading && oldest.localMember() && quorate) {
            if (!prepared) {
                prepared = true;
                listener.beforeFirstClaim();
                reconsider(); // the epoch may have come back with the seeded state
                return;
            }
            claim(current, seen);
        }
        Optional<Leader> leader = !quorate ? Optional.empty()
                : leading ? Optional.of(new Leader(settings.self(), epoch))
                : Optional.ofNullable(oldest.getAttribute(HazelcastMember.HTTP_ADDRESS))
                        .map(a -> new Leader(a, highestSeen));
        publish(seen, leader);
    }

    private void claim(long stored, List<String> seen) {
        if (!PartitionOwners.await(hazelcast.getPartitionService(), OWNER_CHECKS)) {
            LOG.log(Level.WARNING, "some partitions still had no owner after " + OWNER_CHECKS + " checks "
                    + PartitionOwners.PAUSE.toMillis() + " ms apart; writing the epoch anyway");
        }
        // The clock is a floor so that epochs keep growing even when every master restarts
        // without a disk copy of the last one: agents that saw it would otherwise refuse them all.
        long next = Math.max(Math.max(stored, highestSeen) + 1, time.instant().toEpochMilli());
        boolean written;
        try {
            written = stored == 0 && epochs.get(EPOCH_KEY) == null
                    ? epochs.putIfAbsent(EPOCH_KEY, Long.toString(next)) == null
                    : epochs.replace(EPOCH_KEY, Long.toString(stored), Long.toString(next));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write epoch " + next + ": " + e);
            written = false;
        }
        if (!written) {
            retryLater();
            return;
        }
        leading = true;
        epoch = next;
        highestSeen = next;
        // Name this master (with its new epoch) before the term starts: starting takes a while,
        // and until now the view still named the leader that is gone. Asked meanwhile, this master
        // redirects to itself and answers 503 until its master has recovered.
        publish(seen, Optional.of(new Leader(settings.self(), next)));
        LOG.log(Level.INFO, "master " + settings.self() + " leads with epoch " + next);
        try {
            listener.elected(next);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "master " + settings.self() + " could not start leading with epoch " + next, e);
            depose("it failed to start: " + e.getMessage());
        }
    }

    private void depose(String why) {
        leading = false;
        LOG.log(Level.WARNING, "master " + settings.self() + " stops leading (epoch " + epoch + "): " + why);
        try {
            listener.deposed(why);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "stopping the deposed master failed", e);
        }
    }

    private Optional<Long> readEpoch() {
        try {
            String text = epochs.get(EPOCH_KEY);
            return Optional.of(text == null ? 0L : Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            LOG.log(Level.ERROR, "the stored epoch is not a number; treating it as 0: " + e.getMessage());
            return Optional.of(0L);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the epoch: " + e);
            return Optional.empty();
        }
    }

    private void retryLater() {
        time.schedule(RETRY, this::reconsider);
    }

    private void publish(List<String> seen, Optional<Leader> leader) {
        View next = new View(settings.self(), leading, epoch, leader, settings.quorum(), settings.masters(), seen);
        boolean changed = !next.equals(view);
        view = next;
        if (changed) {
            viewListeners.forEach(listener -> {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a view listener failed", e);
                }
            });
        }
    }

    /** Stops deciding; a leader is deposed ("shutting down") first. */
    @Override
    public void close() {
        try {
            thread.ask(() -> {
                if (leading) {
                    depose("it is shutting down");
                }
                closed = true;
                return null;
            }).exceptionally(t -> null).join();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "leadership already closed");
        }
        replicas.close();
        unsubscribe.forEach(u -> {
            try {
                u.run();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "removing a cluster listener failed: " + e);
            }
        });
        thread.close();
    }
}
