package io.mezzo.internal.master;

import java.util.List;

/**
 * Tells a newly installed allocator everything it needs, so a live swap loses nothing and
 * offers nothing twice: outstanding offers are rescinded first (frameworks get RESCIND),
 * then it gets the role weights and quotas, then frameworks are added (with their activity and suppressed roles), then agents with
 * the resources their tasks use.
 */
final class AllocatorReplay {
    private final MasterContext ctx;
    private final OfferBook offers;
    private final Policies policies;

    AllocatorReplay(MasterContext ctx, OfferBook offers, Policies policies) {
        this.ctx = ctx;
        this.offers = offers;
        this.policies = policies;
    }

    void replay() {
        offers.rescindEverything();
        policies.tellAllocator();
        for (FrameworkEntry f : ctx.state.frameworks.values()) {
            ctx.allocator.addFramework(f.id, f.info.spec(), List.of(), f.connected(), f.suppressedRoles);
        }
        for (AgentEntry a : ctx.state.agents.values()) {
            ctx.allocator.addAgent(a.id, a.info.spec(), a.info.resources(), ctx.usageOn(a));
            if (!a.connected()) {
                ctx.allocator.deactivateAgent(a.id);
            }
        }
    }
}
