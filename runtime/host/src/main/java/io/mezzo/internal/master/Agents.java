package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resource;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.ReportedTask;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's life as the master sees it: registration, re-registration (reconciling the
 * tasks it reports with the ones the master knows), heartbeats, disconnection, and removal
 * when it stays silent too long (its tasks become TASK_LOST, or TASK_UNREACHABLE for
 * partition-aware frameworks).
 */
final class Agents {
    private static final Logger LOG = System.getLogger(Agents.class.getName());

    private final MasterContext ctx;
    private final OfferBook offers;
    private final TaskUpdates tasks;
    private final Frameworks frameworks;

    Agents(MasterContext ctx, OfferBook offers, TaskUpdates tasks, Frameworks frameworks) {
        this.ctx = ctx;
        this.offers = offers;
        this.tasks = tasks;
        this.frameworks = frameworks;
    }

    AgentId register(AgentCall.Register call, AgentStream stream) {
        Instant now = ctx.now();
        AgentEntry agent;
        boolean known = call.agentId().isPresent() && ctx.state.agents.containsKey(call.agentId().get());
        // An agent read from the store this term and back unchanged is stored as it is: after a
        // failover every agent re-registers at once, and a synchronous write each is seconds.
        boolean storedAsIs = false;
        if (known) {
            agent = ctx.state.agents.get(call.agentId().get());
            storedAsIs = agent.recovered && agent.info.equals(call.agentInfo());
            agent.stream.ifPresent(old -> {
                if (old != stream) {
                    old.close();
                }
            });
            offers.rescindAllOn(agent, true);
            agent.info = call.agentInfo();
            agent.reregisteredTime = Optional.of(now);
            ctx.metrics.increment("master/messages_reregister_agent");
        } else {
            AgentId id = call.agentId().orElseGet(ctx::newAgentId);
            if (call.agentId().isPresent()) {
                ctx.state.unreachableAgents.remove(id);
                ctx.metrics.increment("master/messages_reregister_agent");
            } else {
                ctx.metrics.increment("master/messages_register_agent");
            }
            agent = new AgentEntry(id, call.agentInfo(), now, now);
            ctx.state.agents.put(id, agent);
        }
        agent.deadline = now.plus(ctx.config.agentSilenceLimit());
        agent.recovered = false;
        agent.stream = Optional.of(stream);
        agent.ip = stream.peerIp();
        if (!storedAsIs) {
            ctx.store.putAgent(new MasterStore.StoredAgent(agent.id, agent.info, agent.registeredTime.toEpochMilli()));
        }
        recoverFrameworks(call.frameworks());
        reconcileTasks(agent, call.tasks());
        // Re-adding is how the allocator learns the agent's current total and usage.
        ctx.allocator.removeAgent(agent.id);
        ctx.allocator.addAgent(agent.id, agent.info.spec(), agent.info.resources(), ctx.usageOn(agent));
        stream.send(new AgentEvent.Registered(agent.id, ctx.info.id(), ctx.config.agentPingTimeout(), ctx.epoch));
        resendPendingKills(agent);
        ctx.metrics.increment(call.agentId().isPresent() ? "master/slave_reregistrations"
                : "master/slave_registrations");
        AgentEntry registered = agent;
        LOG.log(Level.INFO, () -> (known || call.agentId().isPresent() ? "agent re-registered: " : "agent registered: ")
                + registered.id + " at " + registered.info.hostname() + " with " + registered.info.resources());
        ctx.requestAllocation();
        return agent.id;
    }

    private void recoverFrameworks(List<FrameworkInfo> reported) {
        for (FrameworkInfo info : reported) {
            if (info.id().isEmpty()) {
                continue;
            }
            FrameworkId id = info.id().get();
            if (!ctx.state.frameworks.containsKey(id) && !ctx.state.wasRemoved(id)) {
                frameworks.recover(info, ctx.now().toEpochMilli(), List.of());
            }
        }
    }

    private void reconcileTasks(AgentEntry agent, List<ReportedTask> reported) {
        Map<TaskKey, ReportedTask> byKey = new HashMap<>();
        for (ReportedTask r : reported) {
            byKey.put(new TaskKey(r.frameworkId(), r.task().taskId()), r);
        }
        for (TaskKey key : new ArrayList<>(agent.tasks)) {
            Optional<Task> task = ctx.state.task(key);
            if (task.isPresent() && !byKey.containsKey(key) && !task.get().state().isTerminal()) {
                FrameworkEntry framework = ctx.state.frameworks.get(key.frameworkId());
                TaskState lost = framework.info.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
                tasks.fromMaster(framework, task.get(), lost, Reason.REASON_RECONCILIATION,
                        "Task is unknown to the agent");
            }
        }
        for (ReportedTask r : reported) {
            TaskKey key = new TaskKey(r.frameworkId(), r.task().taskId());
            FrameworkEntry framework = ctx.state.frameworks.get(r.frameworkId());
            if (framework == null) {
                ctx.sendToAgentStream(agent, new AgentEvent.ShutdownFramework(r.frameworkId()));
                continue;
            }
            Optional<Task> known = ctx.state.task(key);
            boolean ended = framework.completedTasks.stream().anyMatch(t -> t.id().equals(r.task().taskId()));
            if (known.isEmpty() && ended && !r.latest().state().isTerminal()) {
                // The master already ended it (TASK_LOST while the agent was away): stop it there.
                ctx.sendToAgentStream(agent, new AgentEvent.KillTask(r.frameworkId(), r.task().taskId(),
                        Optional.empty()));
                continue;
            }
            if (known.isEmpty() && (ended || r.latest().state().isTerminal())) {
                continue; // Its update stream will bring the news; nothing to account.
            }
            if (known.isEmpty()) {
                Task task = Task.staging(r.frameworkId(), r.task(), roleOf(framework, r),
                        r.task().command().user().orElse(framework.info.user())).withStatus(r.latest()).acknowledged();
                framework.tasks.put(task.id(), task);
                agent.tasks.add(key);
                ctx.store.putTask(task);
            } else if (!known.get().state().isTerminal() && !r.latest().state().isTerminal()
                    && known.get().state() != r.latest().state()) {
                // E.g. TASK_UNREACHABLE while the agent was away, running again now it is back.
                tasks.fromMaster(framework, known.get(), r.latest().state(), Reason.REASON_AGENT_REREGISTERED,
                        "Agent re-registered");
            }
        }
    }

    /** The role a recovered task's resources count under: its reservation, else the framework's first role. */
    private static String roleOf(FrameworkEntry framework, ReportedTask r) {
        for (Resource res : r.task().resources()) {
            if (!res.isUnreserved()) {
                for (String role : framework.info.roles()) {
                    if (io.mezzo.api.Roles.mayUse(role, res.role())) {
                        return role;
                    }
                }
            }
        }
        return framework.info.roles().isEmpty() ? io.mezzo.api.Roles.DEFAULT : framework.info.roles().get(0);
    }

    private void resendPendingKills(AgentEntry agent) {
        for (TaskKey key : agent.tasks) {
            ctx.state.task(key).filter(Task::killRequested).ifPresent(t ->
                    ctx.sendToAgentStream(agent, new AgentEvent.KillTask(t.frameworkId(), t.id(), Optional.empty())));
        }
    }

    /** Checks a call's stream id: calls on a stale or foreign stream are refused (the agent re-registers). */
    Optional<AgentEntry> onStream(AgentId id, String streamId) {
        AgentEntry agent = ctx.state.agents.get(id);
        if (agent == null || agent.stream.isEmpty() || !agent.stream.get().streamId().equals(streamId)) {
            return Optional.empty();
        }
        return Optional.of(agent);
    }

    void heartbeat(AgentEntry agent) {
        agent.deadline = ctx.now().plus(ctx.config.agentSilenceLimit());
    }

    /** The registration stream closed: offer nothing of the agent until it is back. */
    void streamClosed(AgentId id, String streamId) {
        AgentEntry agent = ctx.state.agents.get(id);
        if (agent == null || agent.stream.isEmpty() || !agent.stream.get().streamId().equals(streamId)) {
            return;
        }
        LOG.log(Level.INFO, () -> "agent " + id + " disconnected; it has until " + agent.deadline + " to return");
        agent.stream = Optional.empty();
        offers.rescindAllOn(agent, true);
        ctx.allocator.deactivateAgent(id);
    }

    /** Removes every agent that has been silent past its deadline. */
    void checkDeadlines() {
        Instant now = ctx.now();
        for (AgentEntry agent : new ArrayList<>(ctx.state.agents.values())) {
            if (!now.isBefore(agent.deadline)) {
                markUnreachable(agent, now);
            }
        }
    }

    private void markUnreachable(AgentEntry agent, Instant now) {
        LOG.log(Level.WARNING, () -> "agent " + agent.id + " at " + agent.info.hostname()
                + " is unreachable: not heard from since before " + agent.deadline.minus(ctx.config.agentSilenceLimit()));
        agent.stream.ifPresent(AgentStream::close);
        agent.stream = Optional.empty();
        offers.rescindAllOn(agent, false);
        for (TaskKey key : new ArrayList<>(agent.tasks)) {
            Optional<Task> task = ctx.state.task(key);
            if (task.isPresent() && !task.get().state().isTerminal()) {
                FrameworkEntry framework = ctx.state.frameworks.get(key.frameworkId());
                TaskState state = framework.info.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
                tasks.fromMaster(framework, task.get(), state, Reason.REASON_AGENT_REMOVED,
                        "Agent " + agent.info.hostname() + " is unreachable");
            }
        }
        ctx.allocator.removeAgent(agent.id);
        ctx.state.agents.remove(agent.id);
        ctx.state.unreachableAgents.put(agent.id, now);
        ctx.store.removeAgent(agent.id);
        for (FrameworkEntry framework : ctx.state.frameworks.values()) {
            ctx.send(framework, new SchedulerEvent.Failure(agent.id));
        }
        ctx.metrics.increment("master/slave_removals");
        ctx.metrics.increment("master/slave_removals/reason_unhealthy");
    }
}
