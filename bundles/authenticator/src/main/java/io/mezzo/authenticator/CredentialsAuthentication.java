package io.mezzo.authenticator;

import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationStep;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * Authentication against one set of {@link Credentials}: CRAM-MD5 exchanges on the JDK's SASL
 * server and HTTP Basic, both slowed down on repeated failures by one shared
 * {@link FailureThrottle}. Closing drops the credentials; every later step is refused.
 */
final class CredentialsAuthentication implements Authentication {
    static final String CRAM_MD5 = "CRAM-MD5";
    /** SASL's service name and the host named in every challenge; clients do not check them. */
    static final String PROTOCOL = "mezzo";
    static final String SERVER_NAME = "mezzo-master";
    private static final List<String> MECHANISMS = List.of(CRAM_MD5);

    private final FailureThrottle throttle;
    private volatile Credentials credentials;
    private volatile boolean closed;

    CredentialsAuthentication(Credentials credentials, InstantSource clock) {
        this(credentials, new FailureThrottle(clock));
    }

    CredentialsAuthentication(Credentials credentials, FailureThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    @Override
    public List<String> mechanisms() {
        return MECHANISMS;
    }

    @Override
    public AuthenticationExchange start(String mechanism, String peer) throws AuthenticationException {
        Objects.requireNonNull(peer, "peer");
        if (!MECHANISMS.contains(mechanism)) {
            throw new AuthenticationException("mechanism '" + Printable.of(String.valueOf(mechanism))
                    + "' is not offered; offered: " + String.join(", ", MECHANISMS));
        }
        SaslServer server;
        try {
            server = Sasl.createSaslServer(CRAM_MD5, PROTOCOL, SERVER_NAME, null, new SecretLookup(credentials));
        } catch (SaslException e) {
            throw new AuthenticationException("cannot start a " + CRAM_MD5 + " exchange: " + e.getMessage(), e);
        }
        if (server == null) {
            throw new AuthenticationException("cannot start a " + CRAM_MD5
                    + " exchange: this JVM has no SASL server for it (the JDK's SunSASL provider is missing)");
        }
        return new CramMd5Exchange(server, peer, throttle, () -> closed);
    }

    @Override
    public AuthenticationStep basic(String principal, String secret, String peer) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(peer, "peer");
        if (closed) {
            return new AuthenticationStep.Refused(CramMd5Exchange.CLOSED, Duration.ZERO);
        }
        Credentials known = credentials;
        return throttle.attempt(principal, peer,
                () -> known.matches(principal, secret) ? Optional.of(principal) : Optional.empty());
    }

    @Override
    public void close() {
        closed = true;
        credentials = Credentials.none();
    }
}
