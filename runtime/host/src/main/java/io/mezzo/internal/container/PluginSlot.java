package io.mezzo.internal.container;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The place of one SPI in the host: always holds the best service of type {@code T}, the one
 * with the highest {@code service.ranking} (on a tie, the lowest service id: OSGi's
 * {@link ServiceReference#compareTo} order), and says when that changes.
 *
 * <p>Subscribers are called on the thread that changed the service registry (a bundle
 * starting or stopping, FileInstall's poller), once per change of the current service: a
 * better one arrived, the current one left and the next best takes over, or the last one
 * left. They must only hand the news off (to an actor's mailbox, say), never do the swap's
 * work there. Calls to subscribers are serialized, so they see changes in order.
 *
 * <p>Thread-safe. Close it to release the services it holds.
 */
public final class PluginSlot<T> implements AutoCloseable {
    private static final Logger LOG = System.getLogger(PluginSlot.class.getName());

    private final BundleContext context;
    private final Class<T> type;
    private final ServiceTracker<T, Plugin<T>> tracker;
    private final List<Consumer<Optional<Plugin<T>>>> subscribers = new CopyOnWriteArrayList<>();
    // Guarded by this. The tracker's own view is not enough: inside addingService the new
    // service is not tracked yet, so the slot keeps its own map and compares references itself.
    private final Map<ServiceReference<T>, Plugin<T>> candidates = new HashMap<>();
    private Optional<Plugin<T>> current = Optional.empty();

    /** A subscription to a slot's changes. */
    @FunctionalInterface
    public interface Subscription {
        void cancel();
    }

    /** Starts tracking {@code type} in the framework of {@code context}. */
    public static <T> PluginSlot<T> open(BundleContext context, Class<T> type) {
        PluginSlot<T> slot = new PluginSlot<>(context, type);
        slot.tracker.open();
        return slot;
    }

    private PluginSlot(BundleContext context, Class<T> type) {
        this.context = Objects.requireNonNull(context, "context");
        this.type = Objects.requireNonNull(type, "type");
        this.tracker = new ServiceTracker<>(context, type, new Customizer());
    }

    public Class<T> type() {
        return type;
    }

    /** The plugin in use now; empty when no service of the type is registered. */
    public synchronized Optional<Plugin<T>> current() {
        return current;
    }

    /**
     * A private instance of the current plugin, when its bundle registered the service with
     * prototype scope (a Declarative Services component with {@code scope = PROTOTYPE}): each
     * lease is a new object, apart from the one {@link #current()} shares. Empty when there is
     * no plugin, when it is a singleton or bundle-scoped service (one object for the host, which
     * must not be shared with a second user), or when its factory fails.
     */
    public synchronized Optional<PluginLease<T>> lease() {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        long id = current.get().serviceId();
        for (Map.Entry<ServiceReference<T>, Plugin<T>> candidate : candidates.entrySet()) {
            ServiceReference<T> reference = candidate.getKey();
            if (candidate.getValue().serviceId() != id
                    || !Constants.SCOPE_PROTOTYPE.equals(reference.getProperty(Constants.SERVICE_SCOPE))) {
                continue;
            }
            try {
                ServiceObjects<T> objects = context.getServiceObjects(reference);
                T service = objects == null ? null : objects.getService();
                if (service == null) {
                    return Optional.empty();
                }
                return Optional.of(new PluginLease<>(describe(reference, service), () -> {
                    try {
                        objects.ungetService(service);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        LOG.log(Level.DEBUG, () -> "releasing a leased " + type.getSimpleName() + " failed: " + e);
                    }
                }));
            } catch (IllegalStateException e) {
                LOG.log(Level.DEBUG, () -> "leasing a " + type.getSimpleName() + " failed: " + e);
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Calls {@code subscriber} with the current plugin right away (on this thread), then on
     * every change, so it never misses one between reading and subscribing.
     */
    public synchronized Subscription subscribe(Consumer<Optional<Plugin<T>>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        tell(subscriber, current);
        return () -> subscribers.remove(subscriber);
    }

    /** Stops tracking: the services are released and subscribers hear nothing more. */
    @Override
    public void close() {
        subscribers.clear();
        tracker.close();
    }

    private synchronized void added(ServiceReference<T> reference, Plugin<T> plugin) {
        candidates.put(reference, plugin);
        reelect();
    }

    private synchronized void modified(ServiceReference<T> reference) {
        if (candidates.containsKey(reference)) {
            Plugin<T> old = candidates.get(reference);
            candidates.put(reference, describe(reference, old.service()));
            reelect();
        }
    }

    private synchronized void removed(ServiceReference<T> reference) {
        if (candidates.remove(reference) != null) {
            reelect();
        }
    }

    /** Picks the best candidate; tells subscribers only if it is another service than before. */
    private void reelect() {
        ServiceReference<T> best = null;
        for (ServiceReference<T> candidate : candidates.keySet()) {
            if (best == null || candidate.compareTo(best) > 0) {
                best = candidate;
            }
        }
        Optional<Plugin<T>> elected = best == null ? Optional.empty() : Optional.of(candidates.get(best));
        boolean changed = !elected.map(Plugin::serviceId).equals(current.map(Plugin::serviceId));
        current = elected;
        if (changed) {
            LOG.log(Level.INFO, () -> type.getSimpleName() + " plugin is now "
                    + elected.map(Plugin::describe).orElse("<none>"));
            for (Consumer<Optional<Plugin<T>>> subscriber : subscribers) {
                tell(subscriber, elected);
            }
        }
    }

    private void tell(Consumer<Optional<Plugin<T>>> subscriber, Optional<Plugin<T>> plugin) {
        try {
            subscriber.accept(plugin);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a " + type.getSimpleName() + " slot subscriber failed; it should only hand off", e);
        }
    }

    private Plugin<T> describe(ServiceReference<T> reference, T service) {
        Bundle bundle = reference.getBundle();
        String symbolicName = bundle == null || bundle.getSymbolicName() == null
                ? "<unknown bundle>" : bundle.getSymbolicName();
        String version = bundle == null ? "0.0.0" : bundle.getVersion().toString();
        Object name = reference.getProperty(Plugin.NAME_PROPERTY);
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        return new Plugin<>(service,
                name instanceof String s && !s.isBlank() ? s : symbolicName,
                ranking instanceof Integer r ? r : 0,
                symbolicName, version,
                (Long) reference.getProperty(Constants.SERVICE_ID));
    }

    private final class Customizer implements ServiceTrackerCustomizer<T, Plugin<T>> {
        @Override
        public Plugin<T> addingService(ServiceReference<T> reference) {
            T service = context.getService(reference);
            if (service == null) {
                return null; // a failing service factory, or already unregistered: not a candidate
            }
            Plugin<T> plugin = describe(reference, service);
            added(reference, plugin);
            return plugin;
        }

        @Override
        public void modifiedService(ServiceReference<T> reference, Plugin<T> plugin) {
            modified(reference);
        }

        @Override
        public void removedService(ServiceReference<T> reference, Plugin<T> plugin) {
            removed(reference);
            context.ungetService(reference);
        }
    }
}
