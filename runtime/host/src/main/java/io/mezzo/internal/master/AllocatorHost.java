package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.Quota;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The master's side of the allocator plugin. Every call goes through the plugin guard, so an
 * allocator that throws is logged and skipped, never fatal.
 *
 * <p>An allocator instance is initialized once, when it is first used; its sink delivers
 * decisions only while that instance is the one in use (decisions of a replaced allocator are
 * dropped). The host remembers which frameworks and agents it has told each instance about:
 * an allocator that was outranked and later regains the slot is first told to remove all of
 * them, so the replay that follows gives it the present state and nothing stale.
 *
 * <p>Used only on the master's thread, except the sinks, which hop onto it.
 */
final class AllocatorHost {
    private static final Logger LOG = System.getLogger(AllocatorHost.class.getName());

    private final PluginGuard guard;
    private final InstantSource clock;
    private final AllocatorOptions options;
    private final Executor masterThread;
    private final Consumer<Allocation> onAllocation;
    private Optional<Plugin<Allocator>> current = Optional.empty();
    /** What each allocator instance was told exists; weak, so an uninstalled plugin is not kept. */
    private final Map<Allocator, Known> known = new WeakHashMap<>();

    /** The frameworks and agents an allocator instance currently knows of. */
    private static final class Known {
        final Set<FrameworkId> frameworks = new LinkedHashSet<>();
        final Set<AgentId> agents = new LinkedHashSet<>();
    }

    AllocatorHost(PluginGuard guard, InstantSource clock, AllocatorOptions options, Executor masterThread,
                  Consumer<Allocation> onAllocation) {
        this.guard = guard;
        this.clock = clock;
        this.options = options;
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
     * Starts using {@code next} (or none): initializes it if it is new, or makes it forget
     * what it knew if it was used before. The caller replays its state into it afterwards.
     * Returns false when {@code next} is the one already in use.
     */
    boolean switchTo(Optional<Plugin<Allocator>> next) {
        if (sameService(current, next)) {
            return false;
        }
        current = next;
        if (next.isEmpty()) {
            LOG.log(Level.WARNING, "no allocator plugin is available: no offers will be made until one is installed");
            return true;
        }
        Plugin<Allocator> plugin = next.get();
        Known before = known.get(plugin.service());
        if (before != null) {
            LOG.log(Level.INFO, "allocator in use again: " + plugin.describe() + "; it forgets "
                    + before.frameworks.size() + " frameworks and " + before.agents.size() + " agents, then gets"
                    + " the current state");
            List.copyOf(before.frameworks).forEach(this::removeFramework);
            List.copyOf(before.agents).forEach(this::removeAgent);
            return true;
        }
        known.put(plugin.service(), new Known());
        Allocator service = plugin.service();
        OfferSink sink = allocation -> masterThread.execute(() -> {
            if (current.isPresent() && current.get().service() == service) {
                onAllocation.accept(allocation);
            } else {
                LOG.log(Level.DEBUG, () -> "dropping a decision of allocator " + plugin.name() + ", not in use");
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

            @Override
            public AllocatorOptions options() {
                return options;
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

    private Optional<Known> knownByCurrent() {
        return current.map(p -> known.get(p.service()));
    }

    void addFramework(FrameworkId id, FrameworkSpec spec, List<Usage> used, boolean active, Set<String> suppressed) {
        knownByCurrent().ifPresent(k -> k.frameworks.add(id));
        call("addFramework", a -> a.addFramework(id, spec, used, active, suppressed));
    }

    void removeFramework(FrameworkId id) {
        knownByCurrent().ifPresent(k -> k.frameworks.remove(id));
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
        knownByCurrent().ifPresent(k -> k.agents.add(id));
        call("addAgent", a -> a.addAgent(id, spec, total, used));
    }

    void removeAgent(AgentId id) {
        knownByCurrent().ifPresent(k -> k.agents.remove(id));
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

    void updateWeights(Map<String, Double> weights) {
        call("updateWeights", a -> a.updateWeights(weights));
    }

    void updateQuota(Map<String, Quota> quotas) {
        call("updateQuota", a -> a.updateQuota(quotas));
    }

    void allocate() {
        call("allocate", Allocator::allocate);
    }
}
