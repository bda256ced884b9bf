package io.mezzo.internal.cli;

import io.mezzo.spi.AuthorizationSettings;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A master's authorization flag, named as Mesos names it. */
final class AuthorizationOptions {
    @Option(names = "--acls", paramLabel = "JSON|PATH",
            description = "Access control lists in Mesos's ACL JSON format: the JSON itself, or the path of a file"
                    + " holding it (with or without file://). The authorizer plugin enforces them; ACLs it cannot"
                    + " read stop the master from starting. Without --acls every request is allowed.")
    String acls;

    AuthorizationSettings settings() {
        return new AuthorizationSettings(Optional.ofNullable(acls).filter(a -> !a.isBlank()));
    }

    /**
     * The flag for {@code /state}, as given on the command line: a path stays a path, the
     * file's contents are never shown.
     */
    Map<String, String> flags() {
        return Map.of("acls", acls == null ? "" : acls);
    }
}
