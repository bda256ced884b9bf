package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;

/** What one framework holds on one agent under one role (offered or in use). */
final class Holding {
    final FrameworkState framework;
    final String role;
    Resources resources;

    Holding(FrameworkState framework, String role, Resources resources) {
        this.framework = framework;
        this.role = role;
        this.resources = resources;
    }
}
