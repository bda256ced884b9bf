package io.mezzo.internal.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.cluster.DiskMirror;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.cluster.ParsedRecords;
import io.mezzo.internal.cluster.Leadership;
import io.mezzo.internal.hosting.DeployedScripts;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterStore;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts a {@link Master} over the replicated store when this process is elected, and stops it
 * when it is deposed. Called on the leadership thread only, one call at a time.
 *
 * <p>Each term is a new master with a new id (framework and agent ids it makes start with
 * it, so terms never collide) and the term's epoch; its store is fenced the moment the term
 * ends, before its streams close.
 */
final class LeaderTerms implements Leadership.Listener {
    private static final Logger LOG = System.getLogger(LeaderTerms.class.getName());

    /** How long a new leader waits for lost partitions to be refilled from disk before reading the state. */
    private static final java.time.Duration REFILL_LIMIT = java.time.Duration.ofSeconds(5);
    /** A standby reads the replicated state again this often, to have it parsed when it is elected. */
    static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(30);

    private final MasterParts parts;
    private final MasterConfig config;
    private final HazelcastInstance hazelcast;
    private final MasterHttpServer server;
    private final Optional<HostedFrameworks> hosted;
    private final Map<String, String> flags;
    private final AuthorizerHost authorizer;
    private final Optional<DiskMirror> mirror;
    private volatile Optional<Term> current = Optional.empty();
    /** What the stored records parsed to at the last read, shared by the reads ahead and the terms. */
    private final ParsedRecords parsed = new ParsedRecords();
    private volatile TimeSource.Cancellable readAheadTimer;
    /** The standby's rehearsal of leading, while it runs or until this closes. */
    private volatile Optional<Rehearsal> rehearsal = Optional.empty();
    private boolean rehearsed;
    private volatile boolean closed;
    private final java.util.concurrent.CompletableFuture<Master> firstTerm = new java.util.concurrent.CompletableFuture<>();

    private record Term(Master master, HazelcastMasterStore store, Optional<DeployedScripts> deployed) {}

    LeaderTerms(MasterParts parts, MasterConfig config, HazelcastInstance hazelcast, MasterHttpServer server,
                Optional<HostedFrameworks> hosted, Map<String, String> flags, AuthorizerHost authorizer,
                Optional<DiskMirror> mirror) {
        this.mirror = mirror;
        this.parts = parts;
        this.config = config;
        this.hazelcast = hazelcast;
        this.server = server;
        this.hosted = hosted;
        this.flags = Map.copyOf(flags);
        this.authorizer = authorizer;
    }

    MasterConfig config() {
        return config;
    }

    Optional<Master> current() {
        return current.map(Term::master);
    }

    /**
     * Builds the JSON readers and writers of every stored record and of the agent protocol,
     * then reads the replicated state, on a worker: the first use in a JVM costs about 0.4 s,
     * which a standby would otherwise spend after it was elected, while agents and frameworks
     * wait. The state read is kept parsed ({@link ParsedRecords}) and read again every {@link
     * #REFRESH} while this master does not lead, so that a term parses only what changed since.
     * Read-only, so a term starting meanwhile is not disturbed.
     */
    void warmUp() {
        parts.vertx().executeBlocking(() -> {
            MezzoJson.warmUp(MasterStore.StoredAgent.class, MasterStore.StoredFramework.class, Task.class,
                    AgentCall.class, AgentEvent.class);
            return null;
        }, false).onComplete(done -> {
            if (done.failed()) {
                LOG.log(Level.DEBUG, "warming up the JSON readers failed: " + done.cause());
            }
            readAhead();
        });
    }

    /**
     * Rehearses leading ({@link Rehearsal}) once, as soon as {@code leadership} names another
     * master as the leader: then this one is a standby for a while, and the cluster it would
     * otherwise compete with for CPU at its start has formed.
     */
    void rehearseOnceAnotherLeads(Leadership leadership) {
        Runnable check = () -> {
            Leadership.View view = leadership.view();
            if (!view.leading() && view.leader().isPresent() && !view.leader().get().address().equals(view.self())) {
                rehearse();
            }
        };
        leadership.onViewChange(check);
        check.run();
    }

    private synchronized void rehearse() {
        if (!closed && current.isEmpty() && !rehearsed) {
            rehearsed = true;
            rehearsal = Optional.of(Rehearsal.start(parts, config, hazelcast));
        }
    }

    private void readAhead() {
        if (closed || current.isPresent()) {
            scheduleReadAhead();
            return;
        }
        parts.vertx().executeBlocking(() -> {
            try {
                MasterStore.Contents contents = new HazelcastMasterStore(hazelcast, "mezzo", parsed).load();
                LOG.log(Level.DEBUG, () -> "read the replicated state ahead of a term: " + contents.agents().size()
                        + " agents, " + contents.frameworks().size() + " frameworks, " + contents.tasks().size()
                        + " tasks");
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "reading the replicated state ahead of a term failed: " + e);
            }
            return null;
        }, false).onComplete(done -> scheduleReadAhead());
    }

    private void scheduleReadAhead() {
        if (!closed) {
            readAheadTimer = parts.time().schedule(REFRESH, this::readAhead);
        }
    }

    /** Stops reading the state ahead of terms. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        rehearsal.ifPresent(Rehearsal::close);
        TimeSource.Cancellable timer = readAheadTimer;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** A fully restarted cluster (or lone master) takes its state, epoch included, from disk. */
    @Override
    public void beforeFirstClaim() {
        mirror.ifPresent(m -> {
            try {
                int loaded = m.seedIfEmpty();
                LOG.log(Level.INFO, "loaded " + loaded + " replicated entries from disk");
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "could not load the replicated state from disk", e);
            }
        });
    }

    @Override
    public void elected(long epoch) {
        synchronized (this) {
            // Its loggers speak again at once; its parts close on its own thread meanwhile.
            rehearsal.ifPresent(Rehearsal::stop);
        }
        // Partitions lost with the last leader come back from the disk copy before the state is read.
        mirror.ifPresent(m -> m.awaitRefills(REFILL_LIMIT));
        HazelcastMasterStore store = new HazelcastMasterStore(hazelcast, "mezzo", parsed);
        MasterInfo info = new MasterInfo(UUID.randomUUID().toString(), config.ip(), config.port(), config.hostname(),
                Version.VALUE);
        Master master = new Master(config, info, parts.time(), store, parts.allocators(), parts.guard(), flags,
                authorizer, epoch);
        try {
            master.start().join();
        } catch (RuntimeException e) {
            store.fence();
            master.close();
            firstTerm.completeExceptionally(e);
            throw e;
        }
        server.serve(master, hosted);
        // Scripts hosted by an earlier leader come back here, with their framework ids.
        hosted.ifPresent(h -> h.resume().whenComplete((resumed, failure) -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "resuming hosted frameworks failed", failure);
            } else if (!resumed.isEmpty()) {
                LOG.log(Level.INFO, "resumed " + resumed.size() + " hosted frameworks");
            }
        }));
        Optional<DeployedScripts> deployed = hosted.flatMap(h -> parts.deployDir().map(dir ->
                new DeployedScripts(dir, h, parts.time()).start()));
        current = Optional.of(new Term(master, store, deployed));
        firstTerm.complete(master);
    }

    /** Completes when this process first leads (a lone master: at once). */
    java.util.concurrent.CompletableFuture<Master> firstTerm() {
        return firstTerm;
    }

    @Override
    public void deposed(String why) {
        Optional<Term> term = current;
        current = Optional.empty();
        server.standby();
        term.ifPresent(t -> {
            t.store().fence();
            t.deployed().ifPresent(DeployedScripts::close);
            // Stopped without teardown and left in the store: the next leader resumes them.
            hosted.ifPresent(HostedFrameworks::suspend);
            t.master().close();
            LOG.log(Level.INFO, "master " + t.master().info().id() + " (epoch " + t.master().epoch()
                    + ") stopped: " + why);
        });
    }
}
