package io.mezzo.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One opened authenticator. Every method answers at once, without blocking IO, and is safe to
 * call from several threads: the host calls it on its event loops. Implementations never log
 * or return a secret.
 */
@ConsumerType
public interface Authentication extends AutoCloseable {

    /** The challenge–response mechanisms offered to agents, best first (e.g. {@code CRAM-MD5}). */
    List<String> mechanisms();

    /**
     * Begins a challenge–response exchange with a client at {@code peer} (its IP address).
     * Fails with a message when the mechanism is not offered.
     */
    AuthenticationExchange start(String mechanism, String peer) throws AuthenticationException;

    /**
     * HTTP Basic: checks {@code secret} for {@code principal}. The answer is
     * {@link AuthenticationStep.Authenticated} or {@link AuthenticationStep.Refused}, never a
     * challenge. Repeated failures for a principal and address are slowed down through
     * {@link AuthenticationStep.Refused#delay()}.
     */
    AuthenticationStep basic(String principal, String secret, String peer);

    /** Releases what the authentication holds (its exchanges fail afterwards). */
    @Override
    void close();
}
