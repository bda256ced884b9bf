package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument parsing, help and {@code submit}'s packaging, without a cluster. */
class ScriptCommandsTest {
    @TempDir
    Path dir;

    static CommandLine cli(StringWriter out, StringWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void helpOfEachScriptCommandNamesItsOptionsAndAnExample() {
        for (String command : List.of("run", "submit", "teardown")) {
            StringWriter out = new StringWriter();
            assertThat(cli(out, new StringWriter()).execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("--master");
        }
        StringWriter run = new StringWriter();
        cli(run, new StringWriter()).execute("run", "--help");
        assertThat(run.toString()).contains("--param=NAME=VALUE", "--callback-timeout", "last line", "Example:");
        StringWriter local = new StringWriter();
        cli(local, new StringWriter()).execute("local", "--help");
        assertThat(local.toString()).contains("--framework=FILE");
    }

    @Test
    void runTakesRepeatedParamsMastersAndSnakeCaseCallbackTimeout() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("pi.js", "--master", "http://m1:5050,m2:5050", "--master", "m3:5050",
                "--param", "tasks=8", "--param", "expr=a=b", "--callback_timeout", "3secs");

        assertThat(run.file).isEqualTo(Path.of("pi.js"));
        assertThat(MasterUrls.parse(run.masters)).containsExactly(URI.create("http://m1:5050"),
                URI.create("http://m2:5050"), URI.create("http://m3:5050"));
        assertThat(run.script.paramsJson().toString()).isEqualTo("{\"tasks\":\"8\",\"expr\":\"a=b\"}");
        assertThat(run.script.callbackTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void missingMasterOrMalformedParamIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(cli(new StringWriter(), err).execute("run", "pi.js")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--master=URL'");
        StringWriter err2 = new StringWriter();
        assertThat(cli(new StringWriter(), err2).execute("submit", "pi.js", "--master", "m:1", "--param", "novalue"))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("--param", "novalue");
    }

    @Test
    void masterUrlsMustBeHttp() {
        assertThatThrownBy(() -> MasterUrls.parse(List.of("ftp://m:1"))).hasMessageContaining("'ftp://m:1'");
        assertThatThrownBy(() -> MasterUrls.parse(List.of())).hasMessageContaining("--master is required");
    }

    @Test
    void teardownTellsHostedIdsFromFrameworkIds() {
        assertThat(TeardownCommand.isHostedId("hosted-12")).isTrue();
        assertThat(TeardownCommand.isHostedId("5f1c-0001")).isFalse();
        assertThat(TeardownCommand.isHostedId("hosted-")).isFalse();
    }

    @Test
    void submitPackagesTheScriptAndTheJsFilesBelowItsDirectory() throws Exception {
        Files.writeString(dir.resolve("pi.js"), "module.exports = {name: 'pi'};");
        Files.createDirectories(dir.resolve("tasks/lib"));
        Files.writeString(dir.resolve("tasks/pi-task.js"), "module.exports = () => 4;");
        Files.writeString(dir.resolve("tasks/lib/util.js"), "x");
        Files.writeString(dir.resolve("README.md"), "not uploaded");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/hook.js"), "not uploaded");

        ScriptBundle bundle = ScriptBundle.of(dir.resolve("pi.js"));

        assertThat(bundle.name()).isEqualTo("pi.js");
        assertThat(bundle.source()).isEqualTo("module.exports = {name: 'pi'};");
        assertThat(bundle.files()).containsOnlyKeys("tasks/pi-task.js", "tasks/lib/util.js");
        assertThat(bundle.request(java.util.Map.of("n", "3")).toString())
                .contains("\"script\":\"pi.js\"", "\"tasks/pi-task.js\":\"module.exports = () => 4;\"", "\"n\":\"3\"");
    }

    @Test
    void submitRefusesADirectoryWithTooManyOrTooLargeScripts() throws Exception {
        Files.writeString(dir.resolve("fw.js"), "module.exports = {};");
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("t" + i + ".js"), "x".repeat(100));
        }

        assertThatThrownBy(() -> ScriptBundle.of(dir.resolve("fw.js"), 3, 1 << 20))
                .hasMessageContaining("holds 4 *.js files; mezzo submit uploads at most 3");
        assertThatThrownBy(() -> ScriptBundle.of(dir.resolve("fw.js"), 200, 250))
                .hasMessageContaining("add up to more than");
        assertThat(ScriptBundle.of(dir.resolve("fw.js"), 4, 1 << 20).files()).hasSize(3);
        assertThatThrownBy(() -> ScriptBundle.of(dir.resolve("missing.js"))).hasMessageContaining("no framework script");
    }
}
