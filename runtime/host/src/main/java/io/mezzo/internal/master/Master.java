package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The master: the single writer of cluster state. Every public method may be called from
 * any thread; each becomes a command on the master's own thread, where all state lives.
 * Nothing here knows HTTP or Hazelcast: the adapters in {@code http} and {@code cluster}
 * sit at its edges (streams, {@link MasterStore}).
 */
public final class Master implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Master.class.getName());

    private final ActorThread thread;
    private final MasterContext ctx;
    private final AllocatorSource allocators;
    private final OfferBook offers;
    private final TaskUpdates tasks;
    private final Launches launches;
    private final Frameworks frameworks;
    private final Agents agents;
    private final Policies policies;
    private final Map<String, String> flags;
    private final Instant startTime;
    private boolean allocationQueued;
    private OfferHold offerHold = OfferHold.none();
    private volatile boolean closed;

    /** A master that authorizes nothing: every subscription and launch is allowed. */
    public Master(MasterConfig config, MasterInfo info, TimeSource time, MasterStore store,
                  AllocatorSource allocators, PluginGuard guard, Map<String, String> flags) {
        this(config, info, time, store, allocators, guard, flags, AuthorizerHost.allowingAll());
    }

    /**
     * @param authorizer decides subscriptions ({@code register_frameworks}) and launches
     *                   ({@code run_tasks}) here, and the HTTP API's checks; its owner closes it
     */
    public Master(MasterConfig config, MasterInfo info, TimeSource time, MasterStore store,
                  AllocatorSource allocators, PluginGuard guard, Map<String, String> flags,
                  AuthorizerHost authorizer) {
        this(config, info, time, store, allocators, guard, flags, authorizer, 0);
    }

    /**
     * @param epoch this master's leadership term (0 outside an elected cluster): agents get it
     *              in REGISTERED and refuse a master whose term is older than one they saw
     */
    public Master(MasterConfig config, MasterInfo info, TimeSource time, MasterStore store,
                  AllocatorSource allocators, PluginGuard guard, Map<String, String> flags,
                  AuthorizerHost authorizer, long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, not " + epoch);
        }
        this.thread = new ActorThread("mezzo-master");
        this.allocators = allocators;
        this.flags = Map.copyOf(flags);
        this.startTime = time.instant();
        MasterMetrics metrics = new MasterMetrics();
        OfferBook[] book = new OfferBook[1];
        AllocatorHost allocator = new AllocatorHost(guard, time, config.allocatorOptions(), this::execute,
                a -> book[0].onAllocation(a));
        this.ctx = new MasterContext(config, info, time, store, allocator, metrics, this::requestAllocation,
                this::execute, authorizer, epoch);
        this.offers = new OfferBook(ctx);
        book[0] = offers;
        this.tasks = new TaskUpdates(ctx);
        this.launches = new Launches(ctx, offers);
        this.frameworks = new Frameworks(ctx, offers, tasks, this::execute);
        this.agents = new Agents(ctx, offers, tasks, frameworks);
        this.policies = new Policies(ctx);
    }

    /** Recovers stored state, picks the allocator and starts the timers. */
    public CompletableFuture<Void> start() {
        long reading = ctx.time.nanoTime();
        MasterStore.Contents stored = ctx.store.load();
        LOG.log(Level.INFO, () -> "read the stored state in " + (ctx.time.nanoTime() - reading) / 1_000_000 + " ms");
        allocators.onChange(() -> execute(this::allocatorChanged));
        return thread.ask(() -> {
            ctx.allocator.switchTo(allocators.current());
            policies.recover(stored);
            offerHold = new Recovery(ctx, frameworks).recover(stored);
            every(ctx.config.allocationInterval(), this::tick);
            every(ctx.config.agentPingTimeout(), this::heartbeatAgents);
            LOG.log(Level.INFO, "master " + ctx.info.id() + " is leading at " + ctx.info.ip() + ":" + ctx.info.port()
                    + " with allocator " + ctx.allocator.currentName());
            return null;
        });
    }

    public MasterInfo info() {
        return ctx.info;
    }

    /** The leadership term this master acts in (0 outside an elected cluster). */
    public long epoch() {
        return ctx.epoch;
    }

    /** Whether offers still wait for recovered agents to re-register (see {@link OfferHold}). */
    public CompletableFuture<Boolean> holdingOffers() {
        return thread.ask(() -> offerHold.holding(ctx.now(), ctx.state.agents));
    }

    public MasterMetrics metrics() {
        return ctx.metrics;
    }

    /** The authorizer the master and its HTTP API ask. */
    public AuthorizerHost authorizer() {
        return ctx.authorizer;
    }

    /** Number of commands waiting for the master's thread. */
    public int backlog() {
        return thread.backlog();
    }

    public CompletableFuture<Subscription> subscribe(SubscribeRequest request, FrameworkStream stream) {
        return thread.ask(() -> frameworks.subscribe(request, stream));
    }

    public void frameworkStreamClosed(FrameworkId id, String streamId) {
        execute(() -> frameworks.streamClosed(id, streamId));
    }

    /**
     * A scheduler call other than SUBSCRIBE, with Mesos's checks of framework, principal,
     * subscription and stream id. {@code principal} is who the caller authenticated as (empty
     * when it did not); it must be the framework's.
     */
    public CompletableFuture<CallResult> call(FrameworkId id, String streamId, SchedulerCall call,
                                              Optional<String> principal) {
        return thread.ask(() -> {
            FrameworkEntry framework = ctx.state.frameworks.get(id);
            if (framework == null) {
                return new CallResult.Invalid("Framework cannot be found");
            }
            if (principal.isPresent() && !principal.equals(framework.info.principal())) {
                return new CallResult.Invalid("Authenticated principal '" + principal.get() + "' does not match"
                        + " principal '" + framework.info.principal().orElse("") + "' set in FrameworkInfo");
            }
            if (!framework.connected()) {
                return new CallResult.Forbidden("Framework is not subscribed");
            }
            String current = framework.stream.map(FrameworkStream::streamId).orElse("");
            if (!current.equals(streamId)) {
                return new CallResult.Invalid("The stream ID '" + streamId + "' included in this request didn't match"
                        + " the stream ID currently associated with framework ID " + id.value());
            }
            return dispatch(framework, call);
        });
    }

    private CallResult dispatch(FrameworkEntry framework, SchedulerCall call) {
        if (call instanceof SchedulerCall.Accept c) {
            return launches.accept(framework, c);
        } else if (call instanceof SchedulerCall.Decline c) {
            ctx.metrics.increment("master/messages_decline_offers");
            offers.decline(framework, c.offerIds(), c.refuseFor());
            requestAllocation();
            return CallResult.ACCEPTED;
        } else if (call instanceof SchedulerCall.Acknowledge c) {
            return tasks.acknowledge(framework, c);
        } else if (call instanceof SchedulerCall.Kill c) {
            return tasks.kill(framework, c);
        } else if (call instanceof SchedulerCall.Shutdown c) {
            Task task = framework.tasks.get(new io.mezzo.api.TaskId(c.executorId()));
            return task != null && task.agentId().equals(c.agentId())
                    ? tasks.kill(framework, new SchedulerCall.Kill(task.id(), Optional.of(c.agentId()), Optional.empty()))
                    : CallResult.ACCEPTED;
        } else if (call instanceof SchedulerCall.Reconcile c) {
            return tasks.reconcile(framework, c);
        } else if (call instanceof SchedulerCall.Revive c) {
            return frameworks.revive(framework, c);
        } else if (call instanceof SchedulerCall.Suppress c) {
            return frameworks.suppress(framework, c);
        } else if (call instanceof SchedulerCall.Teardown) {
            return frameworks.teardown(framework);
        }
        throw new AssertionError("unhandled call " + call.type());
    }

    public CompletableFuture<AgentId> registerAgent(AgentCall.Register call, AgentStream stream) {
        return thread.ask(() -> agents.register(call, stream));
    }

    /** UPDATE and HEARTBEAT; refused (403) unless made on the agent's current registration stream. */
    public CompletableFuture<CallResult> agentCall(String streamId, AgentCall call) {
        return thread.ask(() -> {
            AgentId id = call instanceof AgentCall.Update u ? u.agentId()
                    : call instanceof AgentCall.Heartbeat h ? h.agentId() : null;
            if (id == null) {
                return new CallResult.Invalid("REGISTER must be the first call of a stream");
            }
            Optional<AgentEntry> agent = agents.onStream(id, streamId);
            if (agent.isEmpty()) {
                return new CallResult.Forbidden("Agent " + id + " is not registered on stream '" + streamId
                        + "'; register again");
            }
            agents.heartbeat(agent.get());
            if (call instanceof AgentCall.Update u) {
                return tasks.fromAgent(u.agentId(), u.frameworkId(), u.status());
            }
            return CallResult.ACCEPTED;
        });
    }

    public void agentStreamClosed(AgentId id, String streamId) {
        execute(() -> agents.streamClosed(id, streamId));
    }

    /**
     * The operator's TEARDOWN: removes the framework as its own TEARDOWN call would (its tasks
     * are killed, its agents told to shut it down). False when no such framework is known.
     */
    public CompletableFuture<Boolean> teardown(FrameworkId id) {
        return thread.ask(() -> {
            FrameworkEntry framework = ctx.state.frameworks.get(id);
            if (framework == null) {
                return false;
            }
            frameworks.remove(framework, "torn down by the operator");
            return true;
        });
    }

    /** UPDATE_WEIGHTS: empty when applied, else why it was refused (nothing changed). */
    public CompletableFuture<Optional<String>> updateWeights(Map<String, Double> weights) {
        return thread.ask(() -> policies.updateWeights(weights));
    }

    /** UPDATE_QUOTA: {@link io.mezzo.api.Quota#NONE} removes a role's quota. Empty when applied. */
    public CompletableFuture<Optional<String>> updateQuota(Map<String, io.mezzo.api.Quota> quotas, boolean force) {
        return thread.ask(() -> policies.updateQuota(quotas, force));
    }

    public CompletableFuture<MasterSnapshot> snapshot() {
        return thread.ask(() -> Snapshots.of(ctx, startTime, flags));
    }

    private void allocatorChanged() {
        if (ctx.allocator.switchTo(allocators.current())) {
            new AllocatorReplay(ctx, offers, policies).replay();
            requestAllocation();
        }
    }

    /** Coalesces: any number of requests before the run makes one run. */
    private void requestAllocation() {
        if (!allocationQueued) {
            allocationQueued = true;
            execute(() -> {
                allocationQueued = false;
                if (offerHold.holding(ctx.now(), ctx.state.agents)) {
                    return;
                }
                long start = ctx.time.nanoTime();
                ctx.allocator.allocate();
                ctx.metrics.allocationRun((ctx.time.nanoTime() - start) / 1e6);
            });
        }
    }

    private void tick() {
        agents.checkDeadlines();
        requestAllocation();
    }

    private void heartbeatAgents() {
        for (AgentEntry a : ctx.state.agents.values()) {
            ctx.sendToAgentStream(a, new AgentEvent.Heartbeat());
        }
    }

    private void every(Duration period, Runnable task) {
        ctx.time.schedule(period, () -> execute(() -> {
            if (!closed) {
                task.run();
                every(period, task);
            }
        }));
    }

    private void execute(Runnable command) {
        if (!closed) {
            try {
                thread.execute(command);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "master stopped; dropping a late command");
            }
        }
    }

    /** Closes every stream and stops the master's thread; state stays in the store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> done = thread.ask(() -> {
            closed = true;
            ctx.state.frameworks.values().forEach(f -> f.stream.ifPresent(FrameworkStream::close));
            ctx.state.agents.values().forEach(a -> a.stream.ifPresent(AgentStream::close));
            return null;
        });
        done.exceptionally(t -> null).join();
        thread.close();
    }
}
