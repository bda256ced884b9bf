package io.mezzo.internal.master;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.Usage;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.security.AuthorizationResult;
import io.mezzo.spi.Action;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A framework's life: subscribe, fail over (a new subscription replaces the old stream),
 * disconnect (tasks kept for {@code failover_timeout}), and removal (teardown or timeout),
 * which kills its tasks.
 */
final class Frameworks {
    private static final Logger LOG = System.getLogger(Frameworks.class.getName());

    private final MasterContext ctx;
    private final OfferBook offers;
    private final TaskUpdates tasks;
    private final Executor masterThread;

    Frameworks(MasterContext ctx, OfferBook offers, TaskUpdates tasks, Executor masterThread) {
        this.ctx = ctx;
        this.offers = offers;
        this.tasks = tasks;
        this.masterThread = masterThread;
    }

    Subscription subscribe(SubscribeRequest request, FrameworkStream stream) {
        FrameworkValidation.Result validated = FrameworkValidation.validate(request);
        if (validated.refusal().isPresent()) {
            return refuse(stream, validated.refusal().get());
        }
        FrameworkInfo info = validated.info().orElseThrow();
        Optional<String> unauthorized = authorize(info);
        if (unauthorized.isPresent()) {
            return refuse(stream, unauthorized.get());
        }
        Optional<FrameworkId> requestedId = info.id();
        if (requestedId.isPresent() && ctx.state.wasRemoved(requestedId.get())) {
            return refuse(stream, "Framework " + requestedId.get() + " has been removed");
        }
        FrameworkEntry existing = requestedId.map(ctx.state.frameworks::get).orElse(null);
        if (existing != null && existing.state != FrameworkEntry.State.RECOVERED
                && !existing.info.principal().equals(info.principal())) {
            return refuse(stream, "Changing the framework's principal is not allowed");
        }
        FrameworkEntry framework = existing == null ? register(info, request, stream)
                : resubscribe(existing, info, request, stream);
        ctx.store.putFramework(new MasterStore.StoredFramework(framework.info, framework.registeredTime.toEpochMilli()));
        stream.send(new SchedulerEvent.Subscribed(framework.id, MasterConfig.FRAMEWORK_HEARTBEAT_INTERVAL, ctx.info));
        stream.send(new SchedulerEvent.Heartbeat());
        scheduleHeartbeat(framework, stream);
        ctx.requestAllocation();
        return new Subscription.Subscribed(framework.id);
    }

    /** Mesos's heartbeater: one HEARTBEAT every interval on this subscription, for as long as it is current. */
    private void scheduleHeartbeat(FrameworkEntry framework, FrameworkStream stream) {
        ctx.time.schedule(MasterConfig.FRAMEWORK_HEARTBEAT_INTERVAL, () -> masterThread.execute(() -> {
            if (ctx.state.frameworks.get(framework.id) == framework && framework.stream.orElse(null) == stream) {
                stream.send(new SchedulerEvent.Heartbeat());
                scheduleHeartbeat(framework, stream);
            }
        }));
    }

    /**
     * Mesos's {@code register_frameworks}: the framework's principal must be allowed every one
     * of its roles, on every subscription (a re-subscription too). Empty when it is.
     */
    private Optional<String> authorize(FrameworkInfo info) {
        List<String> denied = new ArrayList<>();
        for (String role : info.roles()) {
            AuthorizationResult result = ctx.authorizer.check(info.principal(), Action.REGISTER_FRAMEWORK, role);
            if (result instanceof AuthorizationResult.Failed failed) {
                return Optional.of("Authorization failure: " + failed.reason());
            }
            if (result instanceof AuthorizationResult.Denied) {
                denied.add(role);
            }
        }
        if (denied.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Not authorized to use roles '" + String.join(",", denied) + "' with "
                + info.principal().map(p -> "principal '" + p + "'").orElse("no principal"));
    }

    private Subscription refuse(FrameworkStream stream, String why) {
        LOG.log(Level.INFO, "refusing a subscription: " + why);
        stream.send(new SchedulerEvent.Error(why));
        stream.close();
        return new Subscription.Refused(why);
    }

    private FrameworkEntry register(FrameworkInfo info, SubscribeRequest request, FrameworkStream stream) {
        FrameworkId id = info.id().orElseGet(ctx::newFrameworkId);
        FrameworkEntry framework = new FrameworkEntry(id, info.withId(id), FrameworkEntry.State.CONNECTED, ctx.now());
        framework.stream = Optional.of(stream);
        framework.suppressedRoles = request.suppressedRoles();
        ctx.state.frameworks.put(id, framework);
        ctx.allocator.addFramework(id, framework.info.spec(), List.of(), true, framework.suppressedRoles);
        ctx.metrics.increment("master/messages_register_framework");
        LOG.log(Level.INFO, () -> "framework " + id + " (" + info.name() + ") subscribed with roles " + info.roles());
        return framework;
    }

    private FrameworkEntry resubscribe(FrameworkEntry framework, FrameworkInfo info, SubscribeRequest request,
                                       FrameworkStream stream) {
        if (framework.connected()) {
            framework.stream.ifPresent(old -> {
                old.send(new SchedulerEvent.Error("Framework failed over"));
                old.close();
            });
            LOG.log(Level.INFO, () -> "framework " + framework.id + " failed over to a new subscription");
        }
        offers.rescindAllOf(framework, false, true);
        framework.cancelFailoverTimer();
        // Mesos keeps user and checkpoint from the first registration (preserveImmutableFields).
        FrameworkInfo kept = framework.state == FrameworkEntry.State.RECOVERED ? info
                : new FrameworkInfo(Optional.of(framework.id), framework.info.user(), info.name(), info.roles(),
                        info.failoverTimeout(), framework.info.checkpoint(), info.hostname(), info.principal(),
                        info.webuiUrl(), info.capabilities(), info.labels());
        framework.info = kept.withId(framework.id);
        framework.state = FrameworkEntry.State.CONNECTED;
        framework.stream = Optional.of(stream);
        framework.reregisteredTime = Optional.of(ctx.now());
        framework.unregisteredTime = Optional.empty();
        framework.suppressedRoles = request.suppressedRoles();
        ctx.allocator.updateFramework(framework.id, framework.info.spec(), framework.suppressedRoles);
        ctx.allocator.activateFramework(framework.id);
        ctx.metrics.increment("master/messages_reregister_framework");
        return framework;
    }

    /**
     * Creates a framework known only from an agent's report or the store; it must subscribe to
     * get offers. It lost its stream because a master went, not because it left, so it gets at
     * least the agent re-register timeout to find the new master: without that, every framework
     * with no failover timeout would be removed by each master failover or restart.
     */
    FrameworkEntry recover(FrameworkInfo info, long registeredMillis, List<Usage> used) {
        FrameworkId id = info.id().orElseThrow();
        FrameworkEntry framework = new FrameworkEntry(id, info, FrameworkEntry.State.RECOVERED,
                java.time.Instant.ofEpochMilli(registeredMillis));
        ctx.state.frameworks.put(id, framework);
        ctx.allocator.addFramework(id, info.spec(), used, false, Set.of());
        Duration failover = info.failoverTimeout();
        Duration grace = ctx.config.agentReregisterTimeout();
        scheduleFailover(framework, failover.compareTo(grace) >= 0 ? failover : grace);
        return framework;
    }

    /** The subscription connection closed. Ignored unless it is the framework's current one. */
    void streamClosed(FrameworkId id, String streamId) {
        FrameworkEntry framework = ctx.state.frameworks.get(id);
        if (framework == null || !framework.connected()
                || !framework.stream.map(FrameworkStream::streamId).orElse("").equals(streamId)) {
            return;
        }
        LOG.log(Level.INFO, () -> "framework " + id + " disconnected; failover timeout "
                + framework.info.failoverTimeout());
        framework.state = FrameworkEntry.State.DISCONNECTED;
        framework.stream = Optional.empty();
        framework.unregisteredTime = Optional.of(ctx.now());
        offers.rescindAllOf(framework, false, true);
        ctx.allocator.deactivateFramework(id);
        scheduleFailover(framework, framework.info.failoverTimeout());
    }

    private void scheduleFailover(FrameworkEntry framework, Duration timeout) {
        if (timeout.isZero()) {
            remove(framework, "failover timeout of 0 elapsed");
            return;
        }
        Object token = new Object();
        framework.cancelFailoverTimer();
        framework.failoverTimer = Optional.of(ctx.time.schedule(timeout, () -> masterThread.execute(() -> {
            if (ctx.state.frameworks.get(framework.id) == framework && !framework.connected()
                    && framework.failoverTimer.isPresent() && framework.failoverToken == token) {
                remove(framework, "failover timeout of " + timeout + " elapsed");
            }
        })));
        framework.failoverToken = token;
    }

    CallResult teardown(FrameworkEntry framework) {
        ctx.metrics.increment("master/messages_unregister_framework");
        remove(framework, "torn down");
        return CallResult.ACCEPTED;
    }

    CallResult revive(FrameworkEntry framework, SchedulerCall.Revive call) {
        ctx.metrics.increment("master/messages_revive_offers");
        Optional<String> unknown = call.roles().stream().filter(r -> !framework.info.roles().contains(r)).findFirst();
        if (unknown.isPresent()) {
            return new CallResult.Invalid("REVIVE names role '" + unknown.get() + "' which the framework does not hold");
        }
        Set<String> suppressed = new LinkedHashSet<>(framework.suppressedRoles);
        suppressed.removeAll(call.roles().isEmpty() ? framework.info.roles() : call.roles());
        framework.suppressedRoles = Set.copyOf(suppressed);
        ctx.allocator.reviveOffers(framework.id, call.roles());
        ctx.requestAllocation();
        return CallResult.ACCEPTED;
    }

    CallResult suppress(FrameworkEntry framework, SchedulerCall.Suppress call) {
        ctx.metrics.increment("master/messages_suppress_offers");
        Optional<String> unknown = call.roles().stream().filter(r -> !framework.info.roles().contains(r)).findFirst();
        if (unknown.isPresent()) {
            return new CallResult.Invalid("SUPPRESS names role '" + unknown.get()
                    + "' which the framework does not hold");
        }
        Set<String> suppressed = new LinkedHashSet<>(framework.suppressedRoles);
        suppressed.addAll(call.roles().isEmpty() ? framework.info.roles() : call.roles());
        framework.suppressedRoles = Set.copyOf(suppressed);
        ctx.allocator.suppressOffers(framework.id, call.roles());
        return CallResult.ACCEPTED;
    }

    /**
     * Removes the framework: its stream closes, its offers go back, its agents are told to
     * shut it down, and its unfinished tasks end as TASK_KILLED (REASON_FRAMEWORK_REMOVED).
     */
    void remove(FrameworkEntry framework, String why) {
        LOG.log(Level.INFO, () -> "removing framework " + framework.id + " (" + framework.info.name() + "): " + why);
        framework.cancelFailoverTimer();
        framework.stream.ifPresent(FrameworkStream::close);
        framework.stream = Optional.empty();
        offers.rescindAllOf(framework, false, true);
        Set<io.mezzo.api.AgentId> agents = new LinkedHashSet<>();
        for (Task task : new ArrayList<>(framework.tasks.values())) {
            agents.add(task.agentId());
            if (!task.state().isTerminal()) {
                tasks.fromMaster(framework, task, TaskState.TASK_KILLED, Reason.REASON_FRAMEWORK_REMOVED,
                        "Framework " + framework.id + " removed");
            }
            Task last = framework.tasks.get(task.id());
            if (last != null) {
                tasks.complete(framework, last);
            }
        }
        agents.forEach(a -> ctx.sendToAgent(a, new AgentEvent.ShutdownFramework(framework.id)));
        ctx.allocator.removeFramework(framework.id);
        ctx.state.frameworks.remove(framework.id);
        framework.unregisteredTime = Optional.of(ctx.now());
        ctx.state.addCompleted(framework, ctx.now(), ctx.config.maxCompletedFrameworks());
        ctx.store.removeFramework(framework.id);
        ctx.requestAllocation();
    }
}
