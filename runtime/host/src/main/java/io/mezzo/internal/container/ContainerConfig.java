package io.mezzo.internal.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the plugin container keeps and finds things, and what the host hands to bundles.
 *
 * <p>Validated on construction, without touching the disk beyond looking: the two bundle
 * directories must exist; the storage and deploy directories must exist or be creatable
 * (the container creates them when it starts).
 *
 * @param storageDir       the framework's cache; wiped the first time the framework starts
 * @param deployDir        watched by FileInstall: jars dropped here are installed and started
 * @param systemBundlesDir the framework's own bundles (SCR, FileInstall and their APIs)
 * @param mezzoBundlesDir  Mezzo's bundles (allocator, launcher, ...)
 * @param services         host singletons registered as OSGi services before any bundle starts
 * @param stopTimeout      how long {@link MezzoContainer#close()} waits for the framework to stop
 */
public record ContainerConfig(Path storageDir, Path deployDir, Path systemBundlesDir, Path mezzoBundlesDir,
                              List<HostService<?>> services, Duration stopTimeout) {

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public ContainerConfig {
        storageDir = creatable("storage directory", storageDir);
        deployDir = creatable("deploy directory", deployDir);
        systemBundlesDir = existing("system bundle directory", systemBundlesDir);
        mezzoBundlesDir = existing("Mezzo bundle directory", mezzoBundlesDir);
        services = List.copyOf(services);
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("stop timeout " + stopTimeout + " must be positive");
        }
    }

    public ContainerConfig(Path storageDir, Path deployDir, Path systemBundlesDir, Path mezzoBundlesDir,
                           List<HostService<?>> services) {
        this(storageDir, deployDir, systemBundlesDir, mezzoBundlesDir, services, DEFAULT_STOP_TIMEOUT);
    }

    private static Path existing(String what, Path dir) {
        Objects.requireNonNull(dir, what);
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(what + " " + absolute
                    + (Files.exists(absolute) ? " is not a directory" : " does not exist"));
        }
        return absolute;
    }

    private static Path creatable(String what, Path dir) {
        Objects.requireNonNull(dir, what);
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException(what + " " + absolute + " exists but is not a directory");
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw new IllegalArgumentException(what + " " + absolute + " cannot be created: "
                    + (ancestor == null ? "no existing parent" : ancestor + " is not a writable directory"));
        }
        return absolute;
    }
}
