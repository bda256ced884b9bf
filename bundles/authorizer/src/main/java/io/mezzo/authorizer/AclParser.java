package io.mezzo.authorizer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.spi.Action;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Mesos's ACL JSON into an {@link AclTable}, stricter than Mesos where Mesos would
 * silently drop a misspelt name: an unknown key, a duplicate key or an unknown field is an
 * error, since a misspelt action would otherwise leave that action unguarded. Every error
 * names the JSON path of the bad value ({@code run_tasks[2].users.type}).
 */
final class AclParser {
    private static final String PERMISSIVE = "permissive";
    private static final String PRINCIPALS = "principals";
    private static final String TYPE = "type";
    private static final String VALUES = "values";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AclParser() {
    }

    static AclTable parse(String json) throws InvalidAclsException {
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new InvalidAclsException("ACLs must be a JSON object, not " + describe(root));
        }
        boolean permissive = true;
        Map<AclKey, List<AclRule>> entries = new EnumMap<>(AclKey.class);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (name.equals(PERMISSIVE)) {
                permissive = readBoolean(name, field.getValue());
            } else {
                AclKey key = AclKey.byJsonKey(name).orElseThrow(() -> InvalidAclsException.at(name,
                        "unknown ACL key: Mesos has no action of that name"));
                entries.put(key, readEntries(key, field.getValue()));
            }
        }
        return table(entries, permissive);
    }

    private static JsonNode readTree(String json) throws InvalidAclsException {
        if (json.isBlank()) {
            throw new InvalidAclsException("ACLs are empty: expected a JSON object");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidAclsException("ACLs are not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static AclTable table(Map<AclKey, List<AclRule>> entries, boolean permissive) {
        Map<Action, List<AclRule>> rules = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            rules.put(action, entries.getOrDefault(AclKey.governing(action), List.of()));
        }
        Set<AclKey> unenforced = EnumSet.noneOf(AclKey.class);
        for (AclKey key : entries.keySet()) {
            if (!key.enforced()) {
                unenforced.add(key);
            }
        }
        return new AclTable(rules, permissive, unenforced);
    }

    private static boolean readBoolean(String path, JsonNode node) throws InvalidAclsException {
        if (!node.isBoolean()) {
            throw InvalidAclsException.at(path, "must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    private static List<AclRule> readEntries(AclKey key, JsonNode node) throws InvalidAclsException {
        String path = key.jsonKey();
        if (!node.isArray()) {
            throw InvalidAclsException.at(path, "must be an array of ACL entries, not " + describe(node));
        }
        List<AclRule> rules = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            rules.add(readEntry(key, path + "[" + i + "]", node.get(i)));
        }
        return List.copyOf(rules);
    }

    private static AclRule readEntry(AclKey key, String path, JsonNode node) throws InvalidAclsException {
        String objectField = key.objectField();
        String expected = "'" + PRINCIPALS + "' and '" + objectField + "'";
        if (!node.isObject()) {
            throw InvalidAclsException.at(path, "must be an object with " + expected + ", not " + describe(node));
        }
        requireOnly(path, node, Set.of(PRINCIPALS, objectField), expected);
        Entity principals = readEntity(path + "." + PRINCIPALS, required(path, node, PRINCIPALS));
        String objectPath = path + "." + objectField;
        Entity objects = readEntity(objectPath, required(path, node, objectField));
        return switch (key.objectKind()) {
            case NAMED -> AclRule.plain(principals, objects);
            case ROLES -> AclRule.overRoles(principals, objects);
            case IMPLICIT -> {
                if (objects.type() == Entity.Type.SOME) {
                    throw InvalidAclsException.at(objectPath, "must be {\"type\": \"ANY\"} or {\"type\": \"NONE\"}:"
                            + " Mesos gives the object of '" + key.jsonKey() + "' implicitly");
                }
                yield AclRule.plain(principals, objects);
            }
        };
    }

    private static Entity readEntity(String path, JsonNode node) throws InvalidAclsException {
        if (!node.isObject()) {
            throw InvalidAclsException.at(path, "must be an entity object ({\"values\": [...]},"
                    + " {\"type\": \"ANY\"} or {\"type\": \"NONE\"}), not " + describe(node));
        }
        requireOnly(path, node, Set.of(TYPE, VALUES), "'" + TYPE + "' and '" + VALUES + "'");
        Entity.Type type = node.has(TYPE) ? readType(path + "." + TYPE, node.get(TYPE)) : Entity.Type.SOME;
        Set<String> values = node.has(VALUES) ? readValues(path + "." + VALUES, node.get(VALUES)) : Set.of();
        return new Entity(type, values);
    }

    private static Entity.Type readType(String path, JsonNode node) throws InvalidAclsException {
        if (!node.isTextual()) {
            throw InvalidAclsException.at(path, "must be \"SOME\", \"ANY\" or \"NONE\", not " + describe(node));
        }
        String text = node.textValue();
        for (Entity.Type type : Entity.Type.values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        throw InvalidAclsException.at(path, "unknown entity type '" + text + "' (expected SOME, ANY or NONE)");
    }

    private static Set<String> readValues(String path, JsonNode node) throws InvalidAclsException {
        if (!node.isArray()) {
            throw InvalidAclsException.at(path, "must be an array of strings, not " + describe(node));
        }
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isTextual()) {
                throw InvalidAclsException.at(path + "[" + i + "]", "must be a string, not " + describe(value));
            }
            values.add(value.textValue());
        }
        return values;
    }

    private static JsonNode required(String path, JsonNode entry, String field) throws InvalidAclsException {
        JsonNode value = entry.get(field);
        if (value == null) {
            throw InvalidAclsException.at(path + "." + field, "missing; every entry needs it");
        }
        return value;
    }

    private static void requireOnly(String path, JsonNode node, Set<String> known, String expected)
            throws InvalidAclsException {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                throw InvalidAclsException.at(path + "." + name, "unknown field (expected " + expected + ")");
            }
        }
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
