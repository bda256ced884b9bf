package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.io.IOException;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;

/**
 * The only Java object a framework script can reach, and only through the prelude, which
 * keeps it in a closure and builds {@code ctx} on top of it. Everything crosses as JSON
 * strings; every action answers {@code {"value": ...}} or {@code {"error": ..., "type":
 * "TypeError"|"Error"}}, which the prelude returns or throws. Public because GraalJS only
 * calls exported members of public classes.
 */
public final class ScriptBridge {
    private final ScriptActions actions;

    ScriptBridge(ScriptActions actions) {
        this.actions = actions;
    }

    @HostAccess.Export
    public void log(String line) {
        actions.log(false, line);
    }

    @HostAccess.Export
    public void warn(String line) {
        actions.log(true, line);
    }

    @HostAccess.Export
    public String launch(String offerId, String tasksJson, String optionsJson) {
        return answer(() -> actions.launch(offerId, parse(tasksJson), parse(optionsJson)));
    }

    @HostAccess.Export
    public String decline(String offerId, String optionsJson) {
        return answer(() -> actions.decline(offerId, parse(optionsJson)));
    }

    @HostAccess.Export
    public String kill(String taskId) {
        return answer(() -> actions.kill(taskId));
    }

    @HostAccess.Export
    public String revive() {
        return answer(actions::revive);
    }

    @HostAccess.Export
    public String suppress() {
        return answer(actions::suppress);
    }

    @HostAccess.Export
    public String reconcile() {
        return answer(actions::reconcile);
    }

    @HostAccess.Export
    public String acknowledge(String taskId) {
        return answer(() -> actions.acknowledge(taskId));
    }

    @HostAccess.Export
    public String finish(String resultJson) {
        return answer(() -> actions.finish(parse(resultJson)));
    }

    @HostAccess.Export
    public String fail(String reason) {
        return answer(() -> actions.fail(reason));
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return MezzoJson.mapper().readTree(json);
        } catch (IOException e) {
            throw ActionError.type("not JSON: " + e.getMessage());
        }
    }

    private static String answer(Supplier<JsonNode> action) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        try {
            answer.set("value", action.get());
        } catch (ActionError e) {
            answer.put("error", e.getMessage()).put("type", e.jsType());
        }
        return MezzoJson.writeString(answer);
    }
}
