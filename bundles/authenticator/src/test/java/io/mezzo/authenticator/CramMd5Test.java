package io.mezzo.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CRAM-MD5 against the JDK's own SASL client, as an agent would speak it. */
class CramMd5Test {
    private static final String SECRET = "s3cret-Qw27";
    private static final String PEER = "10.0.0.7";
    private static final AuthenticationStep FAILED =
            new AuthenticationStep.Refused(FailureThrottle.FAILED, Duration.ZERO);

    private final SettableClock clock = new SettableClock();
    private final Authentication authentication = new CredentialsAuthentication(Credentials.of(Map.of(
            "agent", SECRET.getBytes(StandardCharsets.UTF_8),
            "ops team", "spaced out".getBytes(StandardCharsets.UTF_8))), clock);
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void noSecretWasLogged() {
        authentication.close();
        log.close();
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET).doesNotContain("spaced out");
    }

    @Test
    void theJdkClientWithTheRightSecretIsAuthenticated() throws Exception {
        assertThat(authentication.mechanisms()).containsExactly("CRAM-MD5");
        assertThat(exchange("agent", SECRET)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
    }

    @Test
    void aPrincipalWithASpaceCannotUseCramMd5ButCanUseBasic() throws Exception {
        // The JDK's server ends the principal at the first space of the response.
        assertThat(exchange("ops team", "spaced out")).isEqualTo(FAILED);
        assertThat(authentication.basic("ops team", "spaced out", PEER))
                .isEqualTo(new AuthenticationStep.Authenticated("ops team"));
    }

    @Test
    void theThrottleKeysAnExchangeByThePrincipalTheServerReads() {
        assertThat(CramMd5Exchange.principalOf("ops team 0af3".getBytes(StandardCharsets.UTF_8))).isEqualTo("ops");
        assertThat(CramMd5Exchange.principalOf("jürgen 0af3".getBytes(StandardCharsets.UTF_8))).isEqualTo("jürgen");
        assertThat(CramMd5Exchange.principalOf("nospace".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aWrongSecretAndAnUnknownPrincipalAreRefusedAlike() throws Exception {
        AuthenticationStep wrongSecret = exchange("agent", "guess");
        AuthenticationStep unknown = exchange("nobody", SECRET);
        assertThat(wrongSecret).isEqualTo(FAILED);
        assertThat(unknown).isEqualTo(FAILED);
    }

    @Test
    void anotherPrincipalsSecretDoesNotAuthenticate() throws Exception {
        assertThat(exchange("ops team", SECRET)).isEqualTo(FAILED);
    }

    @Test
    void theWireFormatIsPrincipalSpaceHexHmacMd5OfTheChallenge() throws Exception {
        AuthenticationExchange exchange = authentication.start("CRAM-MD5", PEER);
        byte[] challenge = challenge(exchange.begin());
        // RFC 2195: <random.timestamp@host>, here with the master's fixed SASL host name.
        assertThat(new String(challenge, StandardCharsets.US_ASCII)).matches("<-?\\d+\\.\\d+@mezzo-master>");

        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        String response = "agent " + HexFormat.of().formatHex(hmac.doFinal(challenge));
        assertThat(exchange.respond(response.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new AuthenticationStep.Authenticated("agent"));
    }

    @Test
    void everyExchangeGetsItsOwnChallenge() throws Exception {
        byte[] first = challenge(authentication.start("CRAM-MD5", PEER).begin());
        byte[] second = challenge(authentication.start("CRAM-MD5", PEER).begin());
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anAnswerToAnotherExchangesChallengeIsRefused() throws Exception {
        AuthenticationExchange replayed = authentication.start("CRAM-MD5", PEER);
        replayed.begin();
        byte[] otherChallenge = challenge(authentication.start("CRAM-MD5", PEER).begin());
        assertThat(replayed.respond(client("agent", SECRET).evaluateChallenge(otherChallenge))).isEqualTo(FAILED);
    }

    @Test
    void aResponseWithoutASpaceIsRefused() throws Exception {
        AuthenticationExchange exchange = authentication.start("CRAM-MD5", PEER);
        exchange.begin();
        assertThat(exchange.respond("garbage".getBytes(StandardCharsets.UTF_8))).isEqualTo(FAILED);
    }

    @Test
    void anotherMechanismIsRefusedNamingWhatIsOffered() {
        assertThatThrownBy(() -> authentication.start("PLAIN", PEER)).isInstanceOf(AuthenticationException.class)
                .hasMessage("mechanism 'PLAIN' is not offered; offered: CRAM-MD5");
    }

    @Test
    void stepsOutOfOrderAreRefused() throws Exception {
        AuthenticationExchange early = authentication.start("CRAM-MD5", PEER);
        assertThat(early.respond("agent 00".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new AuthenticationStep.Refused("the exchange has not begun", Duration.ZERO));

        AuthenticationExchange twice = authentication.start("CRAM-MD5", PEER);
        SaslClient client = client("agent", SECRET);
        byte[] response = client.evaluateChallenge(challenge(twice.begin()));
        assertThat(twice.respond(response)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
        assertThat(twice.respond(response))
                .isEqualTo(new AuthenticationStep.Refused("the exchange is over", Duration.ZERO));
        assertThat(twice.begin()).isInstanceOf(AuthenticationStep.Refused.class);
    }

    @Test
    void anAbortedExchangeRefusesItsAnswer() throws Exception {
        AuthenticationExchange exchange = authentication.start("CRAM-MD5", PEER);
        byte[] response = client("agent", SECRET).evaluateChallenge(challenge(exchange.begin()));
        exchange.abort();
        assertThat(exchange.respond(response)).isInstanceOf(AuthenticationStep.Refused.class);
    }

    @Test
    void closingRefusesExchangesInFlightAndLaterOnes() throws Exception {
        AuthenticationExchange inFlight = authentication.start("CRAM-MD5", PEER);
        byte[] response = client("agent", SECRET).evaluateChallenge(challenge(inFlight.begin()));
        authentication.close();
        AuthenticationStep closed = new AuthenticationStep.Refused("the authenticator is closed", Duration.ZERO);
        assertThat(inFlight.respond(response)).isEqualTo(closed);
        assertThat(authentication.start("CRAM-MD5", PEER).begin()).isEqualTo(closed);
        assertThat(authentication.basic("agent", SECRET, PEER)).isEqualTo(closed);
    }

    @Test
    void repeatedFailuresSlowDownExchangesAndHoldOffEvenTheRightSecret() throws Exception {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            assertThat(exchange("agent", "guess" + i)).isEqualTo(FAILED);
        }
        assertThat(exchange("agent", "guess")).isEqualTo(refusedFor(Duration.ofSeconds(1)));
        clock.advance(Duration.ofMillis(400));
        assertThat(exchange("agent", SECRET)).isEqualTo(refusedFor(Duration.ofMillis(600)));
        // Another address is not held off by this one's failures.
        assertThat(exchange("agent", SECRET, "10.0.0.8")).isEqualTo(new AuthenticationStep.Authenticated("agent"));

        clock.advance(Duration.ofMillis(600));
        assertThat(exchange("agent", SECRET)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
        assertThat(exchange("agent", "guess")).isEqualTo(FAILED);
    }

    @Test
    void basicAndExchangesShareTheFailureCount() throws Exception {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            assertThat(authentication.basic("agent", "guess" + i, PEER)).isEqualTo(FAILED);
        }
        assertThat(exchange("agent", "guess")).isEqualTo(refusedFor(Duration.ofSeconds(1)));
        assertThat(authentication.basic("agent", SECRET, PEER)).isEqualTo(refusedFor(Duration.ofSeconds(1)));
    }

    private static AuthenticationStep refusedFor(Duration delay) {
        return new AuthenticationStep.Refused(FailureThrottle.FAILED, delay);
    }

    private AuthenticationStep exchange(String principal, String secret) throws Exception {
        return exchange(principal, secret, PEER);
    }

    /** One whole exchange, the client side being the JDK's CRAM-MD5 client. */
    private AuthenticationStep exchange(String principal, String secret, String peer) throws Exception {
        AuthenticationExchange exchange = authentication.start("CRAM-MD5", peer);
        SaslClient client = client(principal, secret);
        assertThat(client.hasInitialResponse()).isFalse();
        byte[] response = client.evaluateChallenge(challenge(exchange.begin()));
        return exchange.respond(response);
    }

    private static byte[] challenge(AuthenticationStep step) {
        assertThat(step).isInstanceOf(AuthenticationStep.Challenge.class);
        return ((AuthenticationStep.Challenge) step).data();
    }

    private static SaslClient client(String principal, String secret) throws Exception {
        SaslClient client = Sasl.createSaslClient(new String[] {"CRAM-MD5"}, null, "mezzo", "mezzo-master", null,
                callbacks -> {
                    for (Callback callback : callbacks) {
                        if (callback instanceof NameCallback name) {
                            name.setName(principal);
                        } else if (callback instanceof PasswordCallback password) {
                            password.setPassword(secret.toCharArray());
                        } else {
                            throw new UnsupportedCallbackException(callback);
                        }
                    }
                });
        assertThat(client).isNotNull();
        return client;
    }
}
