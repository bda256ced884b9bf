package io.mezzo.internal.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The master's own certificate and key ({@code --ssl-cert}, {@code --ssl-key}), checked
 * when it starts: both files are PEM, the key belongs to the certificate. Only the paths are
 * kept; the key is read by the HTTP server, never held in a value that could be printed.
 *
 * @param certFile the certificate (chain), leaf first
 * @param keyFile  its private key, unencrypted PEM
 * @param caFile   the CA bundle the master's hosted scripts trust when they call it back;
 *                 without one they trust {@code certFile} itself
 */
public record ServerTls(Path certFile, Path keyFile, Optional<Path> caFile) {
    public ServerTls {
        if (certFile == null || keyFile == null || caFile == null) {
            throw new IllegalArgumentException("a TLS server needs a certificate file and a key file");
        }
        certFile = certFile.toAbsolutePath().normalize();
        keyFile = keyFile.toAbsolutePath().normalize();
        caFile = caFile.map(f -> f.toAbsolutePath().normalize());
    }

    /**
     * Reads and checks the files.
     *
     * @throws IllegalArgumentException naming the flag and the file that is unreadable, not
     *                                  PEM, or a key that does not belong to the certificate
     */
    public static ServerTls load(Path certFile, Path keyFile, Optional<Path> caFile) {
        ServerTls tls = new ServerTls(certFile, keyFile, caFile);
        X509Certificate leaf = checked("--ssl-cert", () -> PemFiles.certificates(tls.certFile).get(0));
        checked("--ssl-key", () -> {
            PemFiles.checkKey(tls.keyFile, leaf, tls.certFile);
            return null;
        });
        tls.caFile.ifPresent(ca -> checked("--ssl-ca", () -> PemFiles.certificates(ca)));
        return tls;
    }

    private static <T> T checked(String flag, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the master's hosted scripts trust when they call their master over loopback: the
     * CA bundle when there is one, else the master's own certificate (so the certificate must
     * name {@code 127.0.0.1} or {@code localhost} among its subject alternative names).
     */
    public ClientTls hostedTrust() {
        return ClientTls.trusting(caFile.orElse(certFile));
    }
}
