package io.mezzo.internal.container;

import java.util.Objects;

/**
 * A bundle that is not doing its job: it could not be installed, resolved or started.
 *
 * @param origin       where the bundle came from, which decides how bad this is
 * @param symbolicName the bundle's symbolic name (the jar's file name if it could not be read)
 * @param version      the bundle's version, {@code 0.0.0} when unknown
 * @param location     where it was installed from, usually a {@code file:} URL
 * @param reason       why, in the framework's words (e.g. the missing requirement)
 */
public record BundleProblem(Origin origin, String symbolicName, String version, String location, String reason) {

    /** Where a bundle came from. */
    public enum Origin {
        /** The framework's own services (SCR, FileInstall and their APIs): the container cannot work without them. */
        SYSTEM,
        /** Mezzo's bundles shipped with the distribution: Mezzo should refuse to run without them. */
        MEZZO,
        /** Dropped into the deploy directory (or installed by other means) while running: the operator's to fix. */
        DEPLOYED
    }

    public BundleProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code io.mezzo.allocator.drf 0.1.0 (file:/...): reason}. */
    public String describe() {
        return symbolicName + " " + version + " (" + location + "): " + reason;
    }
}
