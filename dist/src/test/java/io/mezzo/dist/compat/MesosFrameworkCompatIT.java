package io.mezzo.dist.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mezzo.dist.LocalCluster;
import io.mezzo.dist.Logs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Compatibility with a real third-party Mesos v1 scheduler client: the npm package
 * {@code mesos-framework} (installed here with {@code npm ci} from {@code dist/src/test/node})
 * subscribes to {@code scripts/mezzo local}, accepts an offer with one command task, acknowledges
 * its updates and sees it finish. The run happens once; each test checks one consequence of it.
 * {@code run-task.js} writes the whole HTTP exchange to {@code http-trace.log} next to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MesosFrameworkCompatIT {
    private static final String FRAMEWORK = "mezzo-compat-mesos-framework";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalCluster cluster;
    private NodeProject.Run client;
    private Path trace;
    private JsonNode outcome = MissingNode.getInstance();

    @BeforeAll
    void runOneTaskWithMesosFramework() throws Exception {
        Path home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo"));
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("no distribution at " + home.toAbsolutePath()
                    + "; this test runs in integration-test, after package");
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work")))
                .resolve("compat-" + System.nanoTime());
        NodeProject project = NodeProject.install(home.resolve("../../src/test/node").normalize(),
                work.resolve("node"), Duration.ofMinutes(5));
        cluster = LocalCluster.start(home, work.resolve("cluster"), Duration.ofMinutes(2), "--agents", "1");
        trace = project.dir().resolve("http-trace.log");
        client = project.node("run-task", Duration.ofSeconds(90), "run-task.js", cluster.master().toString(),
                "--name", FRAMEWORK, "--timeout", "60", "--trace", trace.toString(),
                "--log-dir", project.dir().resolve("logs").toString());
        String last = client.lastLine();
        if (last.startsWith("{")) {
            outcome = JSON.readTree(last);
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clientSeesItsTaskStartRunAndFinishAndExitsZero() {
        assertThat(client.exitCode()).withFailMessage(() -> "run-task.js exited with " + client.exitCode()
                + ", reason: " + outcome.path("reason").asText("(none)") + "\n" + diagnostics()).isZero();
        assertThat(outcome.path("outcome").asText()).isEqualTo("TASK_FINISHED");
        assertThat(outcome.path("taskId").asText()).startsWith(FRAMEWORK + ".");

        // Updates are delivered at least once, so a repeat is allowed; a missing or reordered state is not.
        List<String> states = new ArrayList<>();
        outcome.path("states").forEach(s -> {
            if (states.isEmpty() || !states.get(states.size() - 1).equals(s.asText())) {
                states.add(s.asText());
            }
        });
        assertThat(states).withFailMessage(() -> "states " + outcome.path("states") + "\n" + diagnostics())
                .containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    }

    @Test
    void masterStateShowsTheTaskCompletedAsFinishedUnderTheFrameworksName() throws Exception {
        String frameworkId = outcome.path("frameworkId").asText();
        String taskId = outcome.path("taskId").asText();
        assertThat(taskId).withFailMessage(() -> "the client never saw a task\n" + diagnostics()).isNotEmpty();

        // The terminal update was acknowledged before the client exited; the master may still be applying it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Optional<JsonNode> task = Optional.empty();
        JsonNode framework = MissingNode.getInstance();
        while (task.isEmpty() && System.nanoTime() < deadline) {
            framework = frameworkInState(frameworkId);
            task = stream(framework.path("completed_tasks")).filter(t -> t.path("id").asText().equals(taskId)).findFirst();
            if (task.isEmpty()) {
                Thread.sleep(200);
            }
        }
        JsonNode lastSeen = framework;
        assertThat(task).withFailMessage(() -> "task " + taskId + " is not among the completed tasks of framework "
                + frameworkId + " in /state: " + lastSeen + "\n" + diagnostics()).isPresent();
        assertThat(framework.path("name").asText()).isEqualTo(FRAMEWORK);
        assertThat(task.get().path("state").asText()).isEqualTo("TASK_FINISHED");
        assertThat(task.get().path("framework_id").asText()).isEqualTo(frameworkId);
        assertThat(stream(framework.path("tasks")).map(t -> t.path("id").asText())).doesNotContain(taskId);
    }

    @Test
    void taskRanItsCommandInItsSandbox() throws IOException {
        Path stdout = sandbox(outcome.path("taskId").asText()).resolve("stdout");
        assertThat(stdout).withFailMessage(() -> "no task stdout at " + stdout + "\n" + diagnostics()).isRegularFile();
        assertThat(Files.readAllLines(stdout)).contains("compat-ok");
    }

    /**
     * mesos-framework gives every task {@code HOST=<offer.url.address.ip>}. Mesos fills that
     * field with the agent's IP ({@code Master::offer} in {@code src/master/master.cpp}), and so
     * does Mezzo (the address the agent's connection comes from). Without it the library sends
     * {@code {"name":"HOST","value":null}}, which Mesos and Mezzo answer with TASK_ERROR.
     */
    @Test
    void taskSeesItsAgentsAddressAsHost() throws IOException {
        Path stdout = sandbox(outcome.path("taskId").asText()).resolve("stdout");
        assertThat(Files.readAllLines(stdout)).contains("HOST=" + cluster.master().getHost());
    }

    private JsonNode frameworkInState(String frameworkId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(cluster.master().resolve("/state")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).withFailMessage(() -> "GET /state answered " + response.statusCode()
                + ": " + response.body()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        return Stream.concat(stream(state.path("frameworks")), stream(state.path("completed_frameworks")))
                .filter(f -> f.path("id").asText().equals(frameworkId))
                .findFirst().orElse(MissingNode.getInstance());
    }

    /** The task's run directory: Mesos's layout {@code .../executors/<executor id = task id>/runs/latest}. */
    private Path sandbox(String taskId) throws IOException {
        assertThat(taskId).withFailMessage(() -> "the client never saw a task\n" + diagnostics()).isNotEmpty();
        try (Stream<Path> dirs = Files.walk(cluster.workDir())) {
            Optional<Path> executor = dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().equals(taskId))
                    .filter(d -> d.getParent().getFileName().toString().equals("executors"))
                    .findFirst();
            assertThat(executor).withFailMessage(() -> "no executor directory named " + taskId + " under "
                    + cluster.workDir() + "\n" + diagnostics()).isPresent();
            return executor.get().resolve("runs").resolve("latest");
        }
    }

    private String diagnostics() {
        return "--- run-task.js\n" + client.output() + "--- HTTP trace (" + trace + ")\n" + Logs.tail(trace)
                + cluster.output();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
