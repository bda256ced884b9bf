package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.api.Usage;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.OfferId;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the master's parts share: its state and the ways out of it (framework and agent
 * streams, the store, the allocator). Used only on the master's thread.
 */
final class MasterContext {
    private static final Logger LOG = System.getLogger(MasterContext.class.getName());

    final MasterConfig config;
    final MasterInfo info;
    final TimeSource time;
    final MasterState state = new MasterState();
    final MasterStore store;
    final AllocatorHost allocator;
    final MasterMetrics metrics;
    /** Asked on the master's thread for subscriptions and launches. */
    final AuthorizerHost authorizer;
    private final Runnable allocationTrigger;
    /** Runs a command on the master's thread (dropped once the master stopped); for timers. */
    final java.util.concurrent.Executor masterThread;
    /** The leadership term; sent to agents in REGISTERED. */
    final long epoch;

    MasterContext(MasterConfig config, MasterInfo info, TimeSource time, MasterStore store,
                  AllocatorHost allocator, MasterMetrics metrics, Runnable allocationTrigger,
                  java.util.concurrent.Executor masterThread, AuthorizerHost authorizer, long epoch) {
        this.epoch = epoch;
        this.config = config;
        this.info = info;
        this.time = time;
        this.store = store;
        this.allocator = allocator;
        this.metrics = metrics;
        this.allocationTrigger = allocationTrigger;
        this.masterThread = masterThread;
        this.authorizer = authorizer;
    }

    Instant now() {
        return time.instant();
    }

    double nowSeconds() {
        return time.epochSeconds();
    }

    /** Asks for an allocation run soon; many requests before it runs make one run. */
    void requestAllocation() {
        allocationTrigger.run();
    }

    /** Sends to the framework if it is connected; events to a disconnected framework are dropped, as in Mesos. */
    void send(FrameworkEntry framework, SchedulerEvent event) {
        if (framework.connected()) {
            framework.stream.ifPresent(s -> s.send(event));
        }
    }

    void sendToAgent(AgentId agentId, AgentEvent event) {
        AgentEntry agent = state.agents.get(agentId);
        if (agent != null && agent.connected()) {
            agent.stream.get().send(event);
        } else {
            LOG.log(Level.DEBUG, () -> "agent " + agentId + " is not connected; dropping " + event);
        }
    }

    /** What the agent's unfinished tasks hold, as the allocator counts usage. */
    List<Usage> usageOn(AgentEntry agent) {
        List<Usage> used = new ArrayList<>();
        for (TaskKey key : agent.tasks) {
            state.task(key).filter(t -> !t.state().isTerminal()).ifPresent(t ->
                    used.add(new Usage(t.frameworkId(), agent.id, t.role(), t.spec().resources())));
        }
        return used;
    }

    /** Sends on this agent's stream (used while it registers, before it counts as connected elsewhere). */
    void sendToAgentStream(AgentEntry agent, AgentEvent event) {
        agent.stream.ifPresent(s -> s.send(event));
    }

    /** A status the master makes up (no uuid: never retried or acknowledged). */
    TaskStatus masterStatus(TaskId task, TaskState state, Reason reason, String message, Optional<AgentId> agent) {
        return TaskStatus.fromMaster(task, state, reason, message, agent, nowSeconds());
    }

    /** {@code <master id>-NNNN}, as Mesos numbers frameworks. */
    FrameworkId newFrameworkId() {
        return new FrameworkId(String.format("%s-%04d", info.id(), state.nextFrameworkSeq++));
    }

    AgentId newAgentId() {
        return new AgentId(info.id() + "-S" + state.nextAgentSeq++);
    }

    OfferId newOfferId() {
        return new OfferId(info.id() + "-O" + state.nextOfferSeq++);
    }
}
