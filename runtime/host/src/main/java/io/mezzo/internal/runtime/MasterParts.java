package io.mezzo.internal.runtime;

import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.time.TimeSource;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a master takes from its process: a {@link HostRuntime}'s singletons, or a test's own
 * (several masters in one JVM share them).
 *
 * @param deployDir where {@code *.js} framework scripts are picked up while this master leads
 */
public record MasterParts(Vertx vertx, TimeSource time, AllocatorSource allocators, PluginGuard guard,
                          AuthorizerSource authorizers, AuthenticatorSource authenticators,
                          Optional<Path> deployDir) {
}
