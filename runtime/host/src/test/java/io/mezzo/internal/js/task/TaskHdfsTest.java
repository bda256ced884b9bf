package io.mezzo.internal.js.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.api.CommandSpec;
import io.mezzo.api.HdfsUri;
import io.mezzo.hdfs.HadoopHdfs;
import io.mezzo.internal.agent.JsTaskCommand;
import io.mezzo.internal.hdfs.EmbeddedHdfs;
import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.js.JsTaskWire;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsSettings;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code task.hdfs} in a real task JVM, started with the command the agent builds: the HDFS
 * bundle jar added to the class path and the agent's HDFS settings in the environment.
 */
class TaskHdfsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path storage;
    static EmbeddedHdfs hdfs;
    static HdfsClient client;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void startHdfs() throws Exception {
        hdfs = EmbeddedHdfs.start(storage.resolve("hdfs"));
        client = HdfsServices.connect(settings(), Optional.empty());
    }

    @AfterAll
    static void stopHdfs() {
        if (client != null) {
            client.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    static HdfsSettings settings() {
        return new HdfsSettings(Optional.empty(), Optional.of(hdfs.uri()), Duration.ofSeconds(20));
    }

    record Run(int exit, String result, String error) {}

    /**
     * Runs the task as the agent would, except that the test JVM's own copy of the HDFS bundle
     * is taken off the class path: the task finds HDFS only through the jar the agent adds.
     */
    private Run run(String script, Map<String, String> env) throws Exception {
        Files.writeString(sandbox.resolve(JsTaskWire.SCRIPT_FILE), script);
        Files.writeString(sandbox.resolve(JsTaskWire.ARGS_FILE), "{}");
        Path jar = HdfsServices.jarOf(HadoopHdfs.class).orElseThrow(() -> new AssertionError(
                "the HDFS bundle is not a jar on the test class path"));
        String original = System.getProperty("java.class.path");
        String withoutHdfs = Arrays.stream(original.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(jar.toAbsolutePath().normalize()))
                .collect(Collectors.joining(File.pathSeparator));
        CommandSpec command;
        System.setProperty("java.class.path", withoutHdfs);
        try {
            command = JsTaskCommand.command("tasks/h.js", Optional.of(jar));
        } finally {
            System.setProperty("java.class.path", original);
        }
        List<String> argv = new ArrayList<>(command.arguments());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile())
                .redirectOutput(sandbox.resolve("stdout").toFile()).redirectError(sandbox.resolve("stderr").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MEZZO_HDFS") || k.equals(TaskHdfs.CONF_DIR));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the task did not end");
        }
        return new Run(p.exitValue(), read(JsTaskWire.RESULT_FILE), read(JsTaskWire.ERROR_FILE));
    }

    private String read(String name) throws IOException {
        Path f = sandbox.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    @Test
    void aTaskReadsListsAndWritesHdfsThroughTheAgentsSettings() throws Exception {
        client.write(HdfsUri.parse(hdfs.uri() + "/task/in.txt"),
                new ByteArrayInputStream("one two two".getBytes(StandardCharsets.UTF_8)), true);

        Run r = run("""
                module.exports = function (args, task) {
                  const text = task.hdfs.read('/task/in.txt');
                  task.hdfs.mkdirs('/task/out');
                  const wrote = task.hdfs.write('/task/out/n.txt', String(text.split(' ').length));
                  let missing;
                  try { task.hdfs.read('/task/none'); } catch (e) { missing = e.kind; }
                  return { uri: task.hdfs.uri, text, wrote, missing,
                           listed: task.hdfs.list('/task').map((e) => [e.path.slice(task.hdfs.uri.length), e.directory]),
                           exists: task.hdfs.exists('/task/out/n.txt'), removed: task.hdfs.delete('/task/out', true) };
                };
                """, TaskHdfs.environment(settings()));

        assertThat(r.exit()).as("error: %s", r.error()).isZero();
        String fs = hdfs.uri().toString();
        assertThat(JSON.readTree(r.result())).isEqualTo(JSON.readTree("{\"uri\":\"" + fs + "\",\"text\":\"one two two\","
                + "\"wrote\":\"" + fs + "/task/out/n.txt\",\"missing\":\"NOT_FOUND\","
                + "\"listed\":[[\"/task/in.txt\",false],[\"/task/out\",true]],\"exists\":true,\"removed\":true}"));
        assertThat(client.exists(HdfsUri.parse(fs + "/task/out"))).isFalse();
    }

    @Test
    void aFailedHdfsCallFailsTheTaskWithTheHdfsMessage() throws Exception {
        Run r = run("module.exports = (args, task) => task.hdfs.read('/task/not-there.txt');",
                TaskHdfs.environment(settings()));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.error()).contains(hdfs.uri() + "/task/not-there.txt", "(NOT_FOUND)");
    }

    @Test
    void withoutTheSettingsTheUriIsNullAndCallsSayHdfsIsNotConfigured() throws Exception {
        Run r = run("""
                module.exports = function (args, task) {
                  try { task.hdfs.list('/'); return 'listed'; } catch (e) { return { uri: task.hdfs.uri, message: e.message }; }
                };
                """, Map.of());

        assertThat(r.exit()).as("error: %s", r.error()).isZero();
        JsonNode result = JSON.readTree(r.result());
        assertThat(result.get("uri").isNull()).isTrue();
        assertThat(result.get("message").asText()).startsWith("hdfs.list: HDFS is not configured");
    }

    @Test
    void theEnvironmentCarriesTheSettingsAndNothingWithoutThem() {
        HdfsSettings settings = new HdfsSettings(Optional.of(Path.of("/etc/hadoop")), Optional.of(hdfs.uri()),
                Duration.ofMillis(1500));
        Map<String, String> env = TaskHdfs.environment(settings);

        assertThat(env).containsEntry(TaskHdfs.DEFAULT_FS, hdfs.uri().toString())
                .containsEntry(TaskHdfs.CONF_DIR, "/etc/hadoop").containsEntry(TaskHdfs.TIMEOUT_MILLIS, "1500");
        assertThat(TaskHdfs.settings(env)).contains(settings);
        assertThat(TaskHdfs.environment(new HdfsSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(1))))
                .isEmpty();
        assertThat(TaskHdfs.settings(Map.of())).isEmpty();
    }
}
