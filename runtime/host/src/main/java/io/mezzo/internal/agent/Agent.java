package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.agent.fetch.Fetcher;
import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.Launcher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A Mezzo agent: registers with a master, runs the tasks it is sent as processes in Mesos
 * sandboxes, and delivers their status updates reliably.
 *
 * <p>One {@link ActorThread} owns all of the agent's state (tasks, update streams,
 * registration). Vert.x handlers and timers only hand it events; sandbox creation and
 * launches run on a small worker pool and report back to it.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Agent.class.getName());
    private static final Duration ACTOR_ANSWER_WAIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_DESTROY_WAIT = Duration.ofSeconds(10);
    private static final Duration LAUNCHER_RETRY = Duration.ofMillis(100);
    private static final String VERSION = Optional.ofNullable(Agent.class.getPackage().getImplementationVersion())
            .orElse("dev");

    private final AgentConfig config;
    private final ActorThread actor;
    private final ExecutorService worker;
    private final HttpClient http;
    private final StatusUpdateStreams streams;
    private final CheckpointWriter checkpoints;
    private final MasterLink link;
    private final AgentTasks tasks;
    private final Supplier<Optional<Launcher>> launcher;
    private final TimeSource time;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the actor.
    private Optional<AgentId> agentId = Optional.empty();
    private boolean waitingForLauncher;

    /** An agent without HDFS: {@code hdfs://} URIs fail saying no HDFS service is installed. */
    public Agent(AgentConfig config, Vertx vertx, TimeSource time, Supplier<Optional<Launcher>> launcher,
                 RandomGenerator random) {
        this(config, vertx, time, launcher, random, HdfsAccess.none(config.hdfs()));
    }

    /**
     * @param hdfs serves the fetcher's {@code hdfs://} URIs
     * @throws IllegalStateException when the fetcher cache directory cannot be prepared
     */
    public Agent(AgentConfig config, Vertx vertx, TimeSource time, Supplier<Optional<Launcher>> launcher,
                 RandomGenerator random, HdfsClient hdfs) {
        this(config, vertx, time, launcher, random, hdfs, JsTaskHdfs.of(config.hdfs(), Optional::empty));
    }

    /**
     * @param hdfs   serves the fetcher's {@code hdfs://} URIs
     * @param jsHdfs how JS tasks reach HDFS themselves ({@code task.hdfs})
     * @throws IllegalStateException when the fetcher cache directory cannot be prepared
     */
    public Agent(AgentConfig config, Vertx vertx, TimeSource time, Supplier<Optional<Launcher>> launcher,
                 RandomGenerator random, HdfsClient hdfs, JsTaskHdfs jsHdfs) {
        this.config = config;
        this.launcher = launcher;
        this.time = time;
        Fetcher fetcher;
        try {
            fetcher = Fetcher.start(config.fetcher(), config.workDir(), hdfs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the fetcher cache in "
                    + config.fetcher().cacheDirIn(config.workDir()) + ": " + e.getMessage(), e);
        }
        this.actor = new ActorThread("mezzo-agent");
        AtomicInteger workers = new AtomicInteger();
        this.worker = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mezzo-agent-worker-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = vertx.createHttpClient(clientOptions(config.tls()), new PoolOptions().setHttp1MaxSize(8));
        // Created off any Vert.x thread, this is a fresh event-loop context of the agent's own.
        Context loop = vertx.getOrCreateContext();
        // Timers and HTTP callbacks that come in after close() have nothing left to do.
        Executor lateTolerant = this::actorExecute;
        this.streams = new StatusUpdateStreams(time, lateTolerant, this::sendUpdate);
        this.checkpoints = new CheckpointWriter(config.checkpoint()
                ? Optional.of(AgentCheckpoint.in(config.workDir())) : Optional.empty(), streams);
        this.link = new MasterLink(config, http, loop, time, lateTolerant, random, new LinkOwner());
        StatusFactory statuses = new StatusFactory(time, random);
        this.tasks = new AgentTasks(streams, checkpoints, statuses, new TaskRunner.Context(time, actor, worker,
                launcher, statuses, config.workDir(), config.switchUser(), config.defaultKillGracePeriod(),
                agentEnvironment(), fetcher, jsHdfs, config.checkpoint()));
    }

    /** With TLS, every request to a master is HTTPS, checked against the CA (or the JDK's trust) and the host name. */
    private static HttpClientOptions clientOptions(Optional<ClientTls> tls) {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(10_000);
        tls.ifPresent(t -> {
            options.setSsl(true).setVerifyHost(true);
            t.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        });
        return options;
    }

    private static Map<String, String> agentEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "LANG")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return Map.copyOf(env);
    }

    /**
     * Begins registering with the first master; returns at once. A checkpointing agent first
     * recovers what its checkpoint records ({@link AgentRecovery}), and registers with it.
     */
    public void start() {
        actor.execute(this::recoverThenRegister);
    }

    private void recoverThenRegister() {
        if (checkpoints.checkpoint().isEmpty() || closed.get()) {
            link.start();
            return;
        }
        AgentCheckpoint checkpoint = checkpoints.checkpoint().get();
        List<AgentCheckpoint.Task> recorded = checkpoint.tasks();
        Optional<Launcher> available = launcher.get();
        if (available.isEmpty() && AgentRecovery.needsLauncher(recorded)) {
            // Without a launcher, a recorded process still running would be taken for gone.
            if (!waitingForLauncher) {
                waitingForLauncher = true;
                LOG.log(Level.WARNING, "waiting for a launcher plugin to recover the tasks recorded in "
                        + checkpoint.directory() + "; the agent registers once it has them");
            }
            time.schedule(LAUNCHER_RETRY, () -> actorExecute(this::recoverThenRegister));
            return;
        }
        tasks.adopt(checkpoint, recorded, available, id -> agentId = id);
        link.start();
    }

    private void actorExecute(Runnable step) {
        try {
            actor.execute(step);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "agent closed; dropping a late timer or callback");
        }
    }

    /** The agent's id, master and tasks, as the actor sees them now. */
    public CompletableFuture<AgentSnapshot> snapshot() {
        return actor.ask(() -> new AgentSnapshot(agentId, link.master(), tasks.table().views(streams)));
    }

    /**
     * Stops the agent: leaves the master, SIGTERMs every task, SIGKILLs what is left after
     * the default kill grace period (real time: the agent is going away), then stops its
     * threads and its HTTP client. A checkpointing agent leaves its tasks running instead, for
     * the next start to take up again (as a Mesos agent stopped with SIGTERM does).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> running = onActor(this::beginShutdown).orElse(List.of());
        if (checkpoints.enabled()) {
            LOG.log(Level.INFO, "leaving " + running.stream().filter(f -> !f.isDone()).count()
                    + " task(s) running; they are taken up again when this agent starts with " + config.workDir());
        } else if (!awaitAll(running, config.defaultKillGracePeriod())) {
            onActor(() -> {
                tasks.table().destroyAll();
                return null;
            });
            if (!awaitAll(running, CLOSE_DESTROY_WAIT)) {
                LOG.log(Level.WARNING, "some task processes had not ended " + CLOSE_DESTROY_WAIT.toSeconds()
                        + " s after SIGKILL");
            }
        }
        worker.shutdown();
        try {
            worker.awaitTermination(CLOSE_DESTROY_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        actor.close();
        http.close();
        LOG.log(Level.INFO, "agent stopped");
    }

    private List<CompletableFuture<Void>> beginShutdown() {
        link.close();
        streams.pause();
        return checkpoints.enabled() ? tasks.table().running() : tasks.table().killAll();
    }

    private <T> Optional<T> onActor(Supplier<T> query) {
        try {
            return Optional.ofNullable(actor.ask(query).get(ACTOR_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "agent actor did not answer while closing", e);
        }
        return Optional.empty();
    }

    private static boolean awaitAll(List<CompletableFuture<Void>> futures, Duration wait) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    // ---- events from the master (on the actor) ----

    private void sendUpdate(FrameworkId framework, TaskStatus status) {
        agentId.ifPresent(id -> link.send(new AgentCall.Update(id, framework, status)));
    }

    private AgentCall.Register registration() {
        TaskTable.RegisterPayload carried = tasks.table().payload();
        AgentInfo info = new AgentInfo(config.hostname(), config.port(), config.resources(), config.attributes());
        return new AgentCall.Register(agentId, info, carried.frameworks(), carried.tasks(), VERSION);
    }

    private final class LinkOwner implements MasterLink.Owner {
        @Override
        public AgentCall.Register registration() {
            return Agent.this.registration();
        }

        @Override
        public void registered(AgentEvent.Registered event, MasterAddress master) {
            Optional<AgentId> before = agentId;
            agentId = Optional.of(event.agentId());
            if (!before.equals(agentId)) {
                checkpoints.agentId(event.agentId());
            }
            String term = event.epoch() > 0 ? " (epoch " + event.epoch() + ")" : "";
            if (before.isEmpty()) {
                LOG.log(Level.INFO, "registered with master " + master + term + " as agent '" + event.agentId() + "'");
            } else if (before.get().equals(event.agentId())) {
                LOG.log(Level.INFO, "re-registered with master " + master + term + " as agent '" + event.agentId()
                        + "' with " + tasks.table().size() + " task(s)");
            } else {
                LOG.log(Level.WARNING, "master " + master + " registered this agent as '" + event.agentId()
                        + "', not as '" + before.get() + "'; carrying on under the new id");
            }
            streams.resume();
        }

        @Override
        public void handle(AgentEvent event) {
            if (event instanceof AgentEvent.LaunchTask e) {
                tasks.launch(e, agentId.orElseThrow());
            } else if (event instanceof AgentEvent.KillTask e) {
                tasks.kill(e);
            } else if (event instanceof AgentEvent.Acknowledge e) {
                tasks.acknowledge(e);
            } else if (event instanceof AgentEvent.ShutdownFramework e) {
                tasks.shutdownFramework(e);
            } else {
                LOG.log(Level.DEBUG, () -> "ignoring unexpected event " + event);
            }
        }

        @Override
        public void disconnected() {
            streams.pause();
        }
    }
}
