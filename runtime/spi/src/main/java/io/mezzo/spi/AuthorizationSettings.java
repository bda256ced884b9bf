package io.mezzo.spi;

import java.util.Optional;

/**
 * What the host gives an authorizer.
 *
 * @param acls the master's {@code --acls} value as given: Mesos's ACL JSON itself, or the
 *             path of a file holding it (with or without {@code file://}); empty when none was
 *             given (the authorizer then allows everything, as Mesos's {@code permissive}
 *             default does)
 */
public record AuthorizationSettings(Optional<String> acls) {
    public AuthorizationSettings {
        if (acls == null) {
            throw new IllegalArgumentException("authorization settings need ACLs (or none)");
        }
    }
}
