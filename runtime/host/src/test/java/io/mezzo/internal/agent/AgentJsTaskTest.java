package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import io.mezzo.internal.js.JsTaskWire;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.CommandInfo;
import io.mezzo.internal.model.Label;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JS tasks on a real agent, run as real child JVMs through the process launcher. */
class AgentJsTaskTest extends AgentHarness {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TaskSpec jsTask(String id, byte[] data) {
        CommandInfo placeholder = new CommandInfo(List.of(), Map.of(), false, Optional.of(JsTaskWire.COMMAND),
                List.of(JsTaskWire.COMMAND, "tasks/x.js"), Optional.empty());
        return new TaskSpec(new TaskId(id), id, FakeMaster.AGENT_ID, Resources.parse("cpus:0.1;mem:64"), placeholder,
                Optional.empty(), List.of(new Label(JsTaskWire.LABEL_KEY, Optional.of(JsTaskWire.LABEL_VALUE))),
                Optional.of(new Blob(data)));
    }

    static TaskSpec jsTask(String id, String script, String source, ObjectNode args) {
        ObjectNode wire = JSON.createObjectNode().put("script", script).put("source", source);
        wire.set("args", args);
        return jsTask(id, wire.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsTaskFinishesWithItsReturnValueAsTheStatusData() throws Exception {
        master.autoAcknowledge = true;
        startRegistered();
        launch(jsTask("js-1", "tasks/square.js",
                "module.exports = (args, task) => ({square: args.n * args.n, id: task.taskId});",
                JSON.createObjectNode().put("n", 7)));

        TaskStatus finished = awaitUpdate("js-1", TaskState.TASK_FINISHED).status();

        assertThat(finished.data()).isPresent();
        assertThat(JSON.readTree(finished.data().get().bytes()))
                .isEqualTo(JSON.readTree("{\"square\":49,\"id\":\"js-1\"}"));
        assertThat(master.states()).containsExactly("js-1:TASK_STARTING", "js-1:TASK_RUNNING", "js-1:TASK_FINISHED");
    }

    @Test
    void throwingJsTaskFailsWithTheJsErrorAndItsLine() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(jsTask("js-2", "tasks/bad.js", "module.exports = function work() {\n  throw new Error('nope');\n};",
                JSON.createObjectNode()));

        TaskStatus failed = awaitUpdate("js-2", TaskState.TASK_FAILED).status();

        assertThat(failed.message()).hasValueSatisfying(m ->
                assertThat(m).startsWith("Error: nope").contains("at work (tasks/bad.js:2:"));
        assertThat(failed.data()).isEmpty();
    }

    @Test
    void jsTaskWithoutSourceIsRefusedNamingTheMissingField() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(jsTask("js-3", "{\"script\":\"tasks/x.js\"}".getBytes(StandardCharsets.UTF_8)));

        TaskStatus error = awaitUpdate("js-3", TaskState.TASK_ERROR).status();

        assertThat(error.reason()).contains(Reason.REASON_TASK_INVALID);
        assertThat(error.message()).hasValueSatisfying(m -> assertThat(m).contains("no 'source' string"));
    }

    @Test
    void jsTaskCommandRunsThisJvmOnItsClassPath() {
        var command = JsTaskCommand.command("tasks/x.js");

        assertThat(command.shell()).isFalse();
        assertThat(command.arguments()).startsWith(command.value())
                .containsSubsequence("-cp", JsTaskCommand.classPath(JsTaskCommand.taskClassPath(
                                System.getProperty("java.class.path"), System.getProperty("jdk.module.path"))),
                        JsTaskWire.MAIN_CLASS,
                        JsTaskWire.SCRIPT_FILE, JsTaskWire.ARGS_FILE, JsTaskWire.RESULT_FILE, JsTaskWire.ERROR_FILE)
                .contains("-Dpolyglot.engine.WarnInterpreterOnly=false");
        assertThat(JsTaskCommand.jvmFlags(25)).contains("--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow");
        assertThat(JsTaskCommand.jvmFlags(17)).doesNotContain("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void anAgentRunningGraalFromTheModulePathGivesItsTasksThoseJarsOnTheClassPath() {
        String sep = java.io.File.pathSeparator;

        assertThat(JsTaskCommand.taskClassPath("/m/lib/a.jar", "/m/graal/polyglot.jar" + sep + "/m/graal/truffle.jar"))
                .isEqualTo("/m/lib/a.jar" + sep + "/m/graal/polyglot.jar" + sep + "/m/graal/truffle.jar");
        assertThat(JsTaskCommand.taskClassPath("/m/lib/a.jar", null)).isEqualTo("/m/lib/a.jar");
    }

    @Test
    void theTaskClassPathIsAbsoluteBecauseTheTaskStartsInItsSandbox() {
        String sep = java.io.File.pathSeparator;
        String cwd = java.nio.file.Path.of("").toAbsolutePath().toString();

        assertThat(JsTaskCommand.classPath("lib/a.jar" + sep + "/opt/mezzo/lib/b.jar" + sep + sep + "classes"))
                .isEqualTo(cwd + "/lib/a.jar" + sep + "/opt/mezzo/lib/b.jar" + sep + cwd + "/classes");
    }
}
