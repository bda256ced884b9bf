package io.mezzo.internal.container;

import io.mezzo.internal.container.BundleProblem.Origin;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The plugin host: an embedded OSGi framework (Felix, found through
 * {@link ServiceLoader}) running Declarative Services and FileInstall, Mezzo's bundles,
 * and whatever the operator drops into the deploy directory.
 *
 * <p>{@link #start} boots it in this order: the framework, with the {@link HostExports}
 * packages; the host singletons as services; the system bundles (OSGi function, promise
 * and component APIs, SCR, FileInstall); Mezzo's bundles. A bundle that fails does not stop
 * the others: it is in {@link #problems()}, and the caller decides whether that is fatal.
 *
 * <p>The container knows nothing of allocators or launchers: callers open a
 * {@link #slot} per SPI and call plugins through a {@link PluginGuard}.
 */
public final class MezzoContainer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(MezzoContainer.class.getName());

    /** The system bundles, in the order they must start: APIs before SCR, FileInstall last. */
    static final List<String> SYSTEM_BUNDLES = List.of(
            "org.osgi.util.function",
            "org.osgi.util.promise",
            "org.osgi.service.component",
            "org.apache.felix.scr",
            "org.apache.felix.fileinstall");

    private final ContainerConfig config;
    private final Framework framework;
    private final DeployedBundleWatch watch;
    private final List<BundleProblem> startupProblems;
    private final List<PluginSlot<?>> slots = new CopyOnWriteArrayList<>();

    private MezzoContainer(ContainerConfig config, Framework framework, DeployedBundleWatch watch,
                           List<BundleProblem> startupProblems) {
        this.config = config;
        this.framework = framework;
        this.watch = watch;
        this.startupProblems = List.copyOf(startupProblems);
    }

    /**
     * Boots the framework and installs and starts every bundle. Throws only when the framework
     * itself cannot run (a directory, the framework jar); failing bundles are in {@link #problems()}.
     */
    public static MezzoContainer start(ContainerConfig config) throws ContainerException {
        createDirectory("storage directory", config.storageDir());
        createDirectory("deploy directory", config.deployDir());
        Framework framework = newFramework(config);
        DeployedBundleWatch watch = null;
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            for (HostService<?> service : config.services()) {
                register(context, service);
            }
            Set<String> ownLocations = ConcurrentHashMap.newKeySet();
            watch = new DeployedBundleWatch(framework.adapt(FrameworkWiring.class), ownLocations);
            context.addBundleListener(watch);
            framework.start();

            List<BundleProblem> problems = new ArrayList<>();
            problems.addAll(new BundleDirectory(config.systemBundlesDir(), Origin.SYSTEM, SYSTEM_BUNDLES)
                    .installAndStart(context, ownLocations));
            problems.addAll(new BundleDirectory(config.mezzoBundlesDir(), Origin.MEZZO, List.of())
                    .installAndStart(context, ownLocations));
            problems.forEach(p -> LOG.log(Level.WARNING, p.origin() + " bundle " + p.describe()));
            LOG.log(Level.INFO, () -> "plugin container started: " + context.getBundles().length + " bundles, "
                    + problems.size() + " with problems; watching " + config.deployDir());
            return new MezzoContainer(config, framework, watch, problems);
        } catch (BundleException | RuntimeException | ContainerException e) {
            stopQuietly(framework, config);
            if (watch != null) {
                watch.close();
            }
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot start the OSGi framework (storage " + config.storageDir()
                    + "): " + e.getMessage(), e);
        }
    }

    /** The system bundle's context: register more services, look at bundles. */
    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    public ContainerConfig config() {
        return config;
    }

    /**
     * The bundles that are not doing their job: those that failed at startup (system and
     * Mezzo bundles; this part never changes) followed by deployed bundles that have a
     * problem now.
     */
    public List<BundleProblem> problems() {
        List<BundleProblem> all = new ArrayList<>(startupProblems);
        all.addAll(watch.problems());
        return List.copyOf(all);
    }

    /** Opens a slot for {@code type}; the container closes it first when it closes. */
    public <T> PluginSlot<T> slot(Class<T> type) {
        PluginSlot<T> slot = PluginSlot.open(bundleContext(), type);
        slots.add(slot);
        return slot;
    }

    /**
     * Closes the slots (so subscribers do not hear every plugin leave), then stops the
     * framework, waiting at most the configured stop timeout.
     */
    @Override
    public void close() {
        slots.forEach(PluginSlot::close);
        slots.clear();
        try {
            framework.getBundleContext().removeBundleListener(watch);
        } catch (IllegalStateException e) {
            // The framework is already stopping.
        }
        stopQuietly(framework, config);
        watch.close();
    }

    private static Framework newFramework(ContainerConfig config) throws ContainerException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, MezzoContainer.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new ContainerException("no OSGi framework on the class path"
                        + " (no META-INF/services/" + FrameworkFactory.class.getName() + ")"));
        return factory.newFramework(frameworkProperties(config));
    }

    static Map<String, String> frameworkProperties(ContainerConfig config) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, config.storageDir().toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, HostExports.systemPackagesExtra());
        properties.put("felix.log.level", "1"); // errors only, on stdout: the framework's own trouble
        properties.put("felix.fileinstall.dir", config.deployDir().toString());
        properties.put("felix.fileinstall.poll", "500");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        // FileInstall logs a stack trace on every retry of a bundle that fails to start;
        // DeployedBundleWatch reports those once, so FileInstall keeps to real errors, via JUL.
        properties.put("felix.fileinstall.log.level", "1");
        properties.put("felix.fileinstall.log.default", "jul");
        return properties;
    }

    private static <S> void register(BundleContext context, HostService<S> service) {
        context.registerService(service.type(), service.instance(), new Hashtable<>(service.properties()));
    }

    private static void createDirectory(String what, Path dir) throws ContainerException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ContainerException("cannot create " + what + " " + dir + ": " + e, e);
        }
    }

    private static void stopQuietly(Framework framework, ContainerConfig config) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(config.stopTimeout().toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.log(Level.WARNING, "the OSGi framework did not stop within " + config.stopTimeout()
                        + "; a bundle is probably stuck in its stop method");
            }
        } catch (BundleException e) {
            LOG.log(Level.WARNING, "stopping the OSGi framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
