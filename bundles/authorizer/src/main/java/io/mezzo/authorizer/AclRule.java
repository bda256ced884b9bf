package io.mezzo.authorizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ACL entry, ready to decide. Mesos's local authorizer compares a request with an entry
 * in two steps: the entry <em>matches</em> when both of its entities apply to the request, and
 * a matching entry then <em>allows</em> unless one of its entities is NONE. So NONE reads "this
 * applies, and the answer is no", while a list of names that does not contain the request's
 * value lets the search go on to the next entry.
 *
 * @param principals     the subjects
 * @param objects        the objects, compared by exact value
 * @param objectPrefixes for role actions, the prefixes of Mesos's recursive role values:
 *                       {@code "eng/%"} is kept as {@code "eng/"} and matches every role
 *                       strictly below {@code eng} ({@code eng/web}, {@code eng/web/a}), not
 *                       {@code eng} itself
 */
record AclRule(Entity principals, Entity objects, List<String> objectPrefixes) {

    private static final String RECURSIVE_SUFFIX = "/%";

    AclRule {
        if (principals == null || objects == null || objectPrefixes == null) {
            throw new IllegalArgumentException("an ACL rule needs principals, objects and prefixes");
        }
        objectPrefixes = List.copyOf(objectPrefixes);
    }

    /** An entry whose object values are compared as written. */
    static AclRule plain(Entity principals, Entity objects) {
        return new AclRule(principals, objects, List.of());
    }

    /**
     * An entry over roles: SOME values ending in {@code /%} become prefixes, as Mesos splits
     * such an entry into one recursive entry per wildcard value plus one for the rest. The
     * split entries share their subjects and all allow when they match, so keeping them in
     * one rule decides the same.
     */
    static AclRule overRoles(Entity principals, Entity roles) {
        if (roles.type() != Entity.Type.SOME) {
            return plain(principals, roles);
        }
        Set<String> exact = new LinkedHashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String role : roles.values()) {
            if (role.endsWith(RECURSIVE_SUFFIX)) {
                prefixes.add(role.substring(0, role.length() - 1));
            } else {
                exact.add(role);
            }
        }
        return new AclRule(principals, new Entity(Entity.Type.SOME, exact), prefixes);
    }

    boolean matches(Optional<String> principal, String object) {
        return principals.appliesTo(principal) && (objects.names(object) || belowAPrefix(object));
    }

    /** The decision of a matching rule. */
    boolean allows() {
        return principals.type() != Entity.Type.NONE && objects.type() != Entity.Type.NONE;
    }

    private boolean belowAPrefix(String object) {
        for (String prefix : objectPrefixes) {
            if (object.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
