package io.mezzo.spi;

/** An authorizer that cannot start or cannot decide; the message says why. */
public final class AuthorizationException extends Exception {
    public AuthorizationException(String message) {
        super(message);
    }

    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
