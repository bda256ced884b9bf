package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.agent.fetch.Fetcher;
import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
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
import java.util.OptionalLong;
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
    private static final String VERSION = Optional.ofNullable(Agent.class.getPackage().getImplementationVersion())
            .orElse("dev");

    private final AgentConfig config;
    private final ActorThread actor;
    private final ExecutorService worker;
    private final HttpClient http;
    private final StatusFactory statuses;
    private final StatusUpdateStreams streams;
    private final MasterLink link;
    private final TaskRunner.Context runContext;
    private final TaskRunner.Effects runEffects = new RunEffects();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the actor.
    private Optional<AgentId> agentId = Optional.empty();
    private final TaskTable tasks = new TaskTable();

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
        this.statuses = new StatusFactory(time, random);
        // Timers and HTTP callbacks that come in after close() have nothing left to do.
        Executor lateTolerant = command -> {
            try {
                actor.execute(command);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "agent closed; dropping a late timer or callback");
            }
        };
        this.streams = new StatusUpdateStreams(time, lateTolerant, this::sendUpdate);
        this.link = new MasterLink(config, http, loop, time, lateTolerant, random, new LinkOwner());
        this.runContext = new TaskRunner.Context(time, actor, worker, launcher, statuses, config.workDir(),
                config.switchUser(), config.defaultKillGracePeriod(), agentEnvironment(), fetcher, jsHdfs);
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

    /** Begins registering with the first master; returns at once. */
    public void start() {
        actor.execute(link::start);
    }

    /** The agent's id, master and tasks, as the actor sees them now. */
    public CompletableFuture<AgentSnapshot> snapshot() {
        return actor.ask(() -> new AgentSnapshot(agentId, link.master(), tasks.views(streams)));
    }

    /**
     * Stops the agent: leaves the master, SIGTERMs every task, SIGKILLs what is left after
     * the default kill grace period (real time: the agent is going away), then stops its
     * threads and its HTTP client.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> running = onActor(this::beginShutdown).orElse(List.of());
        if (!awaitAll(running, config.defaultKillGracePeriod())) {
            onActor(() -> {
                tasks.destroyAll();
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
        return tasks.killAll();
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

    private void launch(AgentEvent.LaunchTask event) {
        TaskSpec task = event.task();
        FrameworkId frameworkId = event.frameworkId();
        if (task == null || frameworkId == null) {
            LOG.log(Level.WARNING, "ignoring LAUNCH_TASK without a task or a framework id");
            return;
        }
        TaskId id = task.taskId();
        if (tasks.has(id)) {
            // Any status now would read as news of the run this agent already has.
            LOG.log(Level.WARNING, "ignoring LAUNCH_TASK for task '" + id + "': this agent already has it");
            return;
        }
        AgentId self = agentId.orElseThrow();
        Optional<String> invalid = LaunchCheck.problem(event, self);
        if (invalid.isPresent()) {
            LOG.log(Level.WARNING, "refusing task '" + id + "': " + invalid.get());
            TaskStatus status = statuses.status(origin(id), TaskState.TASK_ERROR, StatusSource.SOURCE_AGENT,
                    Optional.of(Reason.REASON_TASK_INVALID), invalid);
            streams.enqueue(frameworkId, status);
            return;
        }
        TaskRunner run = new TaskRunner(runContext, runEffects, self, frameworkId, event.framework(), task,
                new ContainerId(statuses.uuid().toString()));
        tasks.add(run);
        LOG.log(Level.INFO, "launching task '" + id + "' of framework '" + frameworkId + "'");
        run.launch(self);
    }

    private StatusFactory.Origin origin(TaskId id) {
        return new StatusFactory.Origin(id, agentId.orElseThrow(), Optional.empty(), OptionalLong.empty());
    }

    private void kill(AgentEvent.KillTask event) {
        TaskRunner run = tasks.get(event.taskId());
        if (run == null || !run.frameworkId().equals(event.frameworkId())) {
            // The master reconciles tasks it thinks are here.
            LOG.log(Level.DEBUG, () -> "ignoring KILL_TASK for unknown task '" + event.taskId() + "'");
            return;
        }
        run.kill(event.gracePeriod());
    }

    private void acknowledge(AgentEvent.Acknowledge event) {
        TaskRunner run = tasks.get(event.taskId());
        if (run != null && !run.frameworkId().equals(event.frameworkId())) {
            LOG.log(Level.DEBUG, () -> "ignoring ACKNOWLEDGE for task '" + event.taskId()
                    + "' from framework '" + event.frameworkId() + "', which does not own it");
            return;
        }
        streams.acknowledge(event.taskId(), event.uuid()).ifPresent(acked -> {
            if (run != null) {
                forgetIfDone(run);
            }
        });
    }

    private void shutdownFramework(AgentEvent.ShutdownFramework event) {
        FrameworkId framework = event.frameworkId();
        LOG.log(Level.INFO, "shutting down framework '" + framework + "': killing its tasks");
        streams.dropFramework(framework);
        tasks.dropFramework(framework).forEach(run -> run.kill(Optional.empty()));
    }

    private void forgetIfDone(TaskRunner run) {
        TaskId id = run.task().taskId();
        if (tasks.forgetIfDone(run, streams.pending(id))) {
            LOG.log(Level.DEBUG, () -> "forgot task '" + id + "'");
        }
    }

    private void sendUpdate(FrameworkId framework, TaskStatus status) {
        agentId.ifPresent(id -> link.send(new AgentCall.Update(id, framework, status)));
    }

    private AgentCall.Register registration() {
        TaskTable.RegisterPayload carried = tasks.payload();
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
            String term = event.epoch() > 0 ? " (epoch " + event.epoch() + ")" : "";
            if (before.isEmpty()) {
                LOG.log(Level.INFO, "registered with master " + master + term + " as agent '" + event.agentId() + "'");
            } else if (before.get().equals(event.agentId())) {
                LOG.log(Level.INFO, "re-registered with master " + master + term + " as agent '" + event.agentId()
                        + "' with " + tasks.size() + " task(s)");
            } else {
                LOG.log(Level.WARNING, "master " + master + " registered this agent as '" + event.agentId()
                        + "', not as '" + before.get() + "'; carrying on under the new id");
            }
            streams.resume();
        }

        @Override
        public void handle(AgentEvent event) {
            if (event instanceof AgentEvent.LaunchTask e) {
                launch(e);
            } else if (event instanceof AgentEvent.KillTask e) {
                kill(e);
            } else if (event instanceof AgentEvent.Acknowledge e) {
                acknowledge(e);
            } else if (event instanceof AgentEvent.ShutdownFramework e) {
                shutdownFramework(e);
            } else {
                LOG.log(Level.DEBUG, () -> "ignoring unexpected event " + event);
            }
        }

        @Override
        public void disconnected() {
            streams.pause();
        }
    }

    private final class RunEffects implements TaskRunner.Effects {
        @Override
        public void publish(TaskRunner run, TaskStatus status) {
            // Runs of shut-down frameworks are no longer reported: nothing of them is sent.
            if (tasks.reports(run)) {
                streams.enqueue(run.frameworkId(), status);
            }
        }

        @Override
        public void gone(TaskRunner run) {
            tasks.gone(run);
            forgetIfDone(run);
        }
    }
}
