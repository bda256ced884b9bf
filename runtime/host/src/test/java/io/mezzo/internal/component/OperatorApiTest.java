package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator endpoints, in Mesos's shapes, over a cluster running one finished and one live task. */
class OperatorApiTest {
    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        cluster = TestCluster.start(work);
        cluster.addAgent("cpus:4;mem:2048;disk:1024;ports:[31000-31009];cpus(ads):1");
        scheduler = new SchedulerClient(cluster.url());
        scheduler.subscribe(frameworkInfo("ops-fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("done", "true", 0.5, 64),
                commandTask("live", "sleep 300", 1, 128)), 0));
        scheduler.awaitState("done", "TASK_FINISHED");
        scheduler.awaitState("live", "TASK_RUNNING");
        cluster.await("done settled", s -> s.frameworks().get(0).completedTasks().size() == 1);
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return SchedulerClient.JSON.readTree(r.body());
    }

    private HttpResponse<String> operator(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stateHasMesossLegacyShape() throws Exception {
        for (String path : List.of("/state", "/master/state")) {
            JsonNode state = get(path);
            assertThat(state.path("id").asText()).isEqualTo(cluster.master().info().id());
            assertThat(state.path("leader").asText()).isEqualTo(cluster.master().info().pid());
            assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);
            assertThat(state.path("flags").path("allocator").asText()).isEqualTo("drf");
            JsonNode slave = state.path("slaves").get(0);
            assertThat(slave.path("resources").path("cpus").asDouble()).isEqualTo(5.0);
            assertThat(slave.path("resources").path("gpus").asDouble()).as("always present").isEqualTo(0.0);
            assertThat(slave.path("resources").path("ports").asText()).isEqualTo("[31000-31009]");
            assertThat(slave.path("reserved_resources").path("ads").path("cpus").asDouble()).isEqualTo(1.0);
            assertThat(slave.path("unreserved_resources").path("cpus").asDouble()).isEqualTo(4.0);
            assertThat(slave.path("used_resources").path("cpus").asDouble()).isEqualTo(1.0);
            JsonNode fw = state.path("frameworks").get(0);
            assertThat(fw.path("id").asText()).as("ids are plain strings").isEqualTo(scheduler.frameworkId());
            assertThat(fw.path("name").asText()).isEqualTo("ops-fw");
            assertThat(fw.path("role").asText()).isEqualTo("*");
            assertThat(fw.path("active").asBoolean()).isTrue();
            assertThat(fw.path("tasks").get(0).path("id").asText()).isEqualTo("live");
            assertThat(fw.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(fw.path("tasks").get(0).path("slave_id").asText()).isEqualTo(slave.path("id").asText());
            assertThat(fw.path("completed_tasks").get(0).path("state").asText()).isEqualTo("TASK_FINISHED");
            assertThat(fw.path("completed_tasks").get(0).path("statuses")).extracting(s -> s.path("state").asText())
                    .containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
        }
    }

    @Test
    void metricsSnapshotUsesMesossNames() throws Exception {
        JsonNode m = get("/metrics/snapshot");
        assertThat(m.path("master/elected").asDouble()).isEqualTo(1.0);
        assertThat(m.has("master/uptime_secs")).isTrue();
        assertThat(m.path("master/slaves_active").asInt()).isEqualTo(1);
        assertThat(m.path("master/frameworks_active").asInt()).isEqualTo(1);
        assertThat(m.path("master/cpus_total").asDouble()).isEqualTo(5.0);
        assertThat(m.path("master/cpus_used").asDouble()).isEqualTo(1.0);
        assertThat(m.path("master/mem_used").asDouble()).isEqualTo(128.0);
        assertThat(m.path("master/tasks_running").asInt()).isEqualTo(1);
        assertThat(m.path("master/tasks_finished").asInt()).isEqualTo(1);
        assertThat(m.path("master/tasks_failed").asInt()).isZero();
        assertThat(m.has("master/outstanding_offers")).isTrue();
        assertThat(m.path("master/messages_launch_tasks").asInt()).isEqualTo(2);
    }

    @Test
    void healthAndRedirect() throws Exception {
        for (String path : List.of("/health", "/master/health")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        for (String path : List.of("/redirect", "/master/redirect")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(307);
            assertThat(r.headers().firstValue("Location")).contains("//127.0.0.1:" + cluster.master().info().port());
        }
    }

    @Test
    void v1OperatorCallsAnswerInMesossShapes() throws Exception {
        assertThat(SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_HEALTH\"}").body()).path("get_health")
                .path("healthy").asBoolean()).isTrue();
        assertThat(SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_VERSION\"}").body()).path("get_version")
                .path("version_info").path("version").asText()).isEqualTo("test");
        JsonNode master = SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_MASTER\"}").body());
        assertThat(master.path("get_master").path("master_info").path("id").asText())
                .isEqualTo(cluster.master().info().id());
        JsonNode agents = SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_AGENTS\"}").body());
        assertThat(agents.path("get_agents").path("agents").get(0).path("agent_info").path("hostname").asText())
                .isEqualTo("127.0.0.1");
        JsonNode frameworks = SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_FRAMEWORKS\"}").body());
        assertThat(frameworks.path("get_frameworks").path("frameworks").get(0).path("framework_info")
                .path("id").path("value").asText()).isEqualTo(scheduler.frameworkId());
        JsonNode tasks = SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_TASKS\"}").body());
        assertThat(tasks.path("get_tasks").path("tasks").get(0).path("task_id").path("value").asText()).isEqualTo("live");
        assertThat(tasks.path("get_tasks").path("completed_tasks").get(0).path("state").asText())
                .isEqualTo("TASK_FINISHED");
        JsonNode state = SchedulerClient.JSON.readTree(operator("{\"type\":\"GET_STATE\"}").body());
        assertThat(state.path("type").asText()).isEqualTo("GET_STATE");
        assertThat(state.path("get_state").path("get_agents").path("agents")).hasSize(1);
        assertThat(state.path("get_state").path("get_tasks").path("tasks")).hasSize(1);
    }

    @Test
    void operatorCallsMezzoLacksAreNotImplemented() throws Exception {
        HttpResponse<String> r = operator("{\"type\":\"RESERVE_RESOURCES\"}");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("RESERVE_RESOURCES");
        assertThat(operator("{\"type\":\"NO_SUCH_CALL\"}").statusCode()).as("unknown enum: no type").isEqualTo(400);
    }
}
