package io.mezzo.internal.scheduler;

import io.mezzo.internal.tls.ClientTls;
import java.util.Optional;

/** Why an HTTP request to a master failed, in the words a user needs. */
public final class RequestFailures {
    private RequestFailures() {
    }

    /** A failed request in a user's words: {@code connection refused}, not the wrapped exception. */
    public static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        Optional<String> handshake = ClientTls.handshakeFailure(cause);
        if (handshake.isPresent()) {
            return "TLS handshake failed: " + handshake.get();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
