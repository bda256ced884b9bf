package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.OfferId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outstanding offers: made from the allocator's decisions, ended by ACCEPT, DECLINE or
 * rescission. Whatever an offer held goes back to the allocator when it ends without
 * being used.
 */
final class OfferBook {
    private static final Logger LOG = System.getLogger(OfferBook.class.getName());

    private final MasterContext ctx;

    OfferBook(MasterContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Turns an allocation into offers and sends them as one OFFERS event. Anything that can no
     * longer be offered (the framework or agent went away meanwhile) goes straight back.
     */
    void onAllocation(Allocation allocation) {
        FrameworkId fid = allocation.framework();
        FrameworkEntry framework = ctx.state.frameworks.get(fid);
        List<Offer> made = new ArrayList<>();
        for (Map.Entry<String, Map<AgentId, Resources>> byRole : allocation.resources().entrySet()) {
            String role = byRole.getKey();
            for (Map.Entry<AgentId, Resources> e : byRole.getValue().entrySet()) {
                AgentEntry agent = ctx.state.agents.get(e.getKey());
                Optional<String> problem = whyNotOffer(framework, role, agent, e.getValue());
                if (problem.isPresent()) {
                    LOG.log(Level.DEBUG, () -> "not offering " + e.getValue() + " of " + e.getKey() + " to "
                            + fid + ": " + problem.get());
                    ctx.allocator.recoverResources(fid, e.getKey(), role, e.getValue(), Optional.empty());
                    continue;
                }
                Offer offer = new Offer(ctx.newOfferId(), fid, agent.id, agent.info.hostname(), agent.ip,
                        agent.info.port(),
                        role, e.getValue(), agent.info.attributes());
                ctx.state.offers.put(offer.id(), offer);
                framework.offers.add(offer.id());
                agent.offers.add(offer.id());
                made.add(offer);
                ctx.config.offerTimeout().ifPresent(timeout -> expireAfter(offer, timeout));
            }
        }
        if (!made.isEmpty()) {
            ctx.send(framework, new SchedulerEvent.Offers(made));
        }
    }

    /** Mesos's {@code --offer_timeout}: an offer still standing then is rescinded and its resources go back. */
    private void expireAfter(Offer offer, Duration timeout) {
        ctx.time.schedule(timeout, () -> ctx.masterThread.execute(() -> {
            if (ctx.state.offers.get(offer.id()) == offer) {
                LOG.log(Level.DEBUG, () -> "offer " + offer.id() + " timed out after " + timeout);
                rescind(offer, true, true);
                ctx.requestAllocation();
            }
        }));
    }

    private static Optional<String> whyNotOffer(FrameworkEntry framework, String role, AgentEntry agent,
                                                Resources resources) {
        if (framework == null || !framework.connected()) {
            return Optional.of("framework is not connected");
        }
        if (!framework.info.roles().contains(role)) {
            return Optional.of("framework does not hold role '" + role + "'");
        }
        if (agent == null || !agent.connected()) {
            return Optional.of("agent is not connected");
        }
        if (!agent.info.resources().contains(resources)) {
            // A plugin bug; never offer what the agent does not have.
            return Optional.of("allocator offered more than the agent's total " + agent.info.resources());
        }
        return Optional.empty();
    }

    /**
     * Ends an offer without it being used. With {@code notify}, the framework gets RESCIND;
     * with {@code recover}, the resources go back to the allocator (unfiltered).
     */
    void rescind(Offer offer, boolean notify, boolean recover) {
        remove(offer);
        FrameworkEntry framework = ctx.state.frameworks.get(offer.frameworkId());
        if (notify && framework != null) {
            ctx.send(framework, new SchedulerEvent.Rescind(offer.id()));
        }
        if (recover) {
            ctx.allocator.recoverResources(offer.frameworkId(), offer.agentId(), offer.role(), offer.resources(),
                    Optional.empty());
        }
    }

    void rescindAllOf(FrameworkEntry framework, boolean notify, boolean recover) {
        for (OfferId id : List.copyOf(framework.offers)) {
            Offer offer = ctx.state.offers.get(id);
            if (offer != null) {
                rescind(offer, notify, recover);
            }
        }
    }

    void rescindAllOn(AgentEntry agent, boolean recover) {
        for (OfferId id : List.copyOf(agent.offers)) {
            Offer offer = ctx.state.offers.get(id);
            if (offer != null) {
                rescind(offer, true, recover);
            }
        }
    }

    /** Every outstanding offer is withdrawn (an allocator swap); the old allocator is not told. */
    void rescindEverything() {
        for (Offer offer : List.copyOf(ctx.state.offers.values())) {
            rescind(offer, true, false);
        }
    }

    /** DECLINE: unknown or foreign offer ids are ignored, as in Mesos. */
    void decline(FrameworkEntry framework, List<OfferId> ids, Optional<Duration> refuseFor) {
        Optional<Duration> filter = refuseFilter(refuseFor);
        for (OfferId id : ids) {
            Offer offer = ctx.state.offers.get(id);
            if (offer == null || !offer.frameworkId().equals(framework.id)) {
                LOG.log(Level.DEBUG, () -> framework.id + " declined unknown offer " + id);
                continue;
            }
            remove(offer);
            ctx.allocator.recoverResources(offer.frameworkId(), offer.agentId(), offer.role(), offer.resources(),
                    filter);
        }
    }

    /**
     * Takes the offers an ACCEPT names. They must exist, belong to the framework, be named
     * once and be of one agent; otherwise none is used: valid ones go back to the allocator
     * and the reason is returned.
     */
    Taken take(FrameworkEntry framework, List<OfferId> ids) {
        List<Offer> offers = new ArrayList<>();
        Set<OfferId> seen = new HashSet<>();
        String error = ids.isEmpty() ? "no offer ids were given" : null;
        for (OfferId id : ids) {
            Offer offer = ctx.state.offers.get(id);
            if (!seen.add(id)) {
                error = error != null ? error : "offer " + id + " is named more than once";
            } else if (offer == null) {
                error = error != null ? error : "offer " + id + " is no longer valid";
            } else if (!offer.frameworkId().equals(framework.id)) {
                error = error != null ? error : "offer " + id + " belongs to another framework";
            } else {
                if (!offers.isEmpty() && !offers.get(0).agentId().equals(offer.agentId())) {
                    error = error != null ? error : "offers " + offers.get(0).id() + " and " + id
                            + " are for different agents";
                }
                offers.add(offer);
            }
        }
        for (Offer offer : offers) {
            remove(offer);
        }
        if (error != null) {
            for (Offer offer : offers) {
                ctx.allocator.recoverResources(offer.frameworkId(), offer.agentId(), offer.role(),
                        offer.resources(), Optional.empty());
            }
            return new Taken(List.of(), Optional.of(error));
        }
        return new Taken(offers, Optional.empty());
    }

    /** The offers an ACCEPT took, or why it took none. */
    record Taken(List<Offer> offers, Optional<String> error) {}

    /** Mesos's rules: a missing filter means the default, non-positive means none, a year at most. */
    Optional<Duration> refuseFilter(Optional<Duration> requested) {
        Duration d = requested.orElse(ctx.config.defaultRefuse());
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        return Optional.of(d.compareTo(MasterConfig.MAX_REFUSE) > 0 ? MasterConfig.MAX_REFUSE : d);
    }

    private void remove(Offer offer) {
        ctx.state.offers.remove(offer.id());
        FrameworkEntry framework = ctx.state.frameworks.get(offer.frameworkId());
        if (framework != null) {
            framework.offers.remove(offer.id());
        }
        AgentEntry agent = ctx.state.agents.get(offer.agentId());
        if (agent != null) {
            agent.offers.remove(offer.id());
        }
    }
}
