package io.mezzo.internal.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.fetch.FetcherConfig;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.container.PluginLease;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.spi.Allocator;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A standby's rehearsal of leading, once, soon after it starts. A master that was never
 * elected has never run a leader's code: the first failover to it would run that code
 * interpreted while the JIT compiles it, on the cores the failover needs (measured: the
 * compiler threads were the largest consumer of CPU in a new leader's first second). So the
 * standby leads a cluster of its own for a few seconds: {@link #TERMS} terms, each a new
 * {@link Master} over a scratch store in the real Hazelcast cluster (maps named {@code
 * rehearsal.<id>.*}, which the disk mirror leaves alone), served by an HTTP server of its
 * own on 127.0.0.1, with {@link #AGENTS} in-process agents that register and re-register and
 * one framework that subscribes, re-subscribes and declines offers. Every term after the
 * first recovers from what the one before stored, as a real new leader does. Then everything
 * closes and the scratch maps are destroyed.
 *
 * <p>It uses an allocator instance of its own ({@link AllocatorSource#lease()}); when the
 * allocator plugin offers none (a singleton service) there is no rehearsal. While it runs,
 * the master, agent, HTTP and scheduler loggers say only warnings and errors ({@link
 * QuietLogs}): a standby logs nothing of its own there, and the rehearsal's lines would read
 * as if this master led. It ends early, its loggers back at once, when this master is elected
 * or stops ({@link #stop()}), and at the latest after {@link #LIMIT} on the injected clock.
 */
final class Rehearsal {
    private static final Logger LOG = System.getLogger(Rehearsal.class.getName());

    static final int AGENTS = 100;
    static final int TERMS = 4;
    static final Duration LIMIT = Duration.ofSeconds(60);
    /** Prefix of the scratch maps; not {@code mezzo}, so neither mirrored to disk nor read as state. */
    static final String NAMESPACE = "rehearsal";
    private static final Duration AGENT_BACKOFF = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final MasterParts parts;
    private final MasterConfig config;
    private final HazelcastInstance hazelcast;
    private final int agentCount;
    private final int termCount;
    private final String namespace = NAMESPACE + "." + UUID.randomUUID();
    private final QuietLogs quiet = new QuietLogs();
    private final CompletableFuture<String> outcome = new CompletableFuture<>();
    private final Thread thread;
    /** Why the rehearsal ends early (stopped, or past its limit); null while it may go on. */
    private volatile RuntimeException cut;
    private volatile CompletableFuture<Void> waiting = new CompletableFuture<>();

    private record Term(Master master, HazelcastMasterStore store, PluginLease<Allocator> allocator) {}

    private Rehearsal(MasterParts parts, MasterConfig config, HazelcastInstance hazelcast, int agentCount,
                      int termCount) {
        this.parts = parts;
        this.config = config;
        this.hazelcast = hazelcast;
        this.agentCount = agentCount;
        this.termCount = termCount;
        this.thread = new Thread(this::run, "mezzo-rehearsal");
        this.thread.setDaemon(true);
    }

    /** Starts a rehearsal of {@link #TERMS} terms with {@link #AGENTS} agents; returns at once. */
    static Rehearsal start(MasterParts parts, MasterConfig config, HazelcastInstance hazelcast) {
        return start(parts, config, hazelcast, AGENTS, TERMS);
    }

    static Rehearsal start(MasterParts parts, MasterConfig config, HazelcastInstance hazelcast, int agents,
                           int terms) {
        if (agents < 1 || terms < 1) {
            throw new IllegalArgumentException("a rehearsal needs agents and terms, not " + agents + " and " + terms);
        }
        Rehearsal rehearsal = new Rehearsal(parts, config, hazelcast, agents, terms);
        rehearsal.thread.start();
        return rehearsal;
    }

    /** Completes with what was rehearsed (or why not), exceptionally when it failed or was stopped. */
    CompletableFuture<String> outcome() {
        return outcome;
    }

    /**
     * Ends the rehearsal wherever it is, without waiting: the master's and HTTP API's loggers
     * speak again at once (this master may be starting a term), the rest closes on the
     * rehearsal's own thread, the master and its server first.
     */
    void stop() {
        quiet.restoreLeaderParts();
        cut(new CancellationException("stopped"));
    }

    private void cut(RuntimeException why) {
        if (cut == null) {
            cut = why;
        }
        waiting.completeExceptionally(cut);
    }

    /** Throws why the rehearsal was cut short, if it was. */
    private void goOn() {
        RuntimeException why = cut;
        if (why != null) {
            throw why;
        }
    }

    /** Stops the rehearsal and waits (bounded) until everything it started is closed. */
    void close() {
        stop();
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Optional<PluginLease<Allocator>> first = parts.allocators().lease();
        if (first.isEmpty()) {
            String why = "the allocator plugin offers no instance of its own (none is installed, or it is not"
                    + " prototype-scoped)";
            outcome.complete("no rehearsal: " + why);
            LOG.log(Level.INFO, "not rehearsing a term as leader: " + why);
            return;
        }
        long began = parts.time().nanoTime();
        TimeSource.Cancellable limit = parts.time().schedule(LIMIT, () -> cut(
                new IllegalStateException("not done within " + LIMIT.toSeconds() + " s")));
        Path dir = null;
        MasterHttpServer server = null;
        Optional<Term> term = Optional.empty();
        List<Agent> agents = new ArrayList<>();
        OfferCoverage framework = null;
        quiet.apply();
        try {
            dir = Files.createTempDirectory("mezzo-rehearsal");
            server = new MasterHttpServer(parts.vertx(), parts.time(), Version.VALUE);
            int port = server.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
            MasterConfig own = rehearsalConfig(port);
            framework = new OfferCoverage(agentCount);
            for (int n = 1; n <= termCount; n++) {
                goOn();
                server.standby();
                term.ifPresent(Rehearsal::end);
                term = Optional.empty();
                PluginLease<Allocator> allocator = n == 1 ? first.get() : nextLease(n);
                term = Optional.of(begin(own, n, allocator));
                CompletableFuture<Void> covered = framework.expectFrom(term.get().master().info().id());
                waiting = covered;
                goOn();
                server.serve(term.get().master());
                if (n == 1) {
                    startAgents(agents, dir, port);
                    framework.start(new HttpSchedulerConnection(List.of(URI.create("http://127.0.0.1:" + port)),
                            parts.time()));
                }
                covered.join();
            }
            String done = termCount + " terms with " + agentCount + " agents and a framework in "
                    + (parts.time().nanoTime() - began) / 1_000_000 + " ms";
            tearDown(framework, agents, server, term, dir, first.get());
            LOG.log(Level.INFO, "rehearsed leading: " + done);
            outcome.complete(done);
        } catch (RuntimeException | IOException e) {
            tearDown(framework, agents, server, term, dir, first.get());
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (!(cause instanceof CancellationException)) {
                LOG.log(Level.INFO, "rehearsing a term as leader did not finish: " + cause);
            }
            outcome.completeExceptionally(cause);
        } finally {
            limit.cancel();
        }
    }

    private PluginLease<Allocator> nextLease(int term) {
        return parts.allocators().lease().orElseThrow(() -> new IllegalStateException(
                "the allocator plugin offered no instance of its own for term " + term));
    }

    private MasterConfig rehearsalConfig(int port) {
        return new MasterConfig("127.0.0.1", "127.0.0.1", port, config.allocationInterval(), config.defaultRefuse(),
                config.agentPingTimeout(), config.maxAgentPingTimeouts(), config.agentReregisterTimeout(),
                config.maxCompletedFrameworks(), config.maxCompletedTasksPerFramework(), config.offerTimeout(),
                config.allocatorOptions(), config.weights(), config.allocatorRecoveryFactor());
    }

    private Term begin(MasterConfig own, long epoch, PluginLease<Allocator> allocator) {
        HazelcastMasterStore store = new HazelcastMasterStore(hazelcast, namespace);
        MasterInfo info = new MasterInfo(UUID.randomUUID().toString(), own.ip(), own.port(), own.hostname(),
                Version.VALUE);
        Master master = new Master(own, info, parts.time(), store, AllocatorSource.fixed(allocator.plugin()),
                parts.guard(), Map.of(), AuthorizerHost.allowingAll(), epoch);
        Term term = new Term(master, store, allocator);
        try {
            master.start().join();
        } catch (RuntimeException e) {
            end(term);
            throw e;
        }
        return term;
    }

    private static void end(Term term) {
        term.store().fence();
        term.master().close();
        term.allocator().close();
    }

    private void startAgents(List<Agent> agents, Path dir, int port) throws IOException {
        List<MasterAddress> masters = List.of(new MasterAddress("127.0.0.1", port));
        for (int i = 0; i < agentCount && cut == null; i++) {
            AgentConfig agent = new AgentConfig(masters, Files.createDirectories(dir.resolve("agent-" + i)),
                    "rehearsal-" + i, 0, Resources.parse("cpus:4;mem:4096"), List.of(),
                    AgentConfig.DEFAULT_KILL_GRACE_PERIOD, false, AGENT_BACKOFF, Optional.empty(), Optional.empty(),
                    FetcherConfig.defaults(), AgentConfig.defaultHdfs(), Duration.ZERO, false);
            Agent started = new Agent(agent, parts.vertx(), parts.time(), Optional::empty, new Random(i));
            agents.add(started);
            started.start();
        }
    }

    /**
     * Closes what the rehearsal started: the master and its server first (a master elected
     * meanwhile logs in their packages again), then the framework and the agents, the scratch
     * maps and directory; the loggers are given back last.
     */
    private void tearDown(OfferCoverage framework, List<Agent> agents, MasterHttpServer server, Optional<Term> term,
                          Path dir, PluginLease<Allocator> first) {
        if (server != null) {
            server.standby();
        }
        term.ifPresent(t -> {
            try {
                end(t);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "ending the rehearsed term failed: " + e);
            }
        });
        first.close(); // unless the first term's end closed it already (closing twice is harmless)
        closeQuietly("the HTTP server", server);
        closeQuietly("the framework", framework);
        agents.forEach(a -> closeQuietly("an agent", a));
        try {
            new HazelcastMasterStore(hazelcast, namespace).destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "destroying the rehearsal's maps failed: " + e);
        }
        if (dir != null) {
            deleteTree(dir);
        }
        quiet.restore();
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.DEBUG, "removing the rehearsal's directory " + dir + " failed: " + e);
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing " + what + " of the rehearsal failed: " + e);
        }
    }
}
