package io.mezzo.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides who a caller is, provided by a plugin bundle (Mezzo's own is
 * {@code bundles/authenticator}: CRAM-MD5 through the JDK's SASL and HTTP Basic, against a
 * credentials file in Mesos's format).
 *
 * <p>The service itself is a factory: the host {@linkplain #open opens} one
 * {@link Authentication} for its settings, and opens a new one from the next service when the
 * bundle is replaced (live, highest {@code service.ranking} wins).
 */
@ConsumerType
public interface Authenticator {

    /**
     * Reads the credentials the settings name and returns a ready authentication. Fails with a
     * message naming the file and what is wrong with it (missing, unreadable, not Mesos's JSON).
     */
    Authentication open(AuthenticationSettings settings) throws AuthenticationException;
}
