package io.mezzo.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.authenticator.CredentialsAuthenticator;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.internal.testkit.CredentialsFiles;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.AuthenticationStep;
import io.mezzo.spi.Authenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorHostTest {
    @TempDir
    Path dir;
    final FakeTime time = new FakeTime();

    /** A slot the test changes by hand. */
    static final class Swappable implements AuthenticatorSource {
        final AtomicReference<Consumer<Optional<Plugin<Authenticator>>>> subscriber = new AtomicReference<>();

        @Override
        public PluginSlot.Subscription subscribe(Consumer<Optional<Plugin<Authenticator>>> s) {
            subscriber.set(s);
            s.accept(Optional.empty());
            return () -> subscriber.set(null);
        }
    }

    private static Plugin<Authenticator> plugin(Authenticator a, long id) {
        return new Plugin<>(a, "auth-" + id, 0, "test", "1", id);
    }

    private static void awaitState(AuthenticatorHost host, boolean available) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (host.unavailable().isPresent() == available && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void followsLiveSwapsAndClosesTheReplacedAuthentication() throws Exception {
        Path credentials = CredentialsFiles.write(dir, Map.of("ops", "pw"));
        Swappable slot = new Swappable();
        AuthenticatorHost host = new AuthenticatorHost(new PluginGuard(),
                new AuthenticationSettings(Optional.of(credentials), time)).follow(slot);
        assertThatThrownBy(() -> host.basic("ops", "pw", "p")).isInstanceOf(AuthenticationUnavailable.class)
                .hasMessageContaining("no authenticator plugin is installed");

        AtomicReference<Boolean> firstClosed = new AtomicReference<>(false);
        Authenticator first = settings -> new ClosingAuthentication(new CredentialsAuthenticator().open(settings),
                () -> firstClosed.set(true));
        slot.subscriber.get().accept(Optional.of(plugin(first, 1)));
        awaitState(host, true);
        assertThat(host.basic("ops", "pw", "p")).isEqualTo(new AuthenticationStep.Authenticated("ops"));

        Authenticator denyAll = settings -> { throw new AuthenticationException("cannot read " + settings.credentials()); };
        slot.subscriber.get().accept(Optional.of(plugin(denyAll, 2)));
        awaitState(host, false);
        assertThat(host.openFailure()).hasValueSatisfying(why -> assertThat(why).contains("cannot read"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!firstClosed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(firstClosed.get()).as("the replaced authentication was closed").isTrue();
        assertThatThrownBy(() -> host.basic("ops", "pw", "p")).isInstanceOf(AuthenticationUnavailable.class);
        host.close();
    }

    @Test
    void aPluginThatThrowsMakesAuthenticationUnavailableNotAPass() throws Exception {
        Authenticator throwing = settings -> new ClosingAuthentication(null, () -> { });
        AuthenticatorHost host = new AuthenticatorHost(new PluginGuard(),
                new AuthenticationSettings(Optional.of(Files.createFile(dir.resolve("c.json"))), time))
                .follow(AuthenticatorSource.fixed(Optional.of(plugin(throwing, 7))));
        assertThatThrownBy(() -> host.basic("ops", "pw", "p")).isInstanceOf(AuthenticationUnavailable.class)
                .hasMessageContaining("NullPointerException");
        assertThat(host.mechanisms()).isEmpty();
        host.close();
    }

    /** Delegates to {@code inner} (which may be null, so every call throws) and reports its close. */
    private record ClosingAuthentication(io.mezzo.spi.Authentication inner, Runnable onClose)
            implements io.mezzo.spi.Authentication {
        @Override
        public java.util.List<String> mechanisms() {
            return inner.mechanisms();
        }

        @Override
        public io.mezzo.spi.AuthenticationExchange start(String mechanism, String peer) throws AuthenticationException {
            return inner.start(mechanism, peer);
        }

        @Override
        public AuthenticationStep basic(String principal, String secret, String peer) {
            return inner.basic(principal, secret, peer);
        }

        @Override
        public void close() {
            onClose.run();
        }
    }
}
