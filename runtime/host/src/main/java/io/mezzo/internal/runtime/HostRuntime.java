package io.mezzo.internal.runtime;

import io.mezzo.internal.container.BundleProblem;
import io.mezzo.internal.container.ContainerConfig;
import io.mezzo.internal.container.ContainerException;
import io.mezzo.internal.container.HostService;
import io.mezzo.internal.container.MezzoContainer;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.container.PluginLease;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.time.SystemTime;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.Authorizer;
import io.mezzo.spi.Authenticator;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.Launcher;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The process's singletons, started once: the clock, Vert.x, the Felix container with
 * Mezzo's bundles (and the deploy directory), and the plugin guard. Masters and agents in
 * this process share them.
 */
public final class HostRuntime implements AutoCloseable {
    public final SystemTime time = new SystemTime();
    public final Vertx vertx;
    public final MezzoContainer container;
    public final PluginGuard guard = new PluginGuard();
    private final PluginSlot<Allocator> allocators;
    private final PluginSlot<Launcher> launchers;
    private final PluginSlot<Authorizer> authorizers;
    private final PluginSlot<Authenticator> authenticators;
    private final PluginSlot<Hdfs> hdfs;

    private HostRuntime(Vertx vertx, MezzoContainer container) {
        this.vertx = vertx;
        this.container = container;
        this.allocators = container.slot(Allocator.class);
        this.launchers = container.slot(Launcher.class);
        this.authorizers = container.slot(Authorizer.class);
        this.authenticators = container.slot(Authenticator.class);
        this.hdfs = container.slot(Hdfs.class);
    }

    /**
     * Starts everything, or fails with a message naming what is wrong (a Mezzo or system
     * bundle that does not resolve is fatal; a broken jar in the deploy directory is not).
     */
    public static HostRuntime start(Path home, Path workDir, Path deployDir) {
        Vertx vertx = Vertx.vertx();
        MezzoContainer container;
        try {
            container = MezzoContainer.start(new ContainerConfig(workDir.resolve("felix-cache"), deployDir,
                    home.resolve("system"), home.resolve("bundles"), List.of(HostService.of(Vertx.class, vertx))));
        } catch (ContainerException | RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("cannot start the plugin container: " + e.getMessage(), e);
        }
        List<BundleProblem> fatal = container.problems().stream()
                .filter(p -> p.origin() != BundleProblem.Origin.DEPLOYED).toList();
        if (!fatal.isEmpty()) {
            container.close();
            vertx.close();
            StringBuilder why = new StringBuilder("Mezzo's bundles did not all start:");
            fatal.forEach(p -> why.append("\n  ").append(p.describe()));
            throw new IllegalStateException(why.toString());
        }
        return new HostRuntime(vertx, container);
    }

    /** The allocator plugin with the highest ranking, as the master consumes it. */
    public AllocatorSource allocators() {
        return new AllocatorSource() {
            @Override
            public Optional<Plugin<Allocator>> current() {
                return allocators.current();
            }

            @Override
            public void onChange(Runnable listener) {
                allocators.subscribe(p -> listener.run());
            }

            @Override
            public Optional<PluginLease<Allocator>> lease() {
                return allocators.lease();
            }
        };
    }

    /** The authorizer plugin with the highest ranking, as a master's {@link AuthorizerHost} follows it. */
    public AuthorizerSource authorizers() {
        return AuthorizerSource.following(authorizers);
    }

    /** The authenticator plugin with the highest ranking, as a master's authenticator host follows it. */
    public AuthenticatorSource authenticators() {
        return authenticators::subscribe;
    }

    /** The launcher plugin with the highest ranking, behind the guard. */
    public GuardedLauncher launcher() {
        return new GuardedLauncher(launchers::current, guard);
    }

    /** The HDFS plugin with the highest ranking; wrap it in an {@code HdfsAccess} to use it. */
    public PluginSlot<Hdfs> hdfs() {
        return hdfs;
    }

    @Override
    public void close() {
        container.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(t -> null).join();
        time.close();
    }
}
