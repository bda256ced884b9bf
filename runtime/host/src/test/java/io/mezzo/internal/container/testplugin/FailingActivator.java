package io.mezzo.internal.container.testplugin;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test bundle whose activator throws, as a broken plugin's would. */
public final class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("cannot read my configuration");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
