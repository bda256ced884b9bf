package io.mezzo.internal.container;

import java.util.Map;
import java.util.Objects;

/**
 * A host singleton offered to bundles as an OSGi service, e.g. the process's
 * {@code io.vertx.core.Vertx}. Its type must come from a package the host exports
 * ({@link HostExports}), or no bundle can see it.
 *
 * @param type       the service interface or class bundles look it up by
 * @param instance   the one instance
 * @param properties extra service properties (copied)
 */
public record HostService<S>(Class<S> type, S instance, Map<String, Object> properties) {

    public HostService {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(instance, "instance");
        if (!type.isInstance(instance)) {
            throw new IllegalArgumentException("host service " + instance.getClass().getName()
                    + " is not a " + type.getName());
        }
        properties = Map.copyOf(properties);
    }

    public static <S> HostService<S> of(Class<S> type, S instance) {
        return new HostService<>(type, instance, Map.of());
    }
}
