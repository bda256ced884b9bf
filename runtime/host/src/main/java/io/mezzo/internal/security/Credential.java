package io.mezzo.internal.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.json.MezzoJson;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * One principal and its secret, as an agent ({@code --credential}) or a command-line client
 * presents them: Mesos's single-credential JSON file {@code {"principal":..,"secret":..}}. The
 * secret is never printed: {@link #toString()} names the principal only.
 */
public record Credential(String principal, String secret) {
    private static final Logger LOG = System.getLogger(Credential.class.getName());

    public Credential {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
        if (principal.isEmpty() || principal.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a principal must be non-empty and hold no ':'");
        }
    }

    /**
     * Reads {@code file} (a path or a {@code file://} URI), warning when users other than its
     * owner may read it. Fails with a message naming the file and the problem, never the secret.
     */
    public static Credential read(String file) {
        Path path = file.startsWith("file://") ? Path.of(URI.create(file)) : Path.of(file);
        JsonNode json;
        try {
            json = MezzoJson.mapper().readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credential file " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : "not JSON or unreadable ("
                    + e.getClass().getSimpleName() + ")"), e);
        }
        if (json == null || !json.path("principal").isTextual() || !json.path("secret").isTextual()) {
            throw new IllegalArgumentException("the credential file " + path + " must hold"
                    + " {\"principal\": \"...\", \"secret\": \"...\"} with both as strings");
        }
        Credential credential;
        try {
            credential = new Credential(json.get("principal").asText(), json.get("secret").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the credential file " + path + ": " + e.getMessage(), e);
        }
        warnIfShared(path);
        return credential;
    }

    /** As Mesos does: a secret others can read is no secret, but it is the operator's call. */
    static void warnIfShared(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                LOG.log(Level.WARNING, "the credential file " + path + " can be read by users other than its owner;"
                        + " restrict it with 'chmod 600 " + path + "'");
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.log(Level.DEBUG, "cannot check the permissions of " + path + ": " + e);
        }
    }

    /** The HTTP Basic form of this credential. */
    public BasicCredentials basic() {
        return new BasicCredentials(principal, secret);
    }

    @Override
    public String toString() {
        return "Credential[principal=" + principal + ", secret=<hidden>]";
    }
}
