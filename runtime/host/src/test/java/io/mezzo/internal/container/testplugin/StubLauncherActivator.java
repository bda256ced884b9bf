package io.mezzo.internal.container.testplugin;

import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Packed into a test bundle (see {@code TestBundles}): registers itself as a {@link Launcher}
 * named {@code stub} at ranking 100. Loaded by the bundle's own class loader, not the test's.
 */
public final class StubLauncherActivator implements BundleActivator, Launcher {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 100);
        properties.put("mezzo.plugin.name", "stub");
        context.registerService(Launcher.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public RunningContainer launch(LaunchSpec spec) throws LaunchException {
        throw new LaunchException("the stub launcher launches nothing");
    }

    @Override
    public Optional<RunningContainer> recover(ContainerId id, long pid) {
        return Optional.empty();
    }
}
