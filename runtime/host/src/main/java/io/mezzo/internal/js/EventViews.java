package io.mezzo.internal.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What scripts see of v1 events: offers, statuses and failures in the shapes of the JS API. */
final class EventViews {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectReader STRICT = MezzoJson.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventViews() {
    }

    /**
     * {@code {id, agentId, hostname, cpus, mem, disk, ports: [[b,e]...], resources, attributes}}:
     * scalars summed over every role the offer carries.
     */
    static ObjectNode offer(JsonNode offer) {
        ObjectNode view = JSON.objectNode();
        view.put("id", V1Calls.idOf(offer, "id").orElse(""));
        view.put("agentId", V1Calls.idOf(offer, "agent_id").orElse(""));
        view.put("hostname", offer.path("hostname").asText(""));
        view.put("cpus", scalar(offer, "cpus"));
        view.put("mem", scalar(offer, "mem"));
        view.put("disk", scalar(offer, "disk"));
        ArrayNode ports = view.putArray("ports");
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals("ports")) {
                for (JsonNode range : r.path("ranges").path("range")) {
                    ports.addArray().add(range.path("begin").asLong()).add(range.path("end").asLong());
                }
            }
        }
        view.set("resources", offer.path("resources").isArray() ? offer.get("resources").deepCopy() : JSON.arrayNode());
        ObjectNode attributes = view.putObject("attributes");
        for (JsonNode a : offer.path("attributes")) {
            attributes.set(a.path("name").asText(), attributeValue(a));
        }
        return view;
    }

    /** The sum of the scalar resource {@code name}, rounded as Mesos rounds (3 decimals). */
    static double scalar(JsonNode offer, String name) {
        double sum = 0;
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals(name) && r.has("scalar")) {
                sum += r.path("scalar").path("value").asDouble();
            }
        }
        return Math.round(sum * 1000) / 1000.0;
    }

    private static JsonNode attributeValue(JsonNode a) {
        switch (a.path("type").asText()) {
            case "SCALAR":
                return JSON.numberNode(a.path("scalar").path("value").asDouble());
            case "TEXT":
                return JSON.textNode(a.path("text").path("value").asText());
            case "RANGES": {
                ArrayNode ranges = JSON.arrayNode();
                a.path("ranges").path("range").forEach(r -> ranges.addArray()
                        .add(r.path("begin").asLong()).add(r.path("end").asLong()));
                return ranges;
            }
            case "SET": {
                ArrayNode items = JSON.arrayNode();
                a.path("set").path("item").forEach(items::add);
                return items;
            }
            default:
                return JSON.nullNode();
        }
    }

    /** {@code {taskId, state, message, reason, source, agentId, data, healthy}}; absent fields left out. */
    static ObjectNode status(JsonNode status) {
        ObjectNode view = JSON.objectNode();
        view.put("taskId", V1Calls.idOf(status, "task_id").orElse(""));
        view.put("state", status.path("state").asText(""));
        copyText(status, "message", view, "message");
        copyText(status, "reason", view, "reason");
        copyText(status, "source", view, "source");
        V1Calls.idOf(status, "agent_id").ifPresent(a -> view.put("agentId", a));
        if (status.hasNonNull("data")) {
            view.set("data", data(status.get("data").asText()));
        }
        if (status.has("healthy")) {
            view.put("healthy", status.get("healthy").asBoolean());
        }
        return view;
    }

    /** {@code {agentId, executorId?, status?}}. */
    static ObjectNode failure(JsonNode failure) {
        ObjectNode view = JSON.objectNode();
        view.put("agentId", V1Calls.idOf(failure, "agent_id").orElse(""));
        V1Calls.idOf(failure, "executor_id").ifPresent(x -> view.put("executorId", x));
        if (failure.has("status")) {
            view.put("status", failure.get("status").asInt());
        }
        return view;
    }

    /** The status's data: its JSON when it is JSON (a JS task's result), its text otherwise. */
    static JsonNode data(String base64) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return JSON.textNode(base64);
        }
        try {
            JsonNode parsed = STRICT.readTree(text);
            return parsed == null || parsed.isMissingNode() ? JSON.textNode(text) : parsed;
        } catch (JsonProcessingException e) {
            return JSON.textNode(text);
        }
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.put(as, from.get(field).asText());
        }
    }
}
