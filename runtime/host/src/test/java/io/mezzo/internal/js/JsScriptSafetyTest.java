package io.mezzo.internal.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.internal.time.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad scripts are refused before they subscribe; running ones cannot escape or hang the host. */
class JsScriptSafetyTest {
    static final JsEngine engine = TestEngine.SHARED;
    final FakeTime time = new FakeTime();
    final RecordingConnection connection = new RecordingConnection();

    JsFramework start(String script) throws ScriptException {
        JsScriptHost host = new JsScriptHost(engine, time, Duration.ofSeconds(10), "alice");
        return (JsFramework) host.start(ScriptSource.of("bad.js", script, Map.of()),
                JsonNodeFactory.instance.objectNode(), connection);
    }

    @Test
    void aSyntaxErrorNamesFileAndLineAndSubscribesNothing() {
        assertThatThrownBy(() -> start("module.exports = {\n  name: 'x',\n  offers(o, ctx) { let = = 2; }\n};"))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.getMessage()).isEqualTo("bad.js:3: SyntaxError: Expected an operand but found =");
                });
        assertThat(connection.listener).isNull();
    }

    @Test
    void checkingAScriptEvaluatesItWithoutSubscribingAndRefusesWhatStartWouldRefuse() throws Exception {
        JsScriptHost host = new JsScriptHost(engine, time, Duration.ofSeconds(10), "alice");
        ObjectNode params = JsonNodeFactory.instance.objectNode();

        host.check(ScriptSource.of("good.js", "module.exports = {name: 'x', offers() {}};", Map.of()), params);
        assertThatThrownBy(() -> host.check(ScriptSource.of("bad.js", "module.exports = {\n  name: 'x',\n"
                + "  offers(o, ctx) { let = = 2; }\n};", Map.of()), params))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.line()).hasValue(3));
        assertThatThrownBy(() -> host.check(ScriptSource.of("empty.js", "module.exports = {name: ''};", Map.of()),
                params)).isInstanceOf(ScriptException.class).hasMessageContaining("invalid framework export");
    }

    @Test
    void anExceptionWhileEvaluatedNamesItsLine() {
        assertThatThrownBy(() -> start("const a = 1;\nnull.boom;\n"))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.getMessage()).startsWith("bad.js:2: TypeError");
                });
        assertThat(connection.listener).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "module.exports = 5;|module.exports must be an object describing the framework, not number",
        "module.exports = {offers() {}};|name must be a non-empty string",
        "module.exports = {name: '', offers() {}};|name must be a non-empty string",
        "module.exports = {name: 'x'};|offers must be a function",
        "module.exports = {name: 'x', roles: ['a', ''], offers() {}};|roles must be a non-empty array",
        "module.exports = {name: 'x', roles: 'a', offers() {}};|roles must be a non-empty array",
        "module.exports = {name: 'x', failoverTimeout: -1, offers() {}};|failoverTimeout must be a number",
        "module.exports = {name: 'x', update: 3, offers() {}};|update must be a function",
        "module.exports = {name: 'x', offer() {}, colour: 1, offers() {}};|unknown keys in module.exports: offer, colour",
    })
    void invalidExportsAreRefusedNamingTheProblem(String caseText) {
        String[] parts = caseText.split("\\|");
        assertThatThrownBy(() -> start(parts[0]))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("bad.js: invalid framework export: ")
                .hasMessageContaining(parts[1]);
        assertThat(connection.listener).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Java.type('java.lang.System').exit(1)",
        "load('/etc/passwd')",
        "loadWithNewGlobal({script: '1', name: 'x'})",
        "require('fs')",
        "java.lang.System.getenv()",
        "Packages.java.io.File",
        "Polyglot.eval('js', '1')",
        "Graal.versionJS",
        "print('x')",
        "quit()",
    })
    void hostAccessIsNotAvailableToScripts(String escape) throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', offers() {}, subscribed(ctx) {"
                + "  let outcome; try { const v = " + escape + "; outcome = 'escaped: ' + String(v); }"
                + "  catch (e) { outcome = 'blocked: ' + e; } ctx.finish(outcome); }};");
        connection.subscribed("fw-1");
        String result = fw.outcome().get(10, TimeUnit.SECONDS).result().asText();
        assertThat(result).startsWith("blocked: ");
    }

    @Test
    void theBridgeIsNotReachableFromTheScript() throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', offers() {}, subscribed(ctx) {"
                + " ctx.finish([typeof bridge, Object.keys(globalThis).filter(k => k !== 'module' && k !== 'exports'"
                + " && k !== 'console'), typeof ctx.launch.call]); }};");
        connection.subscribed("fw-1");
        assertThat(fw.outcome().get(10, TimeUnit.SECONDS).result()).isEqualTo(
                RecordingConnection.parse("['undefined',[],'function']"));
    }

    @Test
    void aCallbackStuckInALoopIsStoppedAndTheFrameworkFailsAndIsTornDown() throws Exception {
        JsFramework fw = start("module.exports = {name: 'x', offers() { for (;;) {} }};");
        connection.subscribed("fw-1");
        fw.drained().get(10, TimeUnit.SECONDS);
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 1, 128, "*"));
        awaitTimer();
        time.advance(Duration.ofSeconds(10));
        FrameworkOutcome outcome = fw.outcome().get(10, TimeUnit.SECONDS);
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FAILED);
        assertThat(outcome.reason()).isEqualTo("callback 'offers' of bad.js ran longer than 10s and was stopped");
        assertThat(connection.calls("TEARDOWN")).hasSize(1);
        assertThat(connection.closed).isTrue();
    }

    @Test
    void aFastCallbackIsNotStoppedWhenTheLimitPassesLater() throws Exception {
        JsFramework fw = start("let n = 0; module.exports = {name: 'x', offers() { n++; },"
                + " rescind(id, ctx) { ctx.finish(n); }};");
        connection.subscribed("fw-1");
        connection.offers(RecordingConnection.offer("o-1", "agent-1", 1, 128, "*"));
        fw.drained().get(10, TimeUnit.SECONDS);
        time.advance(Duration.ofSeconds(60));
        connection.push("{'type':'RESCIND','rescind':{'offer_id':{'value':'o-9'}}}");
        FrameworkOutcome outcome = fw.outcome().get(10, TimeUnit.SECONDS);
        assertThat(outcome.kind()).isEqualTo(FrameworkOutcome.Kind.FINISHED);
        assertThat(outcome.result().asInt()).isEqualTo(1);
    }

    @Test
    void aThrowingCallbackIsLoggedWithItsJsStackAndTheFrameworkGoesOn() throws Exception {
        try (LogCapture logs = LogCapture.of(JsFramework.class)) {
            JsFramework fw = start("function pick(offers) {\n  return offers[0].nothing.deeper;\n}\n"
                    + "module.exports = {name: 'x', offers(offers, ctx) { pick(offers); },\n"
                    + "  rescind(id, ctx) { ctx.finish('still here'); }};");
            connection.subscribed("fw-1");
            connection.offers(RecordingConnection.offer("o-1", "agent-1", 1, 128, "*"));
            connection.push("{'type':'RESCIND','rescind':{'offer_id':{'value':'o-9'}}}");
            FrameworkOutcome outcome = fw.outcome().get(10, TimeUnit.SECONDS);
            assertThat(outcome.result().asText()).isEqualTo("still here");
            assertThat(logs.messages(Level.WARNING)).anySatisfy(line -> assertThat(line)
                    .contains("[bad.js] callback 'offers' threw TypeError")
                    .contains("at pick (bad.js:2:")
                    .contains("at offers (bad.js:4:"));
        }
        // The offers the broken callback left unanswered are given back.
        assertThat(connection.calls("DECLINE")).hasSize(1);
    }

    private void awaitTimer() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (time.pendingTimers() == 0 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(time.pendingTimers()).isEqualTo(1);
    }
}
