package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a framework script exports besides its callbacks, as the prelude validated it.
 *
 * @param failoverTimeout seconds, when the script set one
 */
record ScriptExport(String name, List<String> roles, Optional<Double> failoverTimeout, boolean autoAcknowledge) {
    ScriptExport {
        roles = List.copyOf(roles);
    }

    static ScriptExport of(JsonNode described) {
        List<String> roles = new ArrayList<>();
        described.path("roles").forEach(r -> roles.add(r.asText()));
        JsonNode failover = described.path("failoverTimeout");
        return new ScriptExport(described.path("name").asText(), roles,
                failover.isNumber() ? Optional.of(failover.asDouble()) : Optional.empty(),
                described.path("autoAcknowledge").asBoolean(true));
    }

    /** The v1 {@code FrameworkInfo} to subscribe with: MULTI_ROLE, so {@code roles} is used as is. */
    ObjectNode frameworkInfo(String user) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("user", user);
        info.put("name", name);
        roles.forEach(info.putArray("roles")::add);
        info.putArray("capabilities").addObject().put("type", "MULTI_ROLE");
        failoverTimeout.ifPresent(t -> info.put("failover_timeout", t));
        return info;
    }
}
