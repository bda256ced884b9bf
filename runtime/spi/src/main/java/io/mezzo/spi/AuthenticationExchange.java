package io.mezzo.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One challenge–response exchange (SASL style). The server speaks first: {@link #begin()}
 * gives the first challenge, and each {@link #respond} answers the client's response with
 * another challenge, the authenticated principal, or a refusal. After a principal or a
 * refusal the exchange is over; further calls are refused. Not thread-safe: the host drives
 * one exchange from one place at a time.
 */
@ConsumerType
public interface AuthenticationExchange {

    /** The first challenge (for CRAM-MD5, the nonce the client must answer). */
    AuthenticationStep begin();

    /** The client's answer to the last challenge. */
    AuthenticationStep respond(byte[] response);

    /** Ends the exchange early (the client went away or took too long). */
    void abort();
}
