package io.mezzo.dist;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.mezzo.dist.swap.GreedyAllocatorActivator;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.Authenticator;
import io.mezzo.spi.Authorizer;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.Launcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots Felix in this JVM (Pax Exam's native container) the way the host does
 * ({@link PaxOptions#distribution}): every bundle must be active (the authenticator, authorizer
 * and HDFS bundles among them), each SPI served once, and a higher-ranked allocator bundle must
 * take over the allocator slot and hand it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MezzoBundlesIT {
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        // Test plumbing only: the probe opens a PluginSlot, which the real host keeps internal.
        return PaxOptions.distribution("io.mezzo.internal.container");
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() {
        List<String> active = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment) {
                assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
            }
            active.add(bundle.getSymbolicName());
        }
        assertTrue("system bundles in " + active, active.containsAll(Distribution.SYSTEM_BUNDLES));
        assertTrue("Mezzo bundles in " + active, active.containsAll(Distribution.MEZZO_BUNDLES));
    }

    @Test
    public void exactlyOnePluginOfEachKindIsRegisteredUnderItsName() throws Exception {
        assertEquals(List.of("drf"), pluginNames(Allocator.class));
        assertEquals(List.of("process"), pluginNames(Launcher.class));
        assertEquals(List.of("crammd5"), pluginNames(Authenticator.class));
        assertEquals(List.of("local"), pluginNames(Authorizer.class));
        assertEquals(List.of("hadoop"), pluginNames(Hdfs.class));
    }

    @Test
    public void aHigherRankedAllocatorBundleTakesOverAndUninstallingItFallsBackToDrf() throws Exception {
        pluginNames(Allocator.class); // waits for drf
        Path jar = Distribution.writeBundle(Distribution.work("greedy").resolve("greedy-allocator.jar"), List.of(
                "Bundle-SymbolicName: example.allocator.greedy",
                "Bundle-Version: 1.0.0",
                "Bundle-Activator: " + GreedyAllocatorActivator.class.getName(),
                "Import-Package: io.mezzo.api;version=\"[1.0,2)\",io.mezzo.spi;version=\"[1.0,2)\",org.osgi.framework"),
                GreedyAllocatorActivator.class);
        List<String> heard = new CopyOnWriteArrayList<>();

        try (PluginSlot<Allocator> slot = PluginSlot.open(context, Allocator.class)) {
            slot.subscribe(p -> heard.add(p.map(Plugin::name).orElse("<none>")));
            Bundle greedy = context.installBundle(jar.toUri().toString());
            greedy.start();

            Plugin<Allocator> current = slot.current().orElseThrow();
            assertEquals(GreedyAllocatorActivator.NAME, current.name());
            assertEquals(GreedyAllocatorActivator.RANKING, current.ranking());
            assertEquals("example.allocator.greedy", current.bundleSymbolicName());

            greedy.uninstall();

            assertEquals(Optional.of("drf"), slot.current().map(Plugin::name));
        }
        assertEquals(List.of("drf", GreedyAllocatorActivator.NAME, "drf"), heard);
    }

    /** The mezzo.plugin.name of every service of {@code type}, once at least one is there. */
    private <T> List<String> pluginNames(Class<T> type) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            assertTrue("a " + type.getSimpleName() + " service within " + WAIT_MILLIS + " ms",
                    tracker.waitForService(WAIT_MILLIS) != null);
        } finally {
            tracker.close();
        }
        Collection<ServiceReference<T>> references = context.getServiceReferences(type, null);
        List<String> names = new ArrayList<>();
        for (ServiceReference<T> reference : references) {
            names.add(String.valueOf(reference.getProperty(Plugin.NAME_PROPERTY)));
        }
        return names;
    }
}
