package io.mezzo.dist.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.dist.Jdks;
import io.mezzo.dist.LocalCluster;
import io.mezzo.dist.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * JavaScript frameworks on the distribution, the way users run them: the examples of
 * {@code scripts/frameworks} to completion with {@code mezzo local --framework}, scripts that
 * are broken in the ways users break them, and hosted scripts dropped into and deleted from a
 * running master's deploy directory, submitted and torn down with the CLI.
 */
class JsFrameworksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newHttpClient();
    private Path home;
    private Path repo;
    private Path fixtures;
    private Path dir;

    @BeforeEach
    void locate(TestInfo test) throws IOException {
        home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo")).toAbsolutePath();
        repo = home.resolve("../../..").normalize();
        fixtures = repo.resolve("dist/src/test/js");
        dir = Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work"))
                .toAbsolutePath().resolve("js-" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime()));
    }

    @Test
    void piExampleEstimatesPiWithJsTasksAndPrintsItsResultLast() throws Exception {
        MezzoCli.Run run = local("pi", 2, "--framework", example("pi.js"), "--param", "tasks=4");
        JsonNode result = lastJson(run);
        assertThat(result.path("tasks").asInt()).as(run.output()).isEqualTo(4);
        assertThat(result.path("pi").asDouble()).as(run.output()).isBetween(2.9, 3.4);
    }

    @Test
    void aFrameworkAndItsJsTasksRunOnJdk25WithoutJvmWarnings() throws Exception {
        assertThat(Jdks.JDK25.resolve("bin/java")).withFailMessage("no JDK 25 at " + Jdks.JDK25
                + "; install Temurin 25 or set MEZZO_JDK25_HOME").isExecutable();
        MezzoCli.Run run = MezzoCli.run(home, dir, "pi-jdk25", RUN_LIMIT, Map.of("JAVA_HOME", Jdks.JDK25.toString()),
                localArgs(1, "--framework", example("pi.js"), "--param", "tasks=2"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(lastJson(run).path("tasks").asInt()).as(run.output()).isEqualTo(2);
        assertThat(run.errors()).as("the master's JVM warnings on JDK 25").doesNotContain("WARNING");
        List<Path> taskErrors;
        try (Stream<Path> files = Files.walk(dir)) {
            taskErrors = files.filter(f -> f.getFileName().toString().equals("stderr") && Files.isRegularFile(f))
                    .toList();
        }
        assertThat(taskErrors).as("the JS tasks' stderr files").hasSize(2);
        for (Path stderr : taskErrors) {
            assertThat(Files.readString(stderr)).as(stderr.toString()).doesNotContain("WARNING");
        }
    }

    @Test
    void withTheGraalCompilerOnJdk25FrameworksRunOnTheOptimizingRuntime() throws Exception {
        Path compiler = Path.of(System.getProperty("mezzo.graal.compiler", "target/graal-compiler/compiler.jar"));
        assertThat(compiler).withFailMessage("no Graal compiler jar at " + compiler
                + " (dist's pom copies it in pre-integration-test)").isRegularFile();
        MezzoCli.Run run = MezzoCli.run(home, dir, "pi-optimized", RUN_LIMIT,
                Map.of("JAVA_HOME", Jdks.JDK25.toString(), "MEZZO_GRAAL_COMPILER", compiler.toAbsolutePath().toString()),
                localArgs(1, "--framework", example("pi.js"), "--param", "tasks=2"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(lastJson(run).path("tasks").asInt()).as(run.output()).isEqualTo(2);
        assertThat(run.errors()).as(run.output()).contains("optimizing runtime (GraalVM CE)").doesNotContain("WARNING");
    }

    @Test
    void batchExampleRunsShellCommandsAndRetriesFailures() throws Exception {
        MezzoCli.Run run = local("batch", 1, "--framework", example("batch.js"), "--param",
                "commands=[\"true\",\"echo hello\",\"false\"]", "--param", "retries=1");
        JsonNode result = lastJson(run);
        assertThat(names(result.path("succeeded"))).as(run.output()).containsExactlyInAnyOrder("true", "echo hello");
        assertThat(names(result.path("failed"))).as(run.output()).containsExactly("false");
        assertThat(result.path("failed").get(0).path("attempts").asInt()).as(run.output()).isEqualTo(2);
    }

    @Test
    void wordcountExampleMapsEverySplitAndReduces() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "The quick brown fox\njumps over the lazy dog\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "the dog's end; THE END\n");
        MezzoCli.Run run = local("wordcount", 2, "--framework", example("wordcount.js"),
                "--param", "input=" + a + "," + b);
        JsonNode result = lastJson(run);
        assertThat(result.path("total").asInt()).as(run.output()).isEqualTo(14);
        assertThat(result.path("words").asInt()).as(run.output()).isEqualTo(10);
        assertThat(result.path("top").get(0).toString()).as(run.output()).isEqualTo("[\"the\",4]");
    }

    @Test
    void drfDemoFrameworksShareOneAgentAsInTheDrfPaper() throws Exception {
        MezzoCli.Run run = local("drf", 1, "--resources", "cpus:9;mem:18432",
                "--framework", example("drf-demo-a.js"), "--framework", example("drf-demo-b.js"));
        JsonNode result = lastJson(run);
        assertThat(result.path("drf-demo-a.js").path("tasks").asInt()).as(run.output()).isEqualTo(3);
        assertThat(result.path("drf-demo-b.js").path("tasks").asInt()).as(run.output()).isEqualTo(2);
    }

    @Test
    void aScriptWithASyntaxErrorIsReportedWithFileAndLineAndNothingRuns() throws Exception {
        MezzoCli.Run run = MezzoCli.run(home, dir, "syntax", RUN_LIMIT, localArgs(1, "--framework",
                fixtures.resolve("syntax-error.js").toString()));
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.errors()).as(run.output()).contains("syntax-error.js:5: SyntaxError: ");
        assertThat(Files.readString(run.stdout())).as("no cluster is started for it").doesNotContain("Mezzo master at");
    }

    @Test
    void aJsTaskThatThrowsFailsWithTheJsErrorInItsStatus() throws Exception {
        MezzoCli.Run run = local("throwing", 1, "--framework", fixtures.resolve("throwing-task.js").toString());
        JsonNode result = lastJson(run);
        assertThat(result.path("state").asText()).as(run.output()).isEqualTo("TASK_FAILED");
        assertThat(result.path("message").asText()).as(run.output()).contains("task says boom").contains(":4");
    }

    @Test
    void scriptsDroppedIntoTheDeployDirectoryAreHostedAndStopWhenDeleted() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(home, dir.resolve("cluster"), STARTUP,
                "--agents", "1", "--callback-timeout", "2s")) {
            try {
                Path deploy = Files.createDirectories(cluster.deployDir());
                // A stuck callback is stopped and reported; the master keeps serving.
                Files.copy(fixtures.resolve("stuck.js"), deploy.resolve("stuck.js"));
                JsonNode stuck = Waits.until("stuck.js failed", Waits.PLUGIN, () -> hosted(cluster, "stuck.js"),
                        h -> h.isPresent() && h.get().path("state").asText().equals("FAILED")).orElseThrow();
                assertThat(stuck.path("reason").asText()).contains("offers");
                assertThat(get(cluster.master().resolve("/health")).statusCode()).isEqualTo(200);

                Files.copy(fixtures.resolve("long-running.js"), deploy.resolve("long-running.js"));
                JsonNode running = Waits.until("long-running.js runs its task", Waits.PLUGIN,
                        () -> hosted(cluster, "long-running.js"),
                        h -> h.isPresent() && !h.get().path("framework_id").asText().isEmpty()
                                && runningTasks(cluster, h.get().path("framework_id").asText()) == 1).orElseThrow();
                String frameworkId = running.path("framework_id").asText();

                Files.delete(deploy.resolve("long-running.js"));
                Waits.until("long-running.js stopped and its task killed", Waits.PLUGIN,
                        () -> hosted(cluster, "long-running.js").map(h -> h.path("state").asText()).orElse("")
                                + "/" + runningTasks(cluster, frameworkId),
                        s -> s.equals("STOPPED/0"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.output(), e);
            }
        }
    }

    @Test
    void frameworksAreSubmittedRunAndTornDownWithTheCli() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(home, dir.resolve("cluster"), STARTUP, "--agents", "1")) {
            String master = cluster.master().toString();
            MezzoCli.Run client = MezzoCli.run(home, dir, "run", RUN_LIMIT, "run",
                    fixtures.resolve("throwing-task.js").toString(), "--master", master);
            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(JSON.readTree(client.lastLine()).path("state").asText()).isEqualTo("TASK_FAILED");

            MezzoCli.Run submit = MezzoCli.run(home, dir, "submit", RUN_LIMIT, "submit",
                    fixtures.resolve("long-running.js").toString(), "--master", master);
            assertThat(submit.exitCode()).as(submit.output()).isZero();
            JsonNode hosted = Waits.until("submitted framework runs its task", Waits.PLUGIN,
                    () -> hosted(cluster, "long-running.js"),
                    h -> h.isPresent() && !h.get().path("framework_id").asText().isEmpty()
                            && runningTasks(cluster, h.get().path("framework_id").asText()) == 1).orElseThrow();
            String frameworkId = hosted.path("framework_id").asText();

            MezzoCli.Run teardown = MezzoCli.run(home, dir, "teardown", RUN_LIMIT, "teardown", frameworkId,
                    "--master", master);
            assertThat(teardown.exitCode()).as(teardown.output()).isZero();
            Waits.until("torn-down framework's task killed", Waits.EVENT,
                    () -> runningTasks(cluster, frameworkId), n -> n == 0);
        }
    }

    private MezzoCli.Run local(String name, int agents, String... arguments) throws Exception {
        MezzoCli.Run run = MezzoCli.run(home, dir, name, RUN_LIMIT, localArgs(agents, arguments));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    private String[] localArgs(int agents, String... arguments) throws IOException {
        List<String> all = new ArrayList<>(List.of("local", "--agents", Integer.toString(agents),
                "--port", Integer.toString(LocalCluster.freePort()),
                "--cluster-port", Integer.toString(LocalCluster.freePort()),
                "--work-dir", dir.resolve("work-" + System.nanoTime()).toString()));
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }

    private String example(String script) {
        return repo.resolve("scripts/frameworks").resolve(script).toString();
    }

    private static JsonNode lastJson(MezzoCli.Run run) throws IOException {
        String last = run.lastLine();
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new AssertionError("the last line is not JSON: '" + last + "'\n" + run.output(), e);
        }
    }

    private static List<String> names(JsonNode commands) {
        return StreamSupport.stream(commands.spliterator(), false).map(c -> c.path("command").asText()).toList();
    }

    private Optional<JsonNode> hosted(LocalCluster cluster, String script) {
        for (JsonNode h : state(cluster).path("hosted_frameworks")) {
            if (h.path("script").asText().equals(script)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private long runningTasks(LocalCluster cluster, String frameworkId) {
        long running = 0;
        for (JsonNode framework : state(cluster).path("frameworks")) {
            if (framework.path("id").asText().equals(frameworkId)) {
                for (JsonNode task : framework.path("tasks")) {
                    running += task.path("state").asText().equals("TASK_RUNNING") ? 1 : 0;
                }
            }
        }
        return running;
    }

    private JsonNode state(LocalCluster cluster) {
        try {
            HttpResponse<String> response = get(cluster.master().resolve("/state"));
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
