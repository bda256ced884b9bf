package io.mezzo.dist.swap;

import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The whole of a replacement authorizer bundle that the swap test builds at run time: it
 * registers an {@link Authorizer} named {@value #NAME} at ranking 100, above Mezzo's own, that
 * refuses every action to everybody, whatever the ACLs say.
 */
public final class DenyAllAuthorizerActivator implements BundleActivator, Authorizer, Authorization {
    public static final String NAME = "deny-all";
    public static final String SYMBOLIC_NAME = "example.authorizer.denyall";
    public static final int RANKING = 100;

    public static List<String> manifestHeaders() {
        return List.of(
                "Bundle-SymbolicName: " + SYMBOLIC_NAME,
                "Bundle-Version: 1.0.0",
                "Bundle-Activator: " + DenyAllAuthorizerActivator.class.getName(),
                "Import-Package: io.mezzo.spi;version=\"[1.1,2)\",org.osgi.framework");
    }

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, RANKING);
        properties.put("mezzo.plugin.name", NAME);
        context.registerService(Authorizer.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public Authorization open(AuthorizationSettings settings) {
        return this;
    }

    @Override
    public boolean authorized(Optional<String> principal, Action action, String object) {
        return false;
    }

    @Override
    public void close() {
    }
}
