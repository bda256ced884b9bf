package io.mezzo.internal.master;

import io.mezzo.internal.model.FrameworkInfo;
import java.util.Optional;
import java.util.Set;

/**
 * A SUBSCRIBE as the HTTP adapter parsed it. {@code info.roles()} holds the {@code roles}
 * field exactly as sent and {@code legacyRole} the deprecated {@code role} field; the master
 * validates and normalizes them ({@link FrameworkValidation}).
 */
public record SubscribeRequest(FrameworkInfo info, Optional<String> legacyRole, Set<String> suppressedRoles) {
    public SubscribeRequest {
        legacyRole = legacyRole == null ? Optional.empty() : legacyRole;
        suppressedRoles = Set.copyOf(suppressedRoles);
    }
}
