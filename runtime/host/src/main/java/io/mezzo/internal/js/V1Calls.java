package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The v1 scheduler {@code Call} objects a script's actions turn into. The connection fills in
 * {@code framework_id}.
 */
final class V1Calls {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private V1Calls() {
    }

    static ObjectNode accept(String offerId, List<ObjectNode> taskInfos, Optional<Double> refuseSeconds) {
        ObjectNode call = call("ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(id(offerId));
        ArrayNode operations = accept.putArray("operations");
        if (!taskInfos.isEmpty()) {
            ObjectNode launch = operations.addObject().put("type", "LAUNCH").putObject("launch");
            ArrayNode infos = launch.putArray("task_infos");
            taskInfos.forEach(infos::add);
        }
        refuseSeconds.ifPresent(s -> accept.putObject("filters").put("refuse_seconds", s));
        return call;
    }

    static ObjectNode decline(String offerId, Optional<Double> refuseSeconds) {
        ObjectNode call = call("DECLINE");
        ObjectNode decline = call.putObject("decline");
        decline.putArray("offer_ids").add(id(offerId));
        refuseSeconds.ifPresent(s -> decline.putObject("filters").put("refuse_seconds", s));
        return call;
    }

    static ObjectNode kill(String taskId, Optional<String> agentId) {
        ObjectNode call = call("KILL");
        ObjectNode kill = call.putObject("kill");
        kill.set("task_id", id(taskId));
        agentId.ifPresent(a -> kill.set("agent_id", id(a)));
        return call;
    }

    static ObjectNode revive() {
        return call("REVIVE");
    }

    static ObjectNode suppress() {
        return call("SUPPRESS");
    }

    /** Implicit reconciliation: the master answers with the latest state of every task. */
    static ObjectNode reconcile() {
        ObjectNode call = call("RECONCILE");
        call.putObject("reconcile").putArray("tasks");
        return call;
    }

    /** {@code uuid} is the status's uuid as it came (Base64 of 16 bytes). */
    static ObjectNode acknowledge(String agentId, String taskId, String uuid) {
        ObjectNode call = call("ACKNOWLEDGE");
        ObjectNode ack = call.putObject("acknowledge");
        ack.set("agent_id", id(agentId));
        ack.set("task_id", id(taskId));
        ack.put("uuid", uuid);
        return call;
    }

    static ObjectNode teardown() {
        return call("TEARDOWN");
    }

    static ObjectNode id(String value) {
        return JSON.objectNode().put("value", value);
    }

    /** {@code node.field.value}, the shape of every v1 id; empty when absent. */
    static Optional<String> idOf(JsonNode node, String field) {
        JsonNode value = node.path(field).path("value");
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static ObjectNode call(String type) {
        return JSON.objectNode().put("type", type);
    }
}
