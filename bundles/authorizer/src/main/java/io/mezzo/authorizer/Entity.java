package io.mezzo.authorizer;

import java.util.Optional;
import java.util.Set;

/**
 * One side of an ACL entry as written in Mesos's ACL JSON: {@code {"values": [...]}} (type
 * SOME, the default), {@code {"type": "ANY"}} or {@code {"type": "NONE"}}. Values are kept for
 * ANY and NONE too, since Mesos accepts them there, but they play no part in a decision.
 */
record Entity(Type type, Set<String> values) {

    enum Type { SOME, ANY, NONE }

    Entity {
        if (type == null || values == null) {
            throw new IllegalArgumentException("an ACL entity needs a type and values");
        }
        values = Set.copyOf(values);
    }

    /**
     * Whether this entity, as an entry's {@code principals}, applies to the caller. An
     * unauthenticated caller is Mesos's "ANY" request subject: only ANY and NONE entities apply
     * to it, never a list of names.
     */
    boolean appliesTo(Optional<String> principal) {
        return switch (type) {
            case SOME -> principal.isPresent() && values.contains(principal.get());
            case ANY, NONE -> true;
        };
    }

    /** Whether this entity, as an entry's object side, names {@code object} (exact match). */
    boolean names(String object) {
        return switch (type) {
            case SOME -> values.contains(object);
            case ANY, NONE -> true;
        };
    }
}
