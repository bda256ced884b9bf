package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The JS API's task objects ({@code {name, cpus, mem, disk?, command | js + args, env?, id?}})
 * to v1 {@code TaskInfo} objects on one offer. Bad task objects are a {@code TypeError} naming
 * the task and field; tasks that do not fit the offer are an {@code Error}.
 */
final class TaskInfos {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("name", "cpus", "mem", "disk", "command", "js", "args", "env",
            "id");

    private final ScriptSource script;

    TaskInfos(ScriptSource script) {
        this.script = script;
    }

    /** The task infos for {@code tasks} on {@code offer}, in order; {@code newId} names tasks without an id. */
    List<ObjectNode> build(JsonNode offer, JsonNode tasks, Function<String, String> newId) {
        if (!tasks.isArray()) {
            throw ActionError.type("launch: tasks must be a task object or an array of them");
        }
        String offerId = V1Calls.idOf(offer, "id").orElse("");
        OfferResources resources = new OfferResources(offer);
        List<ObjectNode> infos = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode task : tasks) {
            index++;
            ObjectNode info = taskInfo(task, index, offer, newId);
            String id = info.path("task_id").path("value").asText();
            if (!ids.add(id)) {
                throw ActionError.type("task '" + id + "': the id is used twice in one launch");
            }
            ArrayNode taken = info.putArray("resources");
            for (String name : List.of("cpus", "mem", "disk")) {
                double amount = task.path(name).asDouble(0);
                if (!resources.take(name, amount, taken)) {
                    throw ActionError.error("launch: task '" + id + "' needs " + name + " " + amount + " but offer "
                            + offerId + " has only " + resources.left(name) + " left");
                }
            }
            infos.add(info);
        }
        return infos;
    }

    private ObjectNode taskInfo(JsonNode task, int index, JsonNode offer, Function<String, String> newId) {
        if (!task.isObject()) {
            throw ActionError.type("launch: task #" + index + " must be an object");
        }
        JsonNode name = task.path("name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            throw ActionError.type("launch: task #" + index + ": name must be a non-empty string");
        }
        String label = "task '" + name.asText() + "': ";
        for (Iterator<String> it = task.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw ActionError.type(label + "unknown field '" + field + "' (a task has name, cpus, mem, disk,"
                        + " command or js and args, env, id)");
            }
        }
        requirePositive(task, "cpus", label);
        requirePositive(task, "mem", label);
        if (task.has("disk") && !(task.get("disk").isNumber() && task.get("disk").asDouble() >= 0)) {
            throw ActionError.type(label + "disk must be a number >= 0");
        }
        String id = id(task, label, newId);
        ObjectNode info = JSON.objectNode();
        info.put("name", name.asText());
        info.set("task_id", V1Calls.id(id));
        info.set("agent_id", V1Calls.id(V1Calls.idOf(offer, "agent_id").orElse("")));
        boolean shell = task.has("command");
        if (shell == task.has("js")) {
            throw ActionError.type(label + "needs either command (a shell command) or js (a task script), not "
                    + (shell ? "both" : "neither"));
        }
        ObjectNode command = shell ? shellCommand(task, label) : jsTask(task, label, info);
        environment(task, label).ifPresent(env -> command.set("environment", env));
        info.set("command", command);
        return info;
    }

    private static String id(JsonNode task, String label, Function<String, String> newId) {
        if (!task.has("id")) {
            return newId.apply(task.get("name").asText());
        }
        JsonNode id = task.get("id");
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw ActionError.type(label + "id must be a non-empty string");
        }
        return id.asText();
    }

    private static void requirePositive(JsonNode task, String field, String label) {
        JsonNode v = task.path(field);
        if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw ActionError.type(label + field + " must be a positive number");
        }
    }

    private static ObjectNode shellCommand(JsonNode task, String label) {
        JsonNode command = task.get("command");
        if (!command.isTextual() || command.asText().isBlank()) {
            throw ActionError.type(label + "command must be a non-empty string");
        }
        if (task.has("args")) {
            throw ActionError.type(label + "args are for JS tasks (js: \"tasks/x.js\"); a shell task has none");
        }
        return JSON.objectNode().put("shell", true).put("value", command.asText());
    }

    /** A JS task exactly as {@link JsTaskWire} describes it. */
    private ObjectNode jsTask(JsonNode task, String label, ObjectNode info) {
        JsonNode js = task.get("js");
        if (!js.isTextual() || js.asText().isEmpty()) {
            throw ActionError.type(label + "js must be the path of a task script, relative to " + script.name());
        }
        String path = js.asText();
        String source = script.read(path).orElseThrow(() -> ActionError.error(label + "no task script '" + path
                + "' next to " + script.name()));
        ObjectNode data = JSON.objectNode();
        data.put("script", path);
        data.put("source", source);
        data.set("args", task.has("args") ? task.get("args") : JSON.nullNode());
        info.put("data", Base64.getEncoder().encodeToString(
                MezzoJson.writeString(data).getBytes(StandardCharsets.UTF_8)));
        info.putObject("labels").putArray("labels").addObject()
                .put("key", JsTaskWire.LABEL_KEY).put("value", JsTaskWire.LABEL_VALUE);
        ObjectNode command = JSON.objectNode().put("shell", false).put("value", JsTaskWire.COMMAND);
        command.putArray("arguments").add(JsTaskWire.COMMAND).add(path);
        return command;
    }

    private static java.util.Optional<ObjectNode> environment(JsonNode task, String label) {
        if (!task.has("env")) {
            return java.util.Optional.empty();
        }
        JsonNode env = task.get("env");
        if (!env.isObject()) {
            throw ActionError.type(label + "env must be an object of strings");
        }
        ObjectNode environment = JSON.objectNode();
        ArrayNode variables = environment.putArray("variables");
        for (Iterator<String> it = env.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode value = env.get(key);
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw ActionError.type(label + "env." + key + " must be a string");
            }
            variables.addObject().put("name", key).put("type", "VALUE").put("value", value.asText());
        }
        return java.util.Optional.of(environment);
    }
}
