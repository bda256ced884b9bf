package io.mezzo.authorizer;

import io.mezzo.spi.Action;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision table read from one ACL document: for each enforced action its entries in the
 * order written, and what to answer when none matches. Immutable, so {@link #decide} needs no
 * lock.
 *
 * @param rules          the entries of each enforced action; an action without entries is
 *                       decided by {@code permissive}
 * @param permissive     the answer when no entry matches (Mesos's default: {@code true})
 * @param unenforcedKeys the Mesos ACL keys present in the document that Mezzo does not enforce
 */
record AclTable(Map<Action, List<AclRule>> rules, boolean permissive, Set<AclKey> unenforcedKeys) {

    /** What Mesos does without ACLs: every request is allowed. */
    static final AclTable ALLOW_ALL = new AclTable(Map.of(), true, Set.of());

    AclTable {
        if (rules == null || unenforcedKeys == null) {
            throw new IllegalArgumentException("an ACL table needs rules and unenforced keys");
        }
        EnumMap<Action, List<AclRule>> copy = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            copy.put(action, List.copyOf(rules.getOrDefault(action, List.of())));
        }
        rules = Collections.unmodifiableMap(copy);
        unenforcedKeys = Set.copyOf(unenforcedKeys);
    }

    /** The first entry that matches decides; {@code permissive} when none does. */
    boolean decide(Optional<String> principal, Action action, String object) {
        for (AclRule rule : rules.get(action)) {
            if (rule.matches(principal, object)) {
                return rule.allows();
            }
        }
        return permissive;
    }

    int ruleCount() {
        return rules.values().stream().mapToInt(List::size).sum();
    }
}
