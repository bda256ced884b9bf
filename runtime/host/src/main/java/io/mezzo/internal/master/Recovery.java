package io.mezzo.internal.master;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds the master's state from its store when it starts leading. Recovered agents are
 * disconnected until they re-register (they get {@code agentReregisterTimeout} to do so);
 * recovered frameworks keep their tasks for their failover timeout unless they subscribe
 * again. Nothing is offered from a recovered agent before it is back.
 */
final class Recovery {
    private static final Logger LOG = System.getLogger(Recovery.class.getName());

    private final MasterContext ctx;
    private final Frameworks frameworks;

    Recovery(MasterContext ctx, Frameworks frameworks) {
        this.ctx = ctx;
        this.frameworks = frameworks;
    }

    /** Returns what holds offers back until enough recovered agents re-registered. */
    OfferHold recover(MasterStore.Contents stored) {
        if (stored.agents().isEmpty() && stored.frameworks().isEmpty() && stored.tasks().isEmpty()) {
            return OfferHold.none();
        }
        Instant deadline = ctx.now().plus(ctx.config.agentReregisterTimeout());
        for (MasterStore.StoredFramework f : stored.frameworks()) {
            frameworks.recover(f.info(), f.registeredMillis(), List.of());
        }
        for (MasterStore.StoredAgent a : stored.agents()) {
            AgentEntry agent = new AgentEntry(a.id(), a.info(), Instant.ofEpochMilli(a.registeredMillis()), deadline);
            agent.recovered = true;
            ctx.state.agents.put(a.id(), agent);
        }
        int orphans = 0;
        for (Task task : stored.tasks()) {
            FrameworkEntry framework = ctx.state.frameworks.get(task.frameworkId());
            AgentEntry agent = ctx.state.agents.get(task.agentId());
            if (framework == null || agent == null) {
                orphans++;
                ctx.store.removeTask(task.frameworkId(), task.id());
                continue;
            }
            framework.tasks.put(task.id(), task);
            agent.tasks.add(new TaskKey(task.frameworkId(), task.id()));
        }
        for (AgentEntry agent : ctx.state.agents.values()) {
            ctx.allocator.addAgent(agent.id, agent.info.spec(), agent.info.resources(), ctx.usageOn(agent));
            ctx.allocator.deactivateAgent(agent.id);
        }
        int dropped = orphans;
        LOG.log(Level.INFO, () -> "recovered " + ctx.state.agents.size() + " agents, " + ctx.state.frameworks.size()
                + " frameworks and " + (stored.tasks().size() - dropped) + " tasks from the store"
                + (dropped > 0 ? " (" + dropped + " tasks without their agent or framework were dropped)" : ""));
        OfferHold hold = OfferHold.awaiting(ctx.state.agents.keySet(), ctx.config.allocatorRecoveryFactor(), deadline);
        LOG.log(Level.INFO, () -> "offers wait until " + ctx.config.allocatorRecoveryFactor() + " of "
                + hold.expected() + " recovered agents re-registered, or until " + deadline);
        return hold;
    }
}
