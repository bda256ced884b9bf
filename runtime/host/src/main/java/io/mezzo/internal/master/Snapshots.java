package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.Resources;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.OfferId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link MasterSnapshot}s from the master's state (on its thread). */
final class Snapshots {
    private Snapshots() {}

    static MasterSnapshot of(MasterContext ctx, Instant startTime, Map<String, String> flags) {
        Map<AgentId, Resources> usedByAgent = new LinkedHashMap<>();
        Map<AgentId, Map<String, Long>> countsByAgent = new LinkedHashMap<>();
        List<MasterSnapshot.FrameworkView> frameworks = new ArrayList<>();
        for (FrameworkEntry f : ctx.state.frameworks.values()) {
            frameworks.add(view(ctx, f, f.state.name()));
            for (Task t : f.tasks.values()) {
                countsByAgent.computeIfAbsent(t.agentId(), a -> new TreeMap<>()).merge(t.state().name(), 1L, Long::sum);
                if (!t.state().isTerminal()) {
                    usedByAgent.merge(t.agentId(), t.spec().resources(), Resources::plus);
                }
            }
        }
        List<MasterSnapshot.FrameworkView> completed = new ArrayList<>();
        for (MasterState.CompletedFramework c : ctx.state.completedFrameworks) {
            completed.add(view(ctx, c.entry(), "REMOVED"));
        }
        List<MasterSnapshot.AgentView> agents = new ArrayList<>();
        for (AgentEntry a : ctx.state.agents.values()) {
            agents.add(new MasterSnapshot.AgentView(a.id, a.info, a.connected(), a.registeredTime, a.reregisteredTime,
                    usedByAgent.getOrDefault(a.id, Resources.empty()), offered(ctx, a.offers),
                    countsByAgent.getOrDefault(a.id, Map.of())));
        }
        Map<String, String> allFlags = new TreeMap<>(flags);
        allFlags.put("allocator", ctx.allocator.currentName());
        allFlags.put("authorizer", ctx.authorizer.currentName());
        return new MasterSnapshot(ctx.info, startTime, startTime, ctx.allocator.currentName(), allFlags, agents,
                new LinkedHashMap<>(ctx.state.unreachableAgents), frameworks, completed,
                new ArrayList<>(ctx.state.offers.values()), Map.copyOf(ctx.state.weights),
                Map.copyOf(ctx.state.quotas), ctx.config.allocatorOptions().fairnessExcludedResources());
    }

    private static MasterSnapshot.FrameworkView view(MasterContext ctx, FrameworkEntry f, String state) {
        Resources used = Resources.empty();
        for (Task t : f.tasks.values()) {
            if (!t.state().isTerminal()) {
                used = used.plus(t.spec().resources());
            }
        }
        List<Offer> offers = new ArrayList<>();
        for (OfferId id : f.offers) {
            Offer o = ctx.state.offers.get(id);
            if (o != null) {
                offers.add(o);
            }
        }
        return new MasterSnapshot.FrameworkView(f.id, f.info, state, f.registeredTime, f.reregisteredTime,
                f.unregisteredTime, f.suppressedRoles, List.copyOf(f.tasks.values()), List.copyOf(f.completedTasks),
                offers, used, offered(ctx, f.offers));
    }

    private static Resources offered(MasterContext ctx, Iterable<OfferId> ids) {
        Resources sum = Resources.empty();
        for (OfferId id : ids) {
            Offer o = ctx.state.offers.get(id);
            if (o != null) {
                sum = sum.plus(o.resources());
            }
        }
        return sum;
    }
}
