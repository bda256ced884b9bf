package io.mezzo.internal.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.time.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * The examples in scripts/frameworks driven by synthetic offers and updates; JS tasks are run
 * here in a plain context, the way the agent's task runner calls them. The real runs on a
 * cluster are the distribution's tests.
 */
class ExampleScriptsTest {
    static final Path DIR = Path.of("../../scripts/frameworks");
    static final JsEngine engine = TestEngine.SHARED;
    final RecordingConnection connection = new RecordingConnection();
    int updates;

    JsFramework start(String script, ObjectNode params) throws Exception {
        JsScriptHost host = new JsScriptHost(engine, new FakeTime(), Duration.ofSeconds(10), "alice");
        JsFramework fw = (JsFramework) host.start(ScriptSource.of(DIR.resolve(script)), params, connection);
        connection.subscribed("fw-1");
        return fw;
    }

    /** Offers {@code cpus}/{@code mem} and returns the task infos launched on it. */
    List<JsonNode> offerAndLaunch(JsFramework fw, String offerId, double cpus, double mem) throws Exception {
        int before = connection.calls("ACCEPT").size();
        connection.offers(RecordingConnection.offer(offerId, "agent-1", cpus, mem, "*"));
        fw.drained().get(10, TimeUnit.SECONDS);
        List<ObjectNode> accepts = connection.calls("ACCEPT");
        assertThat(accepts).hasSize(before + 1);
        List<JsonNode> tasks = new java.util.ArrayList<>();
        accepts.get(before).at("/accept/operations/0/launch/task_infos").forEach(tasks::add);
        return tasks;
    }

    void update(JsonNode task, String state, String data) {
        String uuid = Base64.getEncoder().encodeToString(new byte[16]);
        connection.push("{'type':'UPDATE','update':{'status':{'task_id':{'value':'" + task.at("/task_id/value").asText()
                + "'},'state':'" + state + "','agent_id':{'value':'agent-1'},'uuid':'" + uuid + "'"
                + (data == null ? "" : ",'data':'" + Base64.getEncoder().encodeToString(
                        data.getBytes(StandardCharsets.UTF_8)) + "'") + "}}}");
        updates++;
    }

    /** Runs a launched JS task as the agent would: {@code module.exports(args, task)} → JSON. */
    static String runJsTask(JsonNode taskInfo, String filesJson) throws Exception {
        JsonNode wire = MezzoJson.mapper().readTree(Base64.getDecoder().decode(taskInfo.get("data").asText()));
        try (Context js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            return js.eval("js", "(function (source, args, files) {"
                    + " const module = {exports: {}};"
                    + " new Function('module', 'exports', source)(module, module.exports);"
                    + " const task = {log() {}, readText(p) { return JSON.parse(files)[p]; }};"
                    + " const r = module.exports(JSON.parse(args), task);"
                    + " return JSON.stringify(r === undefined ? null : r); })")
                    .execute(wire.get("source").asText(), MezzoJson.writeString(wire.get("args")), filesJson)
                    .asString();
        }
    }

    @Test
    void piCombinesItsTasksIntoOneDeterministicEstimate() throws Exception {
        JsFramework fw = start("pi.js", JsonNodeFactory.instance.objectNode().put("tasks", "3").put("samples", "20000"));
        List<JsonNode> first = offerAndLaunch(fw, "o-1", 1.0, 1024);   // room for two tasks of 0.5 cpus
        List<JsonNode> second = offerAndLaunch(fw, "o-2", 4.0, 1024);  // the third
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        int inside = 0;
        for (JsonNode task : List.of(first.get(0), first.get(1), second.get(0))) {
            String result = runJsTask(task, "{}");
            inside += MezzoJson.mapper().readTree(result).get("inside").asInt();
            update(task, "TASK_FINISHED", result);
        }
        JsonNode result = fw.outcome().get(10, TimeUnit.SECONDS).result();
        assertThat(result.get("tasks").asInt()).isEqualTo(3);
        assertThat(result.get("samples").asInt()).isEqualTo(60000);
        assertThat(result.get("pi").asDouble()).isEqualTo(4.0 * inside / 60000).isBetween(3.1, 3.2);
    }

    @Test
    void batchRetriesAFailingCommandAndReportsAttempts() throws Exception {
        JsFramework fw = start("batch.js", JsonNodeFactory.instance.objectNode()
                .put("commands", "[\"echo a\",\"false\"]").put("retries", "1"));
        List<JsonNode> tasks = offerAndLaunch(fw, "o-1", 1.0, 1024);
        assertThat(tasks).extracting(t -> t.at("/command/value").asText()).containsExactly("echo a", "false");
        update(tasks.get(0), "TASK_FINISHED", null);
        update(tasks.get(1), "TASK_FAILED", null);
        JsonNode retry = offerAndLaunch(fw, "o-2", 1.0, 1024).get(0);
        assertThat(retry.at("/command/value").asText()).isEqualTo("false");
        update(retry, "TASK_FAILED", null);
        assertThat(fw.outcome().get(10, TimeUnit.SECONDS).result()).isEqualTo(RecordingConnection.parse(
                "{'succeeded':[{'command':'echo a','attempts':1}],"
                        + "'failed':[{'command':'false','attempts':2,'state':'TASK_FAILED'}]}"));
    }

    @Test
    void wordcountMapsEachSplitThenReducesAndSummarizes() throws Exception {
        String files = MezzoJson.writeString(JsonNodeFactory.instance.objectNode()
                .put("/in/a.txt", "The cat and the hat.\nIt's the CAT!")
                .put("/in/b.txt", "A hat, a constructor; the end 42"));
        JsFramework fw = start("wordcount.js", JsonNodeFactory.instance.objectNode().put("input", "/in/a.txt,/in/b.txt"));
        List<JsonNode> maps = offerAndLaunch(fw, "o-1", 4.0, 4096);
        assertThat(maps).hasSize(2);
        for (JsonNode map : maps) {
            update(map, "TASK_FINISHED", runJsTask(map, files));
        }
        JsonNode reduce = offerAndLaunch(fw, "o-2", 4.0, 4096).get(0);
        assertThat(reduce.get("name").asText()).isEqualTo("reduce");
        update(reduce, "TASK_FINISHED", runJsTask(reduce, files));
        // the 4; a, cat, hat 2; 42, and, constructor, end, it's 1 (ties by word)
        assertThat(fw.outcome().get(10, TimeUnit.SECONDS).result()).isEqualTo(RecordingConnection.parse(
                "{'words':9,'total':15,'top':[['the',4],['a',2],['cat',2],['hat',2],['42',1],['and',1],"
                        + "['constructor',1],['end',1],['it\\u0027s',1]]}"));
    }

    @Test
    void drfDemoAConvergesAtThreeTasksOnTheSharedAgent() throws Exception {
        JsFramework fw = start("drf-demo-a.js", JsonNodeFactory.instance.objectNode());
        // What the allocator offers A in the paper's run: the agent's free resources each time.
        assertThat(offerAndLaunch(fw, "o-1", 9, 18432)).hasSize(1);
        assertThat(offerAndLaunch(fw, "o-2", 5, 13312)).hasSize(1);
        assertThat(offerAndLaunch(fw, "o-3", 1, 8192)).hasSize(1);
        assertThat(connection.calls("ACCEPT")).allSatisfy(a ->
                assertThat(a.at("/accept/filters/refuse_seconds").asDouble()).isZero());
        connection.offers(RecordingConnection.offer("o-4", "agent-1", 0, 4096, "*"));
        assertThat(connection.await("DECLINE").at("/decline/filters/refuse_seconds").asDouble()).isEqualTo(5.0);
        connection.offers(RecordingConnection.offer("o-5", "agent-1", 3, 16384, "*"));
        assertThat(fw.outcome().get(10, TimeUnit.SECONDS).result()).isEqualTo(RecordingConnection.parse("{'tasks':3}"));
        assertThat(connection.calls("ACCEPT")).hasSize(3);
    }
}
