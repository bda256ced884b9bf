package io.mezzo.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.AuthenticationStep;
import io.mezzo.spi.Authentication;
import io.mezzo.spi.Authenticator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    final FakeTime time = new FakeTime();
    final AgentTokens tokens = new AgentTokens(time);
    final AtomicInteger aborted = new AtomicInteger();
    final AuthenticatorHost host = new AuthenticatorHost(new PluginGuard(),
            new AuthenticationSettings(Optional.empty(), time)).follow(AuthenticatorSource.fixed(Optional.of(
                    new Plugin<Authenticator>(settings -> new Counting(), "counting", 0, "test", "1", 1))));

    @AfterEach
    void close() {
        host.close();
    }

    /** Exchanges that challenge forever and count their aborts. */
    private final class Counting implements Authentication {
        @Override
        public List<String> mechanisms() {
            return List.of("X");
        }

        @Override
        public AuthenticationExchange start(String mechanism, String peer) {
            return new AuthenticationExchange() {
                @Override
                public AuthenticationStep begin() {
                    return new AuthenticationStep.Challenge(new byte[] {1});
                }

                @Override
                public AuthenticationStep respond(byte[] response) {
                    return new AuthenticationStep.Challenge(new byte[] {2});
                }

                @Override
                public void abort() {
                    aborted.incrementAndGet();
                }
            };
        }

        @Override
        public AuthenticationStep basic(String principal, String secret, String peer) {
            return new AuthenticationStep.Refused("no", Duration.ZERO);
        }

        @Override
        public void close() {
        }
    }

    private AuthenticatorHost.Exchange exchange() throws Exception {
        return host.start("X", "10.0.0.1");
    }

    @Test
    void aTokenIsGoodForOneRegisterFromTheAddressThatEarnedItWithinAMinute() {
        String token = tokens.issue("agent", "10.0.0.1");
        assertThat(tokens.redeem(token, "10.0.0.2")).as("another address").isEmpty();
        String again = tokens.issue("agent", "10.0.0.1");
        assertThat(tokens.redeem(again, "10.0.0.1")).contains("agent");
        assertThat(tokens.redeem(again, "10.0.0.1")).as("spent").isEmpty();
        String late = tokens.issue("agent", "10.0.0.1");
        time.advance(AgentTokens.TOKEN_TTL);
        assertThat(tokens.redeem(late, "10.0.0.1")).as("expired").isEmpty();
    }

    @Test
    void tokensAndSessionsAreRandomAndLongEnough() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = tokens.issue("agent", "p");
            // 16 random bytes in unpadded URL-safe Base64 are 22 characters
            assertThat(token).hasSize(22);
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void sessionsExpireAfterFifteenSecondsAndTheirExchangesAreAborted() throws Exception {
        String session = tokens.open(exchange(), "10.0.0.1").orElseThrow();
        AuthenticatorHost.Exchange taken = tokens.take(session, "10.0.0.1").orElseThrow();
        assertThat(tokens.take(session, "10.0.0.1")).as("taken out while its step runs").isEmpty();
        tokens.resume(session, taken, "10.0.0.1");
        assertThat(tokens.take(session, "10.0.0.9")).as("another address").isEmpty();
        time.advance(AgentTokens.SESSION_TTL);
        assertThat(tokens.take(session, "10.0.0.1")).isEmpty();
        assertThat(aborted).hasValue(1);
        assertThat(tokens.held()).isZero();
    }

    @Test
    void aFloodOfExchangesIsBoundedPerAddressAndInTotal() throws Exception {
        for (int i = 0; i < AgentTokens.MAX_SESSIONS_PER_PEER; i++) {
            assertThat(tokens.open(exchange(), "10.0.0.1")).isPresent();
        }
        assertThat(tokens.open(exchange(), "10.0.0.1")).as("one address's share is used up").isEmpty();
        for (int i = AgentTokens.MAX_SESSIONS_PER_PEER; i < AgentTokens.MAX_SESSIONS; i++) {
            assertThat(tokens.open(exchange(), "10.0.1." + i)).isPresent();
        }
        assertThat(tokens.open(exchange(), "10.0.2.1")).as("the total is used up").isEmpty();
        assertThat(tokens.held()).isEqualTo(AgentTokens.MAX_SESSIONS);
        time.advance(AgentTokens.SESSION_TTL);
        assertThat(tokens.open(exchange(), "10.0.2.1")).as("room again once they expired").isPresent();
        assertThat(tokens.held()).isEqualTo(1);
    }
}
