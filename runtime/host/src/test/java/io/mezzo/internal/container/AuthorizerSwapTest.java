package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.security.AuthorizationResult;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The master's authorizer follows the Authorizer services of a real Felix, as the allocator
 * does: a higher ranking takes over live, its leaving hands back, each switch on the host's
 * own thread.
 */
class AuthorizerSwapTest {
    static final Optional<String> OPS = Optional.of("ops");

    @TempDir
    Path base;

    private static ServiceRegistration<Authorizer> register(MezzoContainer container, RuleAuthorizer authorizer,
                                                            String name, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Plugin.NAME_PROPERTY, name);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return container.bundleContext().registerService(Authorizer.class, authorizer, properties);
    }

    private static void awaitResult(Supplier<AuthorizationResult> check, AuthorizationResult expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(check.get()).isEqualTo(expected);
    }

    /** The old authorization is closed just after the new one is in use: wait for it, bounded. */
    private static void awaitClosed(java.util.concurrent.atomic.AtomicInteger closed, int times)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (closed.get() < times && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(closed).hasValue(times);
    }

    @Test
    void higherRankedAuthorizerTakesOverLiveAndItsLeavingHandsBack() throws Exception {
        RuleAuthorizer local = RuleAuthorizer.of((p, a, o) -> true);
        RuleAuthorizer strict = RuleAuthorizer.of((p, a, o) -> !o.equals("root"));
        AuthorizationSettings acls = new AuthorizationSettings(Optional.of("/etc/mezzo/acls.json"));
        try (MezzoContainer container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
             PluginSlot<Authorizer> slot = container.slot(Authorizer.class)) {
            register(container, local, "local", 0);
            try (AuthorizerHost host = AuthorizerHost.open(AuthorizerSource.following(slot), new PluginGuard(), acls)) {
                Supplier<AuthorizationResult> rootTask = () -> host.check(OPS, Action.RUN_TASK, "root");
                assertThat(rootTask.get()).isEqualTo(AuthorizationResult.ALLOWED);

                ServiceRegistration<Authorizer> strictRegistration = register(container, strict, "strict", 10);
                awaitResult(rootTask, AuthorizationResult.DENIED);
                assertThat(host.currentName()).isEqualTo("strict");
                assertThat(strict.opened).containsExactly(acls);
                awaitClosed(local.closed, 1);

                strictRegistration.unregister();
                awaitResult(rootTask, AuthorizationResult.ALLOWED);
                awaitClosed(strict.closed, 1);
                assertThat(local.opened).as("reopened with the same ACLs").containsExactly(acls, acls);
            }
        }
    }
}
