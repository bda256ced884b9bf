package io.mezzo.spi;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One opened authorizer. {@link #authorized} answers at once, without blocking IO, and is
 * safe to call from several threads: the host calls it on its event loops and on the
 * master's thread.
 */
@ConsumerType
public interface Authorization extends AutoCloseable {

    /**
     * Whether {@code principal} (empty for an unauthenticated caller) may perform
     * {@code action} on {@code object}; see {@link Action} for what the object is for each
     * action. Throws when the authorizer cannot decide: the host then refuses the request
     * (HTTP 503), never allows it.
     */
    boolean authorized(Optional<String> principal, Action action, String object) throws AuthorizationException;

    @Override
    void close();
}
