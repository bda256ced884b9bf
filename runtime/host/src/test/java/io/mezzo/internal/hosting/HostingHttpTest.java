package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /mezzo/frameworks}, {@code /mezzo/frameworks/stop} and {@code /state}'s hosted section on a real master. */
class HostingHttpTest {
    final HostingMaster cluster = new HostingMaster();

    @AfterEach
    void close() {
        cluster.close();
    }

    static String submission(String script, String source) {
        ObjectNode body = MezzoJson.mapper().createObjectNode().put("script", script).put("source", source);
        body.putObject("files").put("tasks/pi-task.js", "module.exports = () => 3.14;");
        body.putObject("params").put("tasks", "8");
        return body.toString();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return MezzoJson.mapper().readTree(r.body());
    }

    @Test
    void submittedScriptIsHostedWithItsFilesAndParams() throws Exception {
        HttpResponse<String> r = cluster.post("/mezzo/frameworks", submission("pi.js", "module.exports = {};"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode view = json(r);
        assertThat(view.path("id").asText()).isEqualTo("hosted-1");
        assertThat(view.path("script").asText()).isEqualTo("pi.js");
        assertThat(view.path("state").asText()).isEqualTo("RUNNING");
        assertThat(view.path("origin").asText()).isEqualTo("SUBMITTED");
        ScriptedHost.Running running = cluster.host.only();
        assertThat(running.script.read("tasks/pi-task.js")).contains("module.exports = () => 3.14;");
        assertThat(running.params.path("tasks").asText()).isEqualTo("8");
        assertThat(cluster.host.connections.get(0).masters.get(0).toString()).isEqualTo(cluster.url);
    }

    @Test
    void scriptThatDoesNotLoadIsA400NamingFileAndLine() throws Exception {
        HttpResponse<String> r = cluster.post("/mezzo/frameworks", submission("bad.js", "SYNTAX"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("bad.js:3: SyntaxError: Expected ; but found x");
        assertThat(json(cluster.get("/mezzo/frameworks")).path("hosted_frameworks")).isEmpty();
    }

    @Test
    void malformedSubmissionsAreRefusedWithTheProblemNamed() throws Exception {
        assertThat(cluster.post("/mezzo/frameworks", "{not json").body()).startsWith("Failed to parse body as JSON");
        HttpResponse<String> missing = cluster.post("/mezzo/frameworks", "{\"script\":\"a.js\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Expecting 'source' to be a non-empty string");
        HttpResponse<String> escape = cluster.post("/mezzo/frameworks",
                "{\"script\":\"a.js\",\"source\":\"x\",\"files\":{\"../etc/passwd\":\"x\"}}");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(escape.body()).contains("'../etc/passwd'");
        HttpResponse<String> name = cluster.post("/mezzo/frameworks", "{\"script\":\"dir/a.js\",\"source\":\"x\"}");
        assertThat(name.body()).contains("must be a file name ending in .js");
        assertThat(cluster.host.started).isEmpty();
    }

    @Test
    void listAndStateShowHostedScriptsAndHowTheyEnded() throws Exception {
        cluster.post("/mezzo/frameworks", submission("pi.js", "module.exports = {};"));
        cluster.post("/mezzo/frameworks", submission("batch.js", "module.exports = {};"));
        cluster.host.started.get(0).frameworkId = "fw-pi";
        cluster.host.started.get(1).fail("callback 'offers' ran longer than 10s");

        JsonNode list = json(cluster.get("/mezzo/frameworks")).path("hosted_frameworks");
        assertThat(list).hasSize(2);
        for (String path : new String[] {"/state", "/master/state"}) {
            JsonNode state = json(cluster.get(path)).path("hosted_frameworks");
            assertThat(state).hasSize(2);
            assertThat(state.get(0).path("script").asText()).isEqualTo("pi.js");
            assertThat(state.get(0).path("framework_id").asText()).isEqualTo("fw-pi");
            assertThat(state.get(0).path("state").asText()).isEqualTo("RUNNING");
            assertThat(state.get(1).path("state").asText()).isEqualTo("FAILED");
            assertThat(state.get(1).path("reason").asText()).isEqualTo("callback 'offers' ran longer than 10s");
        }
    }

    @Test
    void stopByHostedIdOrFrameworkId() throws Exception {
        cluster.post("/mezzo/frameworks", submission("a.js", "module.exports = {};"));
        cluster.post("/mezzo/frameworks", submission("b.js", "module.exports = {};"));
        cluster.host.started.get(1).frameworkId = "fw-b";

        assertThat(cluster.post("/mezzo/frameworks/stop", "{\"id\":\"hosted-1\"}").statusCode()).isEqualTo(200);
        assertThat(cluster.post("/mezzo/frameworks/stop", "{\"framework_id\":\"fw-b\"}").statusCode()).isEqualTo(200);
        await(() -> cluster.host.started.stream().allMatch(s -> s.outcome.isDone()));

        assertThat(cluster.host.started.get(0).stops).containsExactly("stopped through /mezzo/frameworks/stop");
        assertThat(cluster.host.started.get(1).stops).hasSize(1);
        HttpResponse<String> unknown = cluster.post("/mezzo/frameworks/stop", "{\"id\":\"hosted-7\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("No hosted framework 'hosted-7'");
        assertThat(cluster.post("/mezzo/frameworks/stop", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void stopIsAPostLikeTheOtherApis() throws Exception {
        HttpResponse<String> get = cluster.get("/mezzo/frameworks/stop");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }
}
