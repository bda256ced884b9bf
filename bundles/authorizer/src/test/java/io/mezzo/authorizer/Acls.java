package io.mezzo.authorizer;

import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.util.Optional;

/** Opens the bundle's authorizer over literal ACL JSON, as the host would. */
final class Acls {
    /** How table rows write an unauthenticated caller. */
    static final String ANONYMOUS = "-";

    private final Authorization authorization;

    private Acls(Authorization authorization) {
        this.authorization = authorization;
    }

    static Acls of(String aclsValue) {
        try {
            return new Acls(new LocalAuthorizer().open(new AuthorizationSettings(Optional.of(aclsValue))));
        } catch (AuthorizationException e) {
            throw new AssertionError("ACLs did not load: " + e.getMessage(), e);
        }
    }

    static Optional<String> principal(String written) {
        return written.equals(ANONYMOUS) ? Optional.empty() : Optional.of(written);
    }

    boolean allows(String principal, Action action, String object) {
        try {
            return authorization.authorized(principal(principal), action, object);
        } catch (AuthorizationException e) {
            throw new AssertionError("could not decide: " + e.getMessage(), e);
        }
    }

    /** One entry of {@code key} with the given entities, e.g. {@code entry("run_tasks", "users", ANY, NONE)}. */
    static String entry(String objectField, String principals, String objects) {
        return "{\"principals\": " + principals + ", \"" + objectField + "\": " + objects + "}";
    }

    static String document(boolean permissive, String key, String... entries) {
        return "{\"permissive\": " + permissive + ", \"" + key + "\": [" + String.join(", ", entries) + "]}";
    }
}
