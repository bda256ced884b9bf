package io.mezzo.internal.js.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.js.JsTaskWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JsTaskMain in a real child JVM, in a sandbox directory, as the agent runs it. */
class JsTaskMainTest {
    @TempDir
    Path sandbox;

    record Run(int exit, String result, String error, String stdout) {}

    private Run run(String script, String argsJson) throws Exception {
        Files.writeString(sandbox.resolve(JsTaskWire.SCRIPT_FILE), script);
        Files.writeString(sandbox.resolve(JsTaskWire.ARGS_FILE), argsJson);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                JsTaskWire.MAIN_CLASS, JsTaskWire.SCRIPT_FILE, JsTaskWire.ARGS_FILE, JsTaskWire.RESULT_FILE,
                JsTaskWire.ERROR_FILE, "tasks/x.js"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(sandbox.toFile())
                .redirectOutput(sandbox.resolve("stdout").toFile()).redirectError(sandbox.resolve("stderr").toFile());
        pb.environment().put("MESOS_TASK_ID", "task-7");
        pb.environment().put("GREETING", "hi");
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("JsTaskMain did not end");
        }
        return new Run(p.exitValue(), read(JsTaskWire.RESULT_FILE), read(JsTaskWire.ERROR_FILE), read("stdout"));
    }

    private String read(String name) throws IOException {
        Path f = sandbox.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    @Test
    void returnValueIsWrittenAsJsonWithTheTasksIdentityAndLogOnStdout() throws Exception {
        Run r = run("""
                module.exports = function (args, task) {
                  task.log('summing', args.xs.length, {n: 1});
                  console.log('console too');
                  return {sum: args.xs.reduce((a, b) => a + b, 0), id: task.taskId,
                          sandbox: task.sandbox, greeting: task.env('GREETING'), none: task.env('NOPE') === undefined};
                };
                """, "{\"xs\":[1,2,3]}");

        assertThat(r.exit()).as("error: %s", r.error()).isZero();
        assertThat(r.result()).isEqualTo("{\"sum\":6,\"id\":\"task-7\",\"sandbox\":\""
                + sandbox.toRealPath() + "\",\"greeting\":\"hi\",\"none\":true}");
        assertThat(r.stdout()).contains("summing 3 {\"n\":1}", "console too");
        assertThat(r.error()).isNull();
    }

    @Test
    void undefinedBecomesNullAndAPromiseIsAwaited() throws Exception {
        assertThat(run("module.exports = function () {};", "{}").result()).isEqualTo("null");
        assertThat(run("module.exports = async (args) => args.v * 2;", "{\"v\":21}").result()).isEqualTo("42");
    }

    @Test
    void aThrownErrorFailsWithItsMessageAndTheScriptLine() throws Exception {
        Run r = run("""
                function check(n) {
                  if (n > 1) {
                    throw new Error('boom ' + n);
                  }
                }
                module.exports = function run(args) { check(args.n); return 1; };
                """, "{\"n\":2}");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result()).isNull();
        assertThat(r.error()).startsWith("Error: boom 2\n").contains("at check (tasks/x.js:3:")
                .contains("at run (tasks/x.js:6:").doesNotContain("prelude");
    }

    @Test
    void aFailedReadNamesThePathAndShowsOnlyTheScriptsFrames() throws Exception {
        Run r = run("// counts lines\nmodule.exports = function (args, task) {\n"
                + "  return task.readLines('input.txt').length;\n};\n", "{}");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.error()).contains("cannot read 'input.txt': no such file in the task's sandbox"
                + " (give an absolute path)")
                .contains("(tasks/x.js:3)").doesNotContain("mezzo-task-prelude.js");
    }

    @Test
    void aSyntaxErrorFailsNamingFileAndLine() throws Exception {
        Run r = run("module.exports = function () {\n  return 1 +;\n};\n", "{}");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.error()).startsWith("SyntaxError").contains("tasks/x.js:2");
    }

    @Test
    void aScriptWithoutAnExportedFunctionIsUnusable() throws Exception {
        Run r = run("const x = 1;", "{}");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.error()).contains("tasks/x.js does not export a function");
    }

    @Test
    void filesAreReadAnywhereButWrittenOnlyInsideTheSandbox() throws Exception {
        Path outside = Files.writeString(sandbox.getParent().resolve("outside-" + sandbox.getFileName() + ".txt"),
                "a\nb\n");
        Run r = run("""
                module.exports = function (args, task) {
                  const attempt = (f) => { try { f(); return 'ok'; } catch (e) { return e.message; } };
                  task.writeText('out/part.txt', 'x\\ny');
                  return {
                    lines: task.readLines(args.outside),
                    own: task.readLines('out/part.txt'),
                    up: attempt(() => task.writeText('../escape.txt', 'no')),
                    absolute: attempt(() => task.writeText(args.outside, 'no')),
                    missing: attempt(() => task.readText('nope.txt')),
                  };
                };
                """, "{\"outside\":\"" + outside + "\"}");

        assertThat(r.exit()).as("error: %s", r.error()).isZero();
        assertThat(r.result()).contains("\"lines\":[\"a\",\"b\"]", "\"own\":[\"x\",\"y\"]",
                "\"up\":\"cannot write '../escape.txt': '..' is not allowed\"",
                "only paths relative to the sandbox may be written", "cannot read 'nope.txt': no such file");
        assertThat(Files.readString(outside)).isEqualTo("a\nb\n");
        assertThat(sandbox.getParent().resolve("escape.txt")).doesNotExist();
    }

    @Test
    void hostClassesAreOutOfReach() throws Exception {
        Run r = run("module.exports = () => Java.type('java.lang.System').exit(0);", "{}");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result()).isNull();
        assertThat(r.error()).isNotBlank();
    }
}
