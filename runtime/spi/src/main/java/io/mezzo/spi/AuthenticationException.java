package io.mezzo.spi;

/** An authenticator that cannot start or cannot begin an exchange; the message says why. */
public final class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
