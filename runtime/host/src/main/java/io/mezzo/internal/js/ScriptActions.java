package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code ctx} does, as v1 calls on the framework's connection, and the bookkeeping it
 * needs: the offers not yet answered, where each task runs, the updates waiting for an
 * acknowledgement. Used only on the framework's thread.
 */
final class ScriptActions {
    static final Logger LOG = System.getLogger(JsFramework.class.getName());
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ScriptSource script;
    private final SchedulerConnection connection;
    private final Consumer<JsonNode> onFinish;
    private final Consumer<String> onFail;
    private final TaskInfos taskInfos;
    private final Map<String, JsonNode> offers = new LinkedHashMap<>();
    private final Map<String, String> agentOfTask = new HashMap<>();
    private final Map<String, ObjectNode> unacknowledged = new HashMap<>();
    private long taskCounter;

    ScriptActions(ScriptSource script, SchedulerConnection connection, Consumer<JsonNode> onFinish,
                  Consumer<String> onFail) {
        this.script = script;
        this.connection = connection;
        this.onFinish = onFinish;
        this.onFail = onFail;
        this.taskInfos = new TaskInfos(script);
    }

    void log(boolean warning, String line) {
        LOG.log(warning ? Level.WARNING : Level.INFO, "[{0}] {1}", script.name(), line);
    }

    // --- bookkeeping fed by events ---

    void offered(JsonNode offer) {
        V1Calls.idOf(offer, "id").ifPresent(id -> offers.put(id, offer));
    }

    void rescinded(String offerId) {
        offers.remove(offerId);
    }

    /** Declines an offer the script left unanswered, unless it was answered after all. */
    void declineIfOutstanding(String offerId) {
        if (offers.remove(offerId) != null) {
            send(V1Calls.decline(offerId, Optional.empty()));
        }
    }

    /** A new subscription invalidates every offer of the old one. */
    void resubscribed() {
        offers.clear();
        unacknowledged.clear();
    }

    /**
     * Notes the status's task and agent and returns the ACKNOWLEDGE call it needs (none for
     * statuses without a uuid, which the master generated and needs no answer to).
     */
    Optional<ObjectNode> updated(JsonNode status) {
        Optional<String> task = V1Calls.idOf(status, "task_id");
        Optional<String> agent = V1Calls.idOf(status, "agent_id");
        if (task.isPresent() && agent.isPresent()) {
            agentOfTask.put(task.get(), agent.get());
        }
        JsonNode uuid = status.path("uuid");
        if (task.isEmpty() || agent.isEmpty() || !uuid.isTextual() || uuid.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(V1Calls.acknowledge(agent.get(), task.get(), uuid.asText()));
    }

    /** Keeps an update's acknowledgement until the script calls {@code ctx.acknowledge(status)}. */
    void awaitAcknowledgement(JsonNode status, ObjectNode acknowledge) {
        V1Calls.idOf(status, "task_id").ifPresent(task -> unacknowledged.put(task, acknowledge));
    }

    // --- ctx actions ---

    JsonNode launch(String offerId, JsonNode tasks, JsonNode options) {
        JsonNode offer = outstanding("launch", offerId);
        JsonNode list = tasks.isArray() ? tasks : JSON.arrayNode().add(tasks);
        long[] next = {taskCounter};
        // Generated ids are only used up by a launch that happens.
        List<ObjectNode> infos = taskInfos.build(offer, list, name -> name + "-" + (++next[0]));
        taskCounter = next[0];
        offers.remove(offerId);
        ArrayNode ids = JSON.arrayNode();
        for (ObjectNode info : infos) {
            String id = info.path("task_id").path("value").asText();
            ids.add(id);
            agentOfTask.put(id, info.path("agent_id").path("value").asText());
        }
        send(V1Calls.accept(offerId, infos, refuseSeconds("launch", options)));
        return ids;
    }

    JsonNode decline(String offerId, JsonNode options) {
        outstanding("decline", offerId);
        offers.remove(offerId);
        send(V1Calls.decline(offerId, refuseSeconds("decline", options)));
        return JSON.nullNode();
    }

    JsonNode kill(String taskId) {
        if (taskId == null || taskId.isEmpty()) {
            throw ActionError.type("kill: taskId must be a non-empty string");
        }
        send(V1Calls.kill(taskId, Optional.ofNullable(agentOfTask.get(taskId))));
        return JSON.nullNode();
    }

    JsonNode revive() {
        send(V1Calls.revive());
        return JSON.nullNode();
    }

    JsonNode suppress() {
        send(V1Calls.suppress());
        return JSON.nullNode();
    }

    JsonNode reconcile() {
        send(V1Calls.reconcile());
        return JSON.nullNode();
    }

    /** True when there was an update of that task waiting; acknowledging twice is harmless. */
    JsonNode acknowledge(String taskId) {
        ObjectNode ack = taskId == null ? null : unacknowledged.remove(taskId);
        if (ack != null) {
            send(ack);
        }
        return JSON.booleanNode(ack != null);
    }

    JsonNode finish(JsonNode result) {
        onFinish.accept(result);
        return JSON.nullNode();
    }

    JsonNode fail(String reason) {
        onFail.accept(reason);
        return JSON.nullNode();
    }

    /** Sends a call; a refusal is logged, since scripts act and move on rather than wait. */
    void send(ObjectNode call) {
        String type = call.path("type").asText();
        try {
            connection.send(call).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "[{0}] {1} call failed: {2}", script.name(), type, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[{0}] {1} call failed: {2}", script.name(), type, e.getMessage());
        }
    }

    private JsonNode outstanding(String action, String offerId) {
        if (offerId == null || offerId.isEmpty()) {
            throw ActionError.type(action + ": offer must be an offer or an offer id");
        }
        JsonNode offer = offers.get(offerId);
        if (offer == null) {
            throw ActionError.error(action + ": offer " + offerId + " is not outstanding (it was already launched on,"
                    + " declined or rescinded)");
        }
        return offer;
    }

    private static Optional<Double> refuseSeconds(String action, JsonNode options) {
        if (options == null || options.isNull() || options.isMissingNode()) {
            return Optional.empty();
        }
        if (!options.isObject()) {
            throw ActionError.type(action + ": options must be an object like {refuseSeconds: 5}");
        }
        JsonNode refuse = options.path("refuseSeconds");
        if (refuse.isMissingNode() || refuse.isNull()) {
            return Optional.empty();
        }
        if (!refuse.isNumber() || refuse.asDouble() < 0) {
            throw ActionError.type(action + ": refuseSeconds must be a number >= 0");
        }
        return Optional.of(refuse.asDouble());
    }
}
