package io.mezzo.internal.tls;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * How a client (an agent, a scheduler, the command line) reaches a master over TLS: which
 * certificates it trusts. With a CA file ({@code --ssl-ca}) it trusts exactly those; without,
 * the JDK's default trust store. Host names are always verified.
 *
 * @param caFile  the PEM CA bundle, when one was given
 * @param anchors its certificates, read and checked once
 */
public record ClientTls(Optional<Path> caFile, List<X509Certificate> anchors) {
    /** Appended to a handshake failure: the usual cause is the wrong CA. */
    static final String CA_HINT = "is --ssl-ca the CA that signed the master's certificate?";
    /** Appended when the certificate verified but names other hosts. */
    static final String NAME_HINT = "the master's certificate must name the host clients connect to"
            + " in its subject alternative names";

    public ClientTls {
        anchors = List.copyOf(anchors);
        if (caFile.isPresent() == anchors.isEmpty()) {
            throw new IllegalArgumentException("a CA file comes with its certificates, and only then");
        }
    }

    /**
     * Trusts the certificates in the PEM file {@code caFile}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static ClientTls trusting(Path caFile) {
        Path file = caFile.toAbsolutePath().normalize();
        return new ClientTls(Optional.of(file), PemFiles.certificates(file));
    }

    /** Trusts what the JDK trusts (a master with a certificate from a public CA). */
    public static ClientTls jdkDefaults() {
        return new ClientTls(Optional.empty(), List.of());
    }

    /** A context for {@link java.net.http.HttpClient}: the CA's certificates, else the JDK's default. */
    public SSLContext sslContext() {
        if (caFile.isPresent()) {
            return PemFiles.trusting(anchors);
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Why a request failed in the TLS handshake, when it did: the innermost message of the
     * failure (e.g. {@code unable to find valid certification path to requested target}, or
     * the host name that is not in the certificate) and what to check.
     */
    public static Optional<String> handshakeFailure(Throwable error) {
        boolean tls = false;
        Throwable innermost = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            tls |= t instanceof SSLException;
            innermost = t;
        }
        if (!tls) {
            return Optional.empty();
        }
        String message = innermost.getMessage();
        String reason = message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message;
        boolean wrongName = reason.contains("subject alternative names") || reason.contains("No name matching");
        return Optional.of(reason + "; " + (wrongName ? NAME_HINT : CA_HINT));
    }
}
