package io.mezzo.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthenticationTest {
    private static final String SECRET = "s3cret-Hx05";
    private static final String PEER = "198.51.100.4";
    private static final AuthenticationStep FAILED =
            new AuthenticationStep.Refused(FailureThrottle.FAILED, Duration.ZERO);

    private final SettableClock clock = new SettableClock();
    private final Credentials credentials = Credentials.of(Map.of(
            "agent", SECRET.getBytes(StandardCharsets.UTF_8),
            "ops", "other".getBytes(StandardCharsets.UTF_8)));

    @Test
    void theRightSecretAuthenticatesThePrincipal() {
        try (Authentication authentication = new CredentialsAuthentication(credentials, clock)) {
            assertThat(authentication.basic("agent", SECRET, PEER)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
        }
    }

    @Test
    void aWrongSecretAndAnUnknownPrincipalAreRefusedWithTheSameAnswer() {
        try (Authentication authentication = new CredentialsAuthentication(credentials, clock)) {
            assertThat(authentication.basic("agent", "wrong", PEER)).isEqualTo(FAILED);
            assertThat(authentication.basic("nobody", SECRET, PEER)).isEqualTo(FAILED);
            assertThat(authentication.basic("ops", SECRET, PEER)).isEqualTo(FAILED);
        }
    }

    @Test
    void onlyTheWholeSecretMatches() {
        assertThat(credentials.matches("agent", SECRET)).isTrue();
        assertThat(credentials.matches("agent", SECRET.substring(0, SECRET.length() - 1))).isFalse();
        assertThat(credentials.matches("agent", SECRET + "x")).isFalse();
        assertThat(credentials.matches("agent", "")).isFalse();
        assertThat(credentials.matches("Agent", SECRET)).isFalse();
    }

    @Test
    void anUnknownPrincipalIsCheckedAgainstASecretNobodyKnows() {
        char[] forUnknown = credentials.passwordFor("nobody");
        assertThat(forUnknown).isNotEmpty();
        assertThat(new String(forUnknown)).isNotEqualTo(SECRET).isNotEqualTo("other");
        assertThat(credentials.matches("nobody", new String(forUnknown))).isFalse();
        assertThat(Credentials.of(Map.of()).passwordFor("nobody")).isNotEqualTo(forUnknown);
        assertThat(credentials.passwordFor("agent")).isEqualTo(SECRET.toCharArray());
    }

    @Test
    void repeatedBasicFailuresAreDelayedAndSuccessResetsThem() {
        try (Authentication authentication = new CredentialsAuthentication(credentials, clock)) {
            for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
                assertThat(authentication.basic("agent", "guess" + i, PEER)).isEqualTo(FAILED);
            }
            assertThat(authentication.basic("agent", "guess", PEER)).isEqualTo(refusedFor(1));
            assertThat(authentication.basic("agent", SECRET, PEER)).isEqualTo(refusedFor(1));
            clock.advance(Duration.ofSeconds(1));
            assertThat(authentication.basic("agent", "guess", PEER)).isEqualTo(refusedFor(2));
            clock.advance(Duration.ofSeconds(2));
            assertThat(authentication.basic("agent", SECRET, PEER)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
            assertThat(authentication.basic("agent", "guess", PEER)).isEqualTo(FAILED);
        }
    }

    @Test
    void anUnknownPrincipalIsSlowedDownLikeAKnownOne() {
        try (Authentication authentication = new CredentialsAuthentication(credentials, clock)) {
            for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
                authentication.basic("nobody", "guess" + i, PEER);
                authentication.basic("agent", "guess" + i, PEER);
            }
            assertThat(authentication.basic("nobody", "guess", PEER)).isEqualTo(refusedFor(1));
            assertThat(authentication.basic("agent", "guess", PEER)).isEqualTo(refusedFor(1));
        }
    }

    @Test
    void closingRefusesEveryLaterCheck() {
        Authentication authentication = new CredentialsAuthentication(credentials, clock);
        authentication.close();
        assertThat(authentication.basic("agent", SECRET, PEER))
                .isEqualTo(new AuthenticationStep.Refused("the authenticator is closed", Duration.ZERO));
    }

    @Test
    void noStepOrLogLineCarriesASecret() throws Exception {
        try (LogCapture log = new LogCapture();
             Authentication authentication = new CredentialsAuthentication(credentials, clock)) {
            StringBuilder answers = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                answers.append(authentication.basic("agent", SECRET + i, PEER));
                answers.append(authentication.basic("nobody", SECRET, PEER));
                answers.append(authentication.basic("ops", SECRET, PEER));
            }
            clock.advance(Duration.ofMinutes(5));
            answers.append(authentication.basic("agent", SECRET, PEER));
            assertThat(answers).doesNotContain(SECRET).doesNotContain("other");
            assertThat(log.lines()).isNotEmpty();
            assertThat(String.join("\n", log.lines())).doesNotContain(SECRET).doesNotContain("other");
        }
    }

    private static AuthenticationStep refusedFor(long seconds) {
        return new AuthenticationStep.Refused(FailureThrottle.FAILED, Duration.ofSeconds(seconds));
    }
}
