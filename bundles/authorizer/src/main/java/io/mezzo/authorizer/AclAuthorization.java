package io.mezzo.authorizer;

import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import java.util.Objects;
import java.util.Optional;

/**
 * An opened authorizer over one immutable {@link AclTable}: a decision reads final fields and
 * one volatile flag, so any number of threads may ask at once without locking.
 */
final class AclAuthorization implements Authorization {
    private final AclTable table;
    private volatile boolean closed;

    AclAuthorization(AclTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean authorized(Optional<String> principal, Action action, String object)
            throws AuthorizationException {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(object, "object");
        if (closed) {
            throw new AuthorizationException("the ACL authorizer is closed: cannot decide " + action
                    + " on '" + object + "'");
        }
        return table.decide(principal, action, object);
    }

    @Override
    public void close() {
        closed = true;
    }
}
