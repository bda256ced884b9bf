package io.mezzo.internal.security;

/**
 * The authenticator cannot answer (no plugin installed, it failed to open its credentials,
 * or it threw): a request that needs authentication is answered 503, never let through.
 */
public final class AuthenticationUnavailable extends Exception {
    public AuthenticationUnavailable(String reason) {
        super(reason);
    }
}
