package io.mezzo.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads PEM certificates and keys and checks them at startup, so that a wrong file is named
 * there and then instead of surfacing as a handshake failure on the first connection.
 * Errors are {@link IllegalArgumentException}s naming the file; the caller adds the flag.
 */
final class PemFiles {
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemFiles() {
    }

    /** Every X.509 certificate in {@code file}, at least one. */
    static List<X509Certificate> certificates(Path file) {
        byte[] bytes = read(file);
        if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("'" + file + "' holds no PEM certificate"
                    + " (expected a -----BEGIN CERTIFICATE----- block)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("'" + file + "' is not a valid PEM certificate file: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("'" + file + "' holds no PEM certificate");
        }
        return List.copyOf(certificates);
    }

    /**
     * Checks that {@code keyFile} holds a PEM private key and, for a PKCS#8 key (what
     * {@code openssl req -newkey} writes), that it belongs to {@code certificate}. Older PKCS#1
     * and SEC1 keys are only checked for being PEM; the server's own loader reads them.
     */
    static void checkKey(Path keyFile, X509Certificate certificate, Path certFile) {
        String text = new String(read(keyFile), StandardCharsets.US_ASCII);
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("'" + keyFile + "' is an encrypted key; give the key unencrypted"
                    + " (openssl pkey -in " + keyFile + " -out key.pem) and protect the file instead");
        }
        Matcher m = KEY_BLOCK.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("'" + keyFile + "' holds no PEM private key"
                    + " (expected a -----BEGIN PRIVATE KEY----- block)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + keyFile + "' is not valid PEM: " + e.getMessage(), e);
        }
        if (!m.group(1).equals("PRIVATE KEY")) {
            return;
        }
        String algorithm = certificate.getPublicKey().getAlgorithm();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + keyFile + "' is not a " + algorithm + " private key for the "
                    + algorithm + " certificate in '" + certFile + "': " + e.getMessage(), e);
        }
        signatureAlgorithm(algorithm).ifPresent(signature -> {
            if (!signsFor(key, certificate, signature)) {
                throw new IllegalArgumentException("the key in '" + keyFile + "' does not belong to the certificate"
                        + " in '" + certFile + "'");
            }
        });
    }

    private static Optional<String> signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EC" -> Optional.of("SHA256withECDSA");
            case "Ed25519", "EdDSA" -> Optional.of("Ed25519");
            default -> Optional.empty();
        };
    }

    /** Whether a signature made with {@code key} verifies with the certificate's public key. */
    private static boolean signsFor(PrivateKey key, X509Certificate certificate, String algorithm) {
        byte[] probe = "mezzo key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A TLS context that trusts exactly {@code anchors} (and verifies host names, as every JDK client does). */
    static SSLContext trusting(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read '" + file + "': " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
