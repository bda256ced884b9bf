/**
 * The contracts Mezzo's plugin bundles implement: {@link io.mezzo.spi.Allocator},
 * {@link io.mezzo.spi.Launcher}, {@link io.mezzo.spi.Hdfs}, {@link io.mezzo.spi.Authenticator}
 * and {@link io.mezzo.spi.Authorizer}.
 *
 * <p>A bundle registers its implementation as an OSGi service; the host uses the one with
 * the highest {@code service.ranking} and switches live when a higher one appears or the
 * current one goes away. Every call into a plugin passes through the host's guard: a
 * plugin that throws is logged and answered as a failure, never taken down with the master.
 *
 * <p>Interfaces marked {@code @ConsumerType} are implemented by plugins: adding a method
 * to them is a major version change. {@code @ProviderType} ones are implemented by the host.
 */
@Version("1.1.0")
package io.mezzo.spi;

import org.osgi.annotation.versioning.Version;
