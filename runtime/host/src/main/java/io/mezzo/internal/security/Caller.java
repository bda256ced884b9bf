package io.mezzo.internal.security;

import java.util.Optional;

/**
 * Who made a request: the principal it authenticated as, or nobody (authentication off for
 * the endpoint's realm, or an endpoint that is never authenticated).
 */
public record Caller(Optional<String> principal) {
    public static final Caller ANONYMOUS = new Caller(Optional.empty());

    public Caller {
        if (principal == null || principal.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("a caller's principal is absent or non-empty");
        }
    }

    public static Caller of(String principal) {
        return new Caller(Optional.of(principal));
    }

    @Override
    public String toString() {
        return principal.map(p -> "principal '" + p + "'").orElse("an unauthenticated caller");
    }
}
