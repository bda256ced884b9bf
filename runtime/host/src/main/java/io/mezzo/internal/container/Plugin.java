package io.mezzo.internal.container;

import java.util.Objects;

/**
 * One plugin service as the host sees it: the service object and who provides it.
 *
 * @param service            the service object, from the providing bundle's class loader
 * @param name               the {@value #NAME_PROPERTY} service property, else the bundle's
 *                           symbolic name; what logs and failures call the plugin
 * @param ranking            its {@code service.ranking} (0 when absent)
 * @param bundleSymbolicName the providing bundle
 * @param bundleVersion      the providing bundle's version
 * @param serviceId          the framework's {@code service.id}: unique for the framework's life
 */
public record Plugin<T>(T service, String name, int ranking, String bundleSymbolicName,
                        String bundleVersion, long serviceId) {

    /** The service property a plugin names itself with, e.g. {@code drf} or {@code process}. */
    public static final String NAME_PROPERTY = "mezzo.plugin.name";

    public Plugin {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plugin name must not be blank (service " + serviceId + ")");
        }
    }

    /** {@code drf (io.mezzo.allocator.drf 0.1.0, ranking 0, service 42)}: for log lines. */
    public String describe() {
        return name + " (" + bundleSymbolicName + " " + bundleVersion + ", ranking " + ranking
                + ", service " + serviceId + ")";
    }
}
