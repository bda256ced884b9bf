package io.mezzo.internal.cli;

import io.mezzo.internal.security.Credential;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The credential an agent or a client presents to the master. */
final class CredentialOption {
    @Option(names = "--credential", paramLabel = "FILE",
            description = "Authenticate to the master as the principal in FILE, Mesos's JSON"
                    + " {\"principal\":\"p\",\"secret\":\"s\"} (a path or file://...). Keep it readable by you only.")
    String file;

    /** The credential, read once; fails naming the file and what is wrong. */
    Optional<Credential> credential() {
        return file == null ? Optional.empty() : Optional.of(Credential.read(file));
    }

    /** The {@code Authorization} header for HTTP clients (none without a credential). */
    static Supplier<Map<String, String>> headers(Optional<Credential> credential) {
        Map<String, String> headers = credential.map(c -> Map.of("Authorization", c.basic().header()))
                .orElse(Map.of());
        return () -> headers;
    }
}
