package io.mezzo.internal.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.internal.time.FakeTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The {@code ctx} API as v1 calls, and the events as the script sees them. */
class JsFrameworkContractTest {
    static final JsEngine engine = TestEngine.SHARED;
    final FakeTime time = new FakeTime();
    final RecordingConnection connection = new RecordingConnection();

    JsFramework start(String script, Map<String, String> files, ObjectNode params) throws Exception {
        JsScriptHost host = new JsScriptHost(engine, time, Duration.ofSeconds(10), "alice");
        last = (JsFramework) host.start(ScriptSource.of("fw.js", script, files), params, connection);
        return last;
    }

    JsFramework start(String script) throws Exception {
        return start(script, Map.of(), JsonNodeFactory.instance.objectNode());
    }

    static void drain(JsFramework framework) throws Exception {
        framework.drained().get(10, TimeUnit.SECONDS);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void subscribesAsMultiRoleFrameworkOfTheGivenUser() throws Exception {
        JsFramework fw = start("module.exports = {name: 'demo', roles: ['web', 'batch'], failoverTimeout: 30,"
                + " offers() {}};");
        assertThat(connection.frameworkInfo).isEqualTo(RecordingConnection.parse(
                "{'user':'alice','name':'demo','roles':['web','batch'],'capabilities':[{'type':'MULTI_ROLE'}],"
                        + "'failover_timeout':30.0}"));
        assertThat(fw.name()).isEqualTo("demo");
        assertThat(fw.scriptName()).isEqualTo("fw.js");
        connection.subscribed("fw-7");
        drain(fw);
        assertThat(fw.frameworkId()).contains("fw-7");
    }

    @Test
    void launchingAShellTaskAcceptsTheOfferWithResourcesOfTheOffersRole() throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', offers(offers, ctx) {"
                + "  const ids = ctx.launch(offers[0], [{name: 'a', cpus: 0.5, mem: 64, command: 'echo hi',"
                + "    env: {GREETING: 'hi'}}]);"
                + "  ctx.log('launched', ids);"
                + "}};");
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "web"));
        ObjectNode accept = connection.await("ACCEPT");
        assertThat(accept).isEqualTo(RecordingConnection.parse("{'type':'ACCEPT','accept':{"
                + "'offer_ids':[{'value':'o-1'}],'operations':[{'type':'LAUNCH','launch':{'task_infos':[{"
                + "'name':'a','task_id':{'value':'a-1'},'agent_id':{'value':'agent-1'},"
                + "'command':{'shell':true,'value':'echo hi','environment':{'variables':["
                + "{'name':'GREETING','type':'VALUE','value':'hi'}]}},"
                + "'resources':[" + RecordingConnection.scalar("cpus", 0.5, "web") + ","
                + RecordingConnection.scalar("mem", 64, "web") + "]}]}}]}}"));
    }

    @Test
    void launchingAJsTaskCarriesTheScriptAndArgsAsJsTaskWireSays() throws Exception {
        start("module.exports = {name: 'x', offers(offers, ctx) {"
                        + "  ctx.launch(offers[0], {id: 't1', name: 'part', cpus: 1, mem: 128, js: 'tasks/t.js',"
                        + "    args: {n: 3, s: 'x'}});"
                        + "}};",
                Map.of("tasks/t.js", "module.exports = (args) => args.n;"), JsonNodeFactory.instance.objectNode());
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "*"));
        JsonNode task = connection.await("ACCEPT").at("/accept/operations/0/launch/task_infos/0");
        assertThat(task.at("/task_id/value").asText()).isEqualTo("t1");
        assertThat(task.at("/labels/labels")).isEqualTo(RecordingConnection.parse(
                "[{'key':'io.mezzo.task','value':'js'}]"));
        assertThat(task.get("command")).isEqualTo(RecordingConnection.parse(
                "{'shell':false,'value':'mezzo-js-task','arguments':['mezzo-js-task','tasks/t.js']}"));
        JsonNode data = MezzoJson.mapper().readTree(Base64.getDecoder().decode(task.get("data").asText()));
        assertThat(data).isEqualTo(MezzoJson.mapper().createObjectNode()
                .put("script", "tasks/t.js").put("source", "module.exports = (args) => args.n;")
                .set("args", RecordingConnection.parse("{'n':3,'s':'x'}")));
    }

    @Test
    void invalidTasksAndUnknownTaskScriptsAreJsErrorsNamingTheProblem() throws Exception {
        start("module.exports = {name: 'x', offers(offers, ctx) {"
                + "  const errors = [];"
                + "  for (const t of [{name: 'a', cpus: -1, mem: 1, command: 'true'},"
                + "                   {name: 'b', cpus: 1, mem: 1},"
                + "                   {name: 'c', cpus: 1, mem: 1, js: 'tasks/nope.js'},"
                + "                   {name: 'd', cpus: 9, mem: 1, command: 'true'}]) {"
                + "    try { ctx.launch(offers[0], [t]); } catch (e) { errors.push(e.name + ': ' + e.message); }"
                + "  }"
                + "  ctx.finish(errors);"
                + "}};");
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "*"));
        FrameworkOutcome outcome = awaitOutcome();
        assertThat(outcome.result()).isEqualTo(RecordingConnection.parse("["
                + "'TypeError: task \\u0027a\\u0027: cpus must be a positive number',"
                + "'TypeError: task \\u0027b\\u0027: needs either command (a shell command) or js (a task script), not neither',"
                + "'Error: task \\u0027c\\u0027: no task script \\u0027tasks/nope.js\\u0027 next to fw.js',"
                + "'Error: launch: task \\u0027d-1\\u0027 needs cpus 9.0 but offer o-1 has only 2.0 left']"));
        assertThat(connection.calls("ACCEPT")).isEmpty();
    }

    @Test
    void declineKillReviveSuppressAndReconcileBecomeTheirCalls() throws Exception {
        start("module.exports = {name: 'x', offers(offers, ctx) {"
                + "  ctx.decline(offers[0], {refuseSeconds: 30});"
                + "  ctx.decline(offers[1].id);"
                + "  ctx.kill('t-9'); ctx.revive(); ctx.suppress(); ctx.reconcile();"
                + "}};");
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "*"),
                RecordingConnection.offer("o-2", "agent-2", 2, 1024, "*"));
        connection.await("RECONCILE");
        assertThat(connection.calls).containsExactly(
                (ObjectNode) RecordingConnection.parse("{'type':'DECLINE','decline':{'offer_ids':[{'value':'o-1'}],"
                        + "'filters':{'refuse_seconds':30.0}}}"),
                (ObjectNode) RecordingConnection.parse("{'type':'DECLINE','decline':{'offer_ids':[{'value':'o-2'}]}}"),
                (ObjectNode) RecordingConnection.parse("{'type':'KILL','kill':{'task_id':{'value':'t-9'}}}"),
                (ObjectNode) RecordingConnection.parse("{'type':'REVIVE'}"),
                (ObjectNode) RecordingConnection.parse("{'type':'SUPPRESS'}"),
                (ObjectNode) RecordingConnection.parse("{'type':'RECONCILE','reconcile':{'tasks':[]}}"));
    }

    @Test
    void offersReachTheScriptInTheShapeOfTheJsApi() throws Exception {
        start("module.exports = {name: 'x', offers(offers, ctx) { ctx.finish(offers[0]); }};");
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "web"));
        JsonNode offer = awaitOutcome().result();
        assertThat(offer.get("id").asText()).isEqualTo("o-1");
        assertThat(offer.get("agentId").asText()).isEqualTo("agent-1");
        assertThat(offer.get("hostname").asText()).isEqualTo("host-agent-1");
        assertThat(offer.get("cpus").asDouble()).isEqualTo(2.0);
        assertThat(offer.get("mem").asDouble()).isEqualTo(1024.0);
        assertThat(offer.get("disk").asDouble()).isEqualTo(0.0);
        assertThat(offer.get("ports")).isEqualTo(RecordingConnection.parse("[[31000,32000]]"));
        assertThat(offer.get("attributes")).isEqualTo(RecordingConnection.parse("{'rack':'r1'}"));
        assertThat(offer.get("resources")).hasSize(3);
    }

    @Test
    void updatesCarryDecodedJsonDataAndAreAcknowledgedAutomatically() throws Exception {
        start("module.exports = {name: 'x', offers() {}, update(status, ctx) {"
                + "  if (status.state === 'TASK_FINISHED') ctx.finish({got: status.data, id: status.taskId,"
                + "    agent: status.agentId, text: typeof status.data});"
                + "}};");
        connection.subscribed("fw-1");
        connection.push("{'type':'UPDATE','update':{'status':{'task_id':{'value':'t1'},'state':'TASK_RUNNING',"
                + "'source':'SOURCE_EXECUTOR','agent_id':{'value':'agent-1'},'uuid':'AAAAAAAAAAAAAAAAAAAAAA=='}}}");
        connection.push("{'type':'UPDATE','update':{'status':{'task_id':{'value':'t1'},'state':'TASK_FINISHED',"
                + "'agent_id':{'value':'agent-1'},'uuid':'AQEBAQEBAQEBAQEBAQEBAQ==','data':'"
                + base64("{\"inside\":3,\"samples\":4}") + "'}}}");
        FrameworkOutcome outcome = awaitOutcome();
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FINISHED);
        assertThat(outcome.result()).isEqualTo(RecordingConnection.parse(
                "{'got':{'inside':3,'samples':4},'id':'t1','agent':'agent-1','text':'object'}"));
        assertThat(connection.calls("ACKNOWLEDGE")).containsExactly((ObjectNode) RecordingConnection.parse(
                "{'type':'ACKNOWLEDGE','acknowledge':{'agent_id':{'value':'agent-1'},'task_id':{'value':'t1'},"
                        + "'uuid':'AAAAAAAAAAAAAAAAAAAAAA=='}}"));
    }

    @Test
    void nonJsonDataArrivesAsTextAndStatusesWithoutUuidAreNotAcknowledged() throws Exception {
        start("module.exports = {name: 'x', offers() {}, update(status, ctx) { ctx.finish(status); }};");
        connection.subscribed("fw-1");
        connection.push("{'type':'UPDATE','update':{'status':{'task_id':{'value':'t1'},'state':'TASK_ERROR',"
                + "'message':'bad','reason':'REASON_TASK_INVALID','source':'SOURCE_MASTER','data':'"
                + base64("not json at all") + "'}}}");
        assertThat(awaitOutcome().result()).isEqualTo(RecordingConnection.parse(
                "{'taskId':'t1','state':'TASK_ERROR','message':'bad','reason':'REASON_TASK_INVALID',"
                        + "'source':'SOURCE_MASTER','data':'not json at all'}"));
        assertThat(connection.calls("ACKNOWLEDGE")).isEmpty();
    }

    @Test
    void withoutAutoAcknowledgeTheScriptAcknowledgesItself() throws Exception {
        JsFramework fw = start("let seen = 0; module.exports = {name: 'x', autoAcknowledge: false, offers() {},"
                + " update(status, ctx) { if (++seen === 2) ctx.acknowledge(status); }};");
        connection.subscribed("fw-1");
        String update = "{'type':'UPDATE','update':{'status':{'task_id':{'value':'t1'},'state':'TASK_RUNNING',"
                + "'agent_id':{'value':'a'},'uuid':'%s'}}}";
        connection.push(String.format(update, "AAAAAAAAAAAAAAAAAAAAAA=="));
        drain(fw);
        assertThat(connection.calls("ACKNOWLEDGE")).isEmpty();
        connection.push(String.format(update, "AQEBAQEBAQEBAQEBAQEBAQ=="));
        assertThat(connection.await("ACKNOWLEDGE").at("/acknowledge/uuid").asText())
                .isEqualTo("AQEBAQEBAQEBAQEBAQEBAQ==");
    }

    @Test
    void finishTearsTheFrameworkDownAndCompletesWithTheResult() throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', subscribed(ctx) { ctx.finish({id: ctx.frameworkId,"
                + " p: ctx.params.n}); }, offers() {}};", Map.of(),
                JsonNodeFactory.instance.objectNode().put("n", "5"));
        connection.subscribed("fw-3");
        FrameworkOutcome outcome = awaitOutcome();
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FINISHED);
        assertThat(outcome.result()).isEqualTo(RecordingConnection.parse("{'id':'fw-3','p':'5'}"));
        assertThat(connection.calls).containsExactly((ObjectNode) RecordingConnection.parse("{'type':'TEARDOWN'}"));
        assertThat(connection.closed).isTrue();
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 2, 1024, "*"));
        drain(fw);
        assertThat(connection.calls).hasSize(1);
    }

    @Test
    void failTearsTheFrameworkDownAndCompletesFailedWithTheReason() throws Exception {
        start("module.exports = {name: 'x', subscribed(ctx) {"
                + " try { ctx.fail(''); } catch (e) { ctx.log('refused: ' + e.message); }"
                + " ctx.fail('input.txt is empty'); }, offers() {}};", Map.of(),
                JsonNodeFactory.instance.objectNode());
        try (LogCapture logs = LogCapture.of(JsFramework.class)) {
            connection.subscribed("fw-4");
            FrameworkOutcome outcome = awaitOutcome();
            assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FAILED);
            assertThat(outcome.reason()).isEqualTo("input.txt is empty");
            assertThat(logs.messages(Level.INFO)).contains("[fw.js] refused: fail: reason must be a non-empty string");
        }
        assertThat(connection.calls).containsExactly((ObjectNode) RecordingConnection.parse("{'type':'TEARDOWN'}"));
        assertThat(connection.closed).isTrue();
    }

    @Test
    void stopTearsDownAndCompletesStopped() throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', offers() {}};");
        connection.subscribed("fw-1");
        drain(fw);
        fw.stop("script deleted");
        FrameworkOutcome outcome = awaitOutcome();
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.STOPPED);
        assertThat(outcome.reason()).isEqualTo("script deleted");
        assertThat(connection.calls("TEARDOWN")).hasSize(1);
        fw.stop("again");
        assertThat(connection.calls("TEARDOWN")).hasSize(1);
    }

    @Test
    void anErrorEventIsHandedToTheScriptAndFailsTheFramework() throws Exception {
        start("module.exports = {name: 'x', offers() {}, error(message, ctx) { ctx.log('master says', message); }};");
        try (LogCapture logs = LogCapture.of(JsFramework.class)) {
            connection.subscribed("fw-1");
            connection.push("{'type':'ERROR','error':{'message':'Framework has been removed'}}");
            FrameworkOutcome outcome = awaitOutcome();
            assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FAILED);
            assertThat(outcome.reason()).isEqualTo("the master sent ERROR: Framework has been removed");
            assertThat(logs.messages(Level.INFO)).contains("[fw.js] master says Framework has been removed");
        }
        assertThat(connection.calls("TEARDOWN")).isEmpty();
    }

    @Test
    void aClosedSessionFailsTheFramework() throws Exception {
        start("module.exports = {name: 'x', offers() {}};");
        connection.listener.onClosed("master answered 403: not authorized");
        FrameworkOutcome outcome = awaitOutcome();
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FAILED);
        assertThat(outcome.reason()).contains("master answered 403: not authorized");
    }

    @Test
    void rescindAndFailureReachTheScript() throws Exception {
        start("const seen = []; module.exports = {name: 'x', offers() {},"
                + " rescind(id, ctx) { seen.push(id); },"
                + " failure(info, ctx) { seen.push(info); ctx.finish(seen); }};");
        connection.subscribed("fw-1");
        connection.push("{'type':'RESCIND','rescind':{'offer_id':{'value':'o-4'}}}");
        connection.push("{'type':'FAILURE','failure':{'agent_id':{'value':'agent-2'}}}");
        assertThat(awaitOutcome().result()).isEqualTo(RecordingConnection.parse("['o-4',{'agentId':'agent-2'}]"));
    }

    FrameworkOutcome awaitOutcome() throws Exception {
        return last.outcome().get(10, TimeUnit.SECONDS);
    }

    JsFramework last;
}
