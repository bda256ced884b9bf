package io.mezzo.internal.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with {@code openssl}, the way the security docs
 * tell users to make one: {@code req -x509} for the CA, {@code req -new} and
 * {@code x509 -req -extfile} for each certificate it issues.
 *
 * @param cert the CA's certificate (what clients pass as {@code --ssl-ca})
 * @param key  the CA's private key
 */
public record TestCa(Path cert, Path key) {
    private static final long OPENSSL_WAIT_SECONDS = 60;

    /** A server certificate and its key, signed by this CA. */
    public record Issued(Path cert, Path key) {
    }

    /** Makes a CA named {@code name} in {@code dir}. */
    public static TestCa create(Path dir, String name) {
        Path cert = dir.resolve(name + "-ca.pem");
        Path key = dir.resolve(name + "-ca-key.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=" + name + " test CA");
        return new TestCa(cert, key);
    }

    /** The usual master certificate: valid for {@code 127.0.0.1} and {@code localhost}. */
    public Issued issueForLoopback(String name) {
        return issue(name, "DNS:localhost, IP:127.0.0.1");
    }

    /** A server certificate for the subject alternative names {@code san} (e.g. {@code DNS:a, IP:127.0.0.1}). */
    public Issued issue(String name, String san) {
        Path dir = cert.getParent();
        Path key = dir.resolve(name + "-key.pem");
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + "-san.ext");
        Path issued = dir.resolve(name + ".pem");
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                csr.toString(), "-subj", "/CN=" + name);
        try {
            Files.writeString(ext, "subjectAltName = " + san + "\nextendedKeyUsage = serverAuth\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", cert.toString(), "-CAkey", this.key.toString(),
                "-CAcreateserial", "-out", issued.toString(), "-days", "2", "-extfile", ext.toString());
        return new Issued(issued, key);
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(OPENSSL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl " + args[0] + " did not finish in " + OPENSSL_WAIT_SECONDS
                        + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed (" + p.exitValue()
                        + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
