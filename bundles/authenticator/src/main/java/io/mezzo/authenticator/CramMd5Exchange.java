package io.mezzo.authenticator;

import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationStep;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * One CRAM-MD5 exchange (RFC 2195) on the JDK's SASL server. The server speaks first with a
 * challenge {@code <random.timestamp@host>}; the client answers once with
 * {@code principal SP hex(HMAC-MD5(secret, challenge))}; the answer is checked through the
 * {@link FailureThrottle}, keyed by the principal (before the first space) and the peer.
 */
final class CramMd5Exchange implements AuthenticationExchange {
    static final String CLOSED = "the authenticator is closed";
    private static final System.Logger LOG = System.getLogger(CramMd5Exchange.class.getName());

    private enum Stage { NEW, CHALLENGED, OVER }

    private final SaslServer server;
    private final String peer;
    private final FailureThrottle throttle;
    private final BooleanSupplier closed;
    private Stage stage = Stage.NEW;

    CramMd5Exchange(SaslServer server, String peer, FailureThrottle throttle, BooleanSupplier closed) {
        this.server = server;
        this.peer = peer;
        this.throttle = throttle;
        this.closed = closed;
    }

    @Override
    public AuthenticationStep begin() {
        if (closed.getAsBoolean()) {
            return end(CLOSED);
        }
        if (stage != Stage.NEW) {
            return end("the exchange has already begun");
        }
        try {
            byte[] challenge = server.evaluateResponse(new byte[0]);
            stage = Stage.CHALLENGED;
            return new AuthenticationStep.Challenge(challenge);
        } catch (SaslException | IllegalStateException e) {
            LOG.log(Level.WARNING, "cannot begin a CRAM-MD5 exchange with " + Printable.of(peer) + ": " + e.getMessage());
            return end(FailureThrottle.FAILED);
        }
    }

    @Override
    public AuthenticationStep respond(byte[] response) {
        if (closed.getAsBoolean()) {
            return end(CLOSED);
        }
        if (stage != Stage.CHALLENGED) {
            return end(stage == Stage.NEW ? "the exchange has not begun" : "the exchange is over");
        }
        stage = Stage.OVER;
        byte[] answer = response.clone();
        try {
            return throttle.attempt(principalOf(answer), peer, () -> check(answer));
        } finally {
            dispose();
        }
    }

    @Override
    public void abort() {
        stage = Stage.OVER;
        dispose();
    }

    /**
     * The name the JDK's server reads too: everything before the first space (so a principal
     * holding a space cannot use CRAM-MD5; the credentials file warns about such principals).
     */
    static String principalOf(byte[] response) {
        for (int i = 0; i < response.length; i++) {
            if (response[i] == ' ') {
                return new String(response, 0, i, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private Optional<String> check(byte[] answer) {
        try {
            server.evaluateResponse(answer);
            if (server.isComplete()) {
                return Optional.of(server.getAuthorizationID());
            }
            // CRAM-MD5 has one round; a server asking for more is not one we can trust.
            LOG.log(Level.WARNING, "CRAM-MD5 server wanted a second round with " + Printable.of(peer));
            return Optional.empty();
        } catch (SaslException | IllegalStateException e) {
            // The JDK's message names the principal at most, never the secret.
            LOG.log(Level.DEBUG, () -> "CRAM-MD5 exchange with " + Printable.of(peer) + " failed: "
                    + Printable.of(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    private AuthenticationStep end(String reason) {
        abort();
        return new AuthenticationStep.Refused(reason, Duration.ZERO);
    }

    private void dispose() {
        try {
            server.dispose();
        } catch (SaslException e) {
            LOG.log(Level.DEBUG, () -> "disposing a CRAM-MD5 server failed: " + e.getMessage());
        }
    }
}
