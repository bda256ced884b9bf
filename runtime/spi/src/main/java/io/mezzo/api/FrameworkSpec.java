package io.mezzo.api;

import java.util.List;
import java.util.Set;

/**
 * What a plugin needs to know of a framework.
 *
 * @param name         the framework's display name
 * @param roles        the roles it subscribes with, in its order; empty for a MULTI_ROLE
 *                     framework that holds no role (it is offered nothing)
 * @param capabilities Mesos capability names it declared ({@code MULTI_ROLE}, {@code GPU_RESOURCES}, ...)
 */
public record FrameworkSpec(String name, List<String> roles, Set<String> capabilities) {
    public FrameworkSpec {
        if (name == null) {
            throw new IllegalArgumentException("framework name must not be null");
        }
        roles = List.copyOf(roles);
        roles.forEach(Roles::validate);
        capabilities = Set.copyOf(capabilities);
    }
}
