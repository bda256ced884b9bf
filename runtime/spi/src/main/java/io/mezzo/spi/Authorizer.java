package io.mezzo.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides who may do what, provided by a plugin bundle (Mezzo's own is
 * {@code bundles/authorizer}, Mesos's local authorizer over the ACL JSON format).
 *
 * <p>The service is a factory: the host {@linkplain #open opens} one {@link Authorization}
 * for its settings and opens a new one from the next service when the bundle is replaced
 * (live, highest {@code service.ranking} wins).
 */
@ConsumerType
public interface Authorizer {

    /**
     * Reads the ACLs and returns a ready authorization. Fails with a message naming what is
     * wrong (an unreadable file, invalid JSON, an unknown action or entity).
     */
    Authorization open(AuthorizationSettings settings) throws AuthorizationException;
}
