package io.mezzo.internal.container;

import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.container.BundleProblem.Origin;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

/**
 * Reports bundles that arrive while the container runs (FileInstall's deploy directory, or
 * anyone else) and then fail to resolve or to start: one WARNING per problem, one INFO when
 * it goes away, and a live list for health checks.
 *
 * <p>FileInstall itself is told to log only errors: it retries failed bundles every time the
 * directory changes and would log each retry. This watch sees the framework's events instead,
 * so it reports each problem once however often FileInstall retries.
 *
 * <p>Events are handed to an actor thread: the framework calls synchronous listeners on the
 * thread that installs or starts the bundle, which must not be held up.
 */
final class DeployedBundleWatch implements SynchronousBundleListener, AutoCloseable {
    private static final Logger LOG = System.getLogger(DeployedBundleWatch.class.getName());

    private final FrameworkWiring wiring;
    private final Set<String> ignoredLocations;
    private final ActorThread actor = new ActorThread("mezzo-bundle-watch");
    private final Set<Long> starting = new HashSet<>(); // actor only
    private final Map<Long, BundleProblem> problems = new ConcurrentHashMap<>(); // written by the actor only

    /**
     * @param ignoredLocations bundles the container installs and reports itself; read live,
     *                         so the caller may add to it later (it must be thread-safe)
     */
    DeployedBundleWatch(FrameworkWiring wiring, Set<String> ignoredLocations) {
        this.wiring = wiring;
        this.ignoredLocations = ignoredLocations;
    }

    /** The deployed bundles that have a problem now, in installation order. */
    List<BundleProblem> problems() {
        List<Map.Entry<Long, BundleProblem>> entries = new ArrayList<>(problems.entrySet());
        entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return entries.stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getBundleId() == 0 || ignoredLocations.contains(bundle.getLocation())) {
            return;
        }
        int type = event.getType();
        try {
            actor.execute(() -> handle(type, bundle));
        } catch (RejectedExecutionException e) {
            // Closing: the framework is stopping and bundles going away are no news.
        }
    }

    private void handle(int type, Bundle bundle) {
        if (wiring.getBundle().getState() != Bundle.ACTIVE) {
            return; // the framework is stopping: bundles going away are no problem to report
        }
        long id = bundle.getBundleId();
        switch (type) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED, BundleEvent.UNRESOLVED -> checkResolvable(bundle);
            case BundleEvent.RESOLVED -> clear(bundle, "is resolved now");
            case BundleEvent.STARTING -> starting.add(id);
            case BundleEvent.STARTED -> {
                starting.remove(id);
                clear(bundle, "is active now");
            }
            case BundleEvent.STOPPING -> {
                // STOPPING straight after STARTING, with no STARTED between: the activator threw.
                if (starting.remove(id)) {
                    report(bundle, "its activator failed while starting (the bundle stays RESOLVED)");
                }
            }
            case BundleEvent.UNINSTALLED -> {
                starting.remove(id);
                problems.remove(id);
            }
            default -> {
                // STOPPED, LAZY_ACTIVATION: nothing to report.
            }
        }
    }

    private void checkResolvable(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED || wiring.resolveBundles(List.of(bundle))) {
            return;
        }
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        report(bundle, "cannot be resolved: " + unresolvedReason(bundle));
    }

    /** Names the requirements nothing provides; the resolver itself does not say why it failed. */
    private String unresolvedReason(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return "it was uninstalled meanwhile";
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            boolean mandatory = resolution == null || Namespace.RESOLUTION_MANDATORY.equals(resolution);
            if (mandatory && wiring.findProviders(requirement).isEmpty()) {
                missing.add(requirement.getNamespace() + "; "
                        + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
            }
        }
        if (missing.isEmpty()) {
            return "its requirements are offered only by bundles that are unresolved themselves,"
                    + " or their uses constraints conflict";
        }
        return "missing requirement " + String.join(", missing requirement ", missing);
    }

    private void report(Bundle bundle, String reason) {
        BundleProblem problem = new BundleProblem(Origin.DEPLOYED, symbolicName(bundle),
                bundle.getVersion().toString(), bundle.getLocation(), reason);
        BundleProblem previous = problems.put(bundle.getBundleId(), problem);
        if (!problem.equals(previous)) {
            LOG.log(Level.WARNING, "deployed bundle " + problem.describe()
                    + " (reported once; it is retried whenever the deploy directory changes)");
        }
    }

    private void clear(Bundle bundle, String how) {
        BundleProblem previous = problems.remove(bundle.getBundleId());
        if (previous != null) {
            LOG.log(Level.INFO, "deployed bundle " + previous.symbolicName() + " " + previous.version() + " " + how);
        }
    }

    private static String symbolicName(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name == null ? bundle.getLocation() : name;
    }

    @Override
    public void close() {
        actor.close();
    }
}
