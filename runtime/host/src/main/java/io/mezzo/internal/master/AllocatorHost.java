package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import io.mezzo.spi.OfferSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The master's side of the allocator plugin. Every call goes through the plugin guard, so an
 * allocator that throws is logged and skipped, never fatal. Each allocator gets its own sink
 * stamped with a generation: decisions arriving from an allocator that has since been
 * replaced are dropped.
 *
 * <p>Used only on the master's thread, except the sinks, which hop onto it.
 */
final class AllocatorHost {
    private static final Logger LOG = System.getLogger(AllocatorHost.class.getName());

    private final PluginGuard guard;
    private final InstantSource clock;
    private final Executor masterThread;
    private final Consumer<Allocation> onAllocation;
    private Optional<Plugin<Allocator>> current = Optional.empty();
    private long generation;

    AllocatorHost(PluginGuard guard, InstantSource clock, Executor masterThread, Consumer<Allocation> onAllocation) {
        this.guard = guard;
        this.clock = clock;
        this.masterThread = masterThread;
        this.onAllocation = onAllocation;
    }

    /** The allocator in use, for {@code /state} and logs. */
    Optional<Plugin<Allocator>> current() {
        return current;
    }

    String currentName() {
        return current.map(Plugin::name).orElse("none");
    }

    /**
     * Starts using {@code next} (or none). The caller replays its state into it afterwards.
     * Returns false when {@code next} is the one already in use.
     */
    boolean switchTo(Optional<Plugin<Allocator>> next) {
        if (sameService(current, next)) {
            return false;
        }
        long gen = ++generation;
        current = next;
        if (next.isEmpty()) {
            LOG.log(Level.WARNING, "no allocator plugin is available: no offers will be made until one is installed");
            return true;
        }
        Plugin<Allocator> plugin = next.get();
        OfferSink sink = allocation -> masterThread.execute(() -> {
            if (gen == generation) {
                onAllocation.accept(allocation);
            } else {
                LOG.log(Level.DEBUG, () -> "dropping a decision of replaced allocator " + plugin.name());
            }
        });
        AllocatorContext context = new AllocatorContext() {
            @Override
            public InstantSource clock() {
                return clock;
            }

            @Override
            public OfferSink offers() {
                return sink;
            }
        };
        LOG.log(Level.INFO, "allocator in use: " + plugin.describe());
        guard.run(plugin, "initialize", () -> plugin.service().initialize(context));
        return true;
    }

    private static boolean sameService(Optional<Plugin<Allocator>> a, Optional<Plugin<Allocator>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().service() == b.get().service();
    }

    private void call(String operation, Consumer<Allocator> call) {
        current.ifPresent(p -> guard.run(p, operation, () -> call.accept(p.service())));
    }

    void addFramework(FrameworkId id, FrameworkSpec spec, List<Usage> used, boolean active, Set<String> suppressed) {
        call("addFramework", a -> a.addFramework(id, spec, used, active, suppressed));
    }

    void removeFramework(FrameworkId id) {
        call("removeFramework", a -> a.removeFramework(id));
    }

    void activateFramework(FrameworkId id) {
        call("activateFramework", a -> a.activateFramework(id));
    }

    void deactivateFramework(FrameworkId id) {
        call("deactivateFramework", a -> a.deactivateFramework(id));
    }

    void updateFramework(FrameworkId id, FrameworkSpec spec, Set<String> suppressed) {
        call("updateFramework", a -> a.updateFramework(id, spec, suppressed));
    }

    void addAgent(AgentId id, AgentSpec spec, Resources total, List<Usage> used) {
        call("addAgent", a -> a.addAgent(id, spec, total, used));
    }

    void removeAgent(AgentId id) {
        call("removeAgent", a -> a.removeAgent(id));
    }

    void activateAgent(AgentId id) {
        call("activateAgent", a -> a.activateAgent(id));
    }

    void deactivateAgent(AgentId id) {
        call("deactivateAgent", a -> a.deactivateAgent(id));
    }

    void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                          Optional<Duration> refuseFor) {
        if (!resources.isEmpty()) {
            call("recoverResources", a -> a.recoverResources(framework, agent, role, resources, refuseFor));
        }
    }

    void suppressOffers(FrameworkId framework, Set<String> roles) {
        call("suppressOffers", a -> a.suppressOffers(framework, roles));
    }

    void reviveOffers(FrameworkId framework, Set<String> roles) {
        call("reviveOffers", a -> a.reviveOffers(framework, roles));
    }

    void allocate() {
        call("allocate", Allocator::allocate);
    }
}
