package io.mezzo.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random ACL documents, decided by the bundle and by a straightforward evaluation written from
 * Mesos's local authorizer description: request and entry entities compared through the
 * "matches" and "allows" tables, role entries split into one entry per {@code /%} value.
 */
class RandomizedAgreementTest {
    private static final String[] PRINCIPALS = {"a", "b", "c"};
    private static final String[] OBJECTS = {"x", "y", "*", "eng", "eng/web", "eng/web/api", "engineering", "eng/%"};
    private static final String[] ROLE_VALUES = {"x", "*", "eng", "eng/web", "eng/%", "eng/web/%"};
    private static final int DOCUMENTS = 400;

    /** An entity of the reference: a request or an entry side. */
    private record Side(Entity.Type type, List<String> values) {
    }

    private record Entry(Side subjects, Side objects) {
    }

    @Test
    void theBundleDecidesAsTheReferenceOnRandomDocuments() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < DOCUMENTS; n++) {
            boolean permissive = random.nextBoolean();
            Action action = Action.values()[random.nextInt(Action.values().length)];
            List<Entry> entries = randomEntries(random, isRoleAction(action));
            String json = document(permissive, action, entries);
            Acls acls = Acls.of(json);

            for (String principal : List.of("a", "b", "c", "d", Acls.ANONYMOUS)) {
                for (String object : OBJECTS) {
                    boolean expected = reference(entries, permissive, isRoleAction(action), principal, object);
                    assertThat(acls.allows(principal, action, object))
                            .as("seed %d, %s by %s on %s under %s", seed, action, principal, object, json)
                            .isEqualTo(expected);
                }
            }
        }
    }

    private static boolean isRoleAction(Action action) {
        return switch (action) {
            case REGISTER_FRAMEWORK, UPDATE_WEIGHT, GET_QUOTA, UPDATE_QUOTA -> true;
            case RUN_TASK, TEARDOWN_FRAMEWORK, VIEW_FRAMEWORK, VIEW_TASK, VIEW_EXECUTOR, REGISTER_AGENT,
                    GET_ENDPOINT_WITH_PATH -> false;
        };
    }

    private static List<Entry> randomEntries(Random random, boolean roles) {
        List<Entry> entries = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(randomSide(random, PRINCIPALS), randomSide(random, roles ? ROLE_VALUES : OBJECTS)));
        }
        return entries;
    }

    private static Side randomSide(Random random, String[] pool) {
        int pick = random.nextInt(5);
        if (pick == 0) {
            return new Side(Entity.Type.ANY, List.of());
        }
        if (pick == 1) {
            return new Side(Entity.Type.NONE, List.of());
        }
        List<String> values = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            values.add(pool[random.nextInt(pool.length)]);
        }
        return new Side(Entity.Type.SOME, values);
    }

    private static String document(boolean permissive, Action action, List<Entry> entries) {
        AclKey key = AclKey.governing(action);
        String written = entries.stream()
                .map(entry -> Acls.entry(key.objectField(), json(entry.subjects()), json(entry.objects())))
                .collect(Collectors.joining(", "));
        return "{\"permissive\": " + permissive + ", \"" + key.jsonKey() + "\": [" + written + "]}";
    }

    private static String json(Side side) {
        if (side.type() != Entity.Type.SOME) {
            return "{\"type\": \"" + side.type() + "\"}";
        }
        return side.values().stream().map(value -> "\"" + value + "\"")
                .collect(Collectors.joining(", ", "{\"values\": [", "]}"));
    }

    // The reference evaluation.

    private static boolean reference(List<Entry> entries, boolean permissive, boolean roles, String principal,
            String object) {
        Side subject = principal.equals(Acls.ANONYMOUS)
                ? new Side(Entity.Type.ANY, List.of())
                : new Side(Entity.Type.SOME, List.of(principal));
        Side requested = new Side(Entity.Type.SOME, List.of(object));
        Side any = new Side(Entity.Type.ANY, List.of());
        for (Entry entry : roles ? splitRoles(entries) : entries) {
            if (isRecursive(entry, roles)) {
                String parent = entry.objects().values().get(0);
                if (object.startsWith(parent.substring(0, parent.length() - 1))
                        && matches(subject, entry.subjects()) && matches(requested, any)) {
                    return allows(subject, entry.subjects()) && allows(requested, any);
                }
            } else if (matches(subject, entry.subjects()) && matches(requested, entry.objects())) {
                return allows(subject, entry.subjects()) && allows(requested, entry.objects());
            }
        }
        return permissive;
    }

    private static boolean isRecursive(Entry entry, boolean roles) {
        return roles && entry.objects().values().size() == 1 && entry.objects().values().get(0).endsWith("/%");
    }

    private static List<Entry> splitRoles(List<Entry> entries) {
        List<Entry> split = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.objects().type() != Entity.Type.SOME) {
                split.add(entry);
                continue;
            }
            List<String> plain = new ArrayList<>();
            for (String value : entry.objects().values()) {
                if (value.endsWith("/%")) {
                    split.add(new Entry(entry.subjects(), new Side(Entity.Type.SOME, List.of(value))));
                } else {
                    plain.add(value);
                }
            }
            if (!plain.isEmpty()) {
                split.add(new Entry(entry.subjects(), new Side(Entity.Type.SOME, plain)));
            }
        }
        return split;
    }

    /** Mesos's match table: a request entity against an entry entity. */
    private static boolean matches(Side request, Side acl) {
        return switch (request.type()) {
            case NONE -> acl.type() == Entity.Type.NONE;
            case ANY -> acl.type() == Entity.Type.ANY || acl.type() == Entity.Type.NONE;
            case SOME -> acl.type() != Entity.Type.SOME || acl.values().containsAll(request.values());
        };
    }

    /** Mesos's allow table, consulted for the first matching entry. */
    private static boolean allows(Side request, Side acl) {
        return switch (request.type()) {
            case NONE -> acl.type() == Entity.Type.NONE;
            case ANY -> acl.type() == Entity.Type.ANY;
            case SOME -> acl.type() == Entity.Type.ANY
                    || acl.type() == Entity.Type.SOME && acl.values().containsAll(request.values());
        };
    }
}
