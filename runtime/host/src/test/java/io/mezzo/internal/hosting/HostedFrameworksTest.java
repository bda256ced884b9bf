package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.time.FakeTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostedFrameworksTest {
    final FakeTime time = new FakeTime();
    final ScriptedHost host = new ScriptedHost();
    final URI self = URI.create("http://127.0.0.1:5050");
    HostedFrameworks hosted = new HostedFrameworks(host.runtime(), List.of(self), time, 3);

    @AfterEach
    void close() {
        hosted.close();
    }

    static ScriptSource script(String name, String text) {
        return ScriptSource.of(name, text, Map.of("tasks/t.js", "module.exports = () => 1;"));
    }

    Hosted submit(String name) throws Exception {
        return hosted.submit(script(name, "module.exports = {name: 'x'};"), MezzoJson.mapper().createObjectNode(),
                Hosted.Origin.SUBMITTED).get(10, TimeUnit.SECONDS);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void submittedScriptRunsWithItsParamsAndAConnectionToThisMaster() throws Exception {
        ObjectNode params = MezzoJson.mapper().createObjectNode().put("n", "4");
        Hosted h = hosted.submit(script("pi.js", "module.exports = {};"), params, Hosted.Origin.SUBMITTED)
                .get(10, TimeUnit.SECONDS);

        assertThat(h.id()).isEqualTo("hosted-1");
        assertThat(h.script()).isEqualTo("pi.js");
        assertThat(h.state()).isEqualTo(Hosted.State.RUNNING);
        assertThat(h.origin()).isEqualTo(Hosted.Origin.SUBMITTED);
        assertThat(h.submittedAt()).isEqualTo(time.instant());
        assertThat(host.only().params.path("n").asText()).isEqualTo("4");
        assertThat(host.only().script.read("tasks/t.js")).isPresent();
        assertThat(host.connections).singleElement().satisfies(c -> assertThat(c.masters).containsExactly(self));
        assertThat(hosted.list()).extracting(Hosted::id).containsExactly("hosted-1");
    }

    @Test
    void scriptThatDoesNotLoadIsReportedAndNothingIsRegistered() {
        assertThatThrownBy(() -> hosted.submit(script("bad.js", "SYNTAX"), MezzoJson.mapper().createObjectNode(),
                Hosted.Origin.SUBMITTED).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ScriptException.class)
                .hasMessage("bad.js:3: SyntaxError: Expected ; but found x");
        assertThat(hosted.list()).isEmpty();
        assertThat(host.connections).singleElement().satisfies(c -> assertThat(c.closed).isTrue());
    }

    @Test
    void outcomeOfTheScriptIsRecordedAndTheFrameworkIdShown() throws Exception {
        Hosted first = submit("a.js");
        Hosted second = submit("b.js");
        host.started.get(0).frameworkId = "fw-1";
        assertThat(hosted.get(first.id()).orElseThrow().frameworkId()).contains("fw-1");

        host.started.get(0).finish(IntNode.valueOf(42));
        host.started.get(1).fail("callback 'offers' ran longer than 10s");

        Hosted a = hosted.get(first.id()).orElseThrow();
        assertThat(a.state()).isEqualTo(Hosted.State.FINISHED);
        assertThat(a.result().asInt()).isEqualTo(42);
        Hosted b = hosted.get(second.id()).orElseThrow();
        assertThat(b.state()).isEqualTo(Hosted.State.FAILED);
        assertThat(b.reason()).contains("callback 'offers' ran longer than 10s");
    }

    @Test
    void stopTearsTheScriptDownWithTheGivenReason() throws Exception {
        Hosted h = submit("a.js");

        assertThat(hosted.stop(h.id(), "stopped by the user")).isPresent();
        await("stopped", () -> hosted.get(h.id()).orElseThrow().state() == Hosted.State.STOPPED);

        assertThat(host.only().stops).containsExactly("stopped by the user");
        assertThat(hosted.get(h.id()).orElseThrow().reason()).contains("stopped by the user");
        assertThat(hosted.stop("hosted-99", "x")).isEmpty();
    }

    @Test
    void stopByFrameworkIdFindsTheScriptThatSubscribedWithIt() throws Exception {
        submit("a.js");
        Hosted b = submit("b.js");
        host.started.get(0).frameworkId = "fw-a";
        host.started.get(1).frameworkId = "fw-b";

        assertThat(hosted.stopByFrameworkId("fw-b", "torn down by the operator")).map(Hosted::id).contains(b.id());
        await("b stopped", () -> hosted.get(b.id()).orElseThrow().state() == Hosted.State.STOPPED);

        assertThat(host.started.get(0).stops).isEmpty();
        assertThat(hosted.stopByFrameworkId("fw-unknown", "x")).isEmpty();
    }

    @Test
    void endedScriptsStayListedUpToTheHistoryLimitWhileRunningOnesAlwaysStay() throws Exception {
        Hosted running = submit("keep.js");
        for (int i = 0; i < 5; i++) {
            submit("s" + i + ".js");
            host.started.get(i + 1).finish(IntNode.valueOf(i));
        }

        // History of 3: s0 and s1 (the oldest ended) are gone; keep.js runs and stays.
        assertThat(hosted.list()).extracting(Hosted::script).containsExactly("keep.js", "s2.js", "s3.js", "s4.js");
        assertThat(hosted.get(running.id()).orElseThrow().state()).isEqualTo(Hosted.State.RUNNING);
    }

    @Test
    void failedLoadCanBeListedWithItsReason() {
        Hosted f = hosted.failed("broken.js", Hosted.Origin.DEPLOY_DIR, "broken.js:2: SyntaxError");

        assertThat(hosted.list()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(f.id());
            assertThat(h.state()).isEqualTo(Hosted.State.FAILED);
            assertThat(h.origin()).isEqualTo(Hosted.Origin.DEPLOY_DIR);
            assertThat(h.reason()).contains("broken.js:2: SyntaxError");
        });
    }

    @Test
    void closeStopsRunningScripts() throws Exception {
        submit("a.js");

        hosted.close();

        assertThat(host.only().stops).containsExactly("the master is stopping");
        assertThatThrownBy(() -> submit("late.js")).hasMessageContaining("stopping");
    }
}
