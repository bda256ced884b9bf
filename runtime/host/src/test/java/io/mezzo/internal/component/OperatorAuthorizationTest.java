package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.testkit.SwitchableAuthorizers;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side over HTTP, with an unauthenticated caller: the ACLs here allow the
 * anonymous subject some objects (as an ACL whose principals are ANY would) and refuse it
 * the rest (as NONE would). Frameworks: alice's (principal alice-p; tasks as alice and as
 * hidden) and bob's (principal bob-p).
 */
class OperatorAuthorizationTest {
    @TempDir
    Path work;
    TestCluster cluster;
    AuthorizerHost authorizer;
    SwitchableAuthorizers slot;
    SchedulerClient alice;
    SchedulerClient bob;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What the anonymous operator may do; frameworks, agents and launches are not at issue here. */
    static boolean anonymousRules(Optional<String> principal, Action action, String object) {
        boolean anonymous = principal.isEmpty();
        switch (action) {
            case VIEW_FRAMEWORK:
                return anonymous && object.equals("alice");
            case VIEW_TASK:
                return anonymous && !object.equals("hidden");
            case TEARDOWN_FRAMEWORK:
                return anonymous && object.equals("bob-p");
            case UPDATE_WEIGHT:
            case UPDATE_QUOTA:
            case GET_QUOTA:
                return anonymous && object.equals("open");
            case GET_ENDPOINT_WITH_PATH:
                return false;
            case REGISTER_AGENT:
                return !object.equals("refused-host");
            case REGISTER_FRAMEWORK:
            case RUN_TASK:
            case VIEW_EXECUTOR:
                return true;
        }
        throw new AssertionError(action);
    }

    @BeforeEach
    void start() throws Exception {
        slot = new SwitchableAuthorizers(Optional.of(
                RuleAuthorizer.of(OperatorAuthorizationTest::anonymousRules).plugin("rules", 1)));
        authorizer = AuthorizerHost.open(slot, new PluginGuard(),
                new AuthorizationSettings(Optional.of("/etc/mezzo/acls.json")), Runnable::run);
        cluster = TestCluster.startAuthorized(work, authorizer);
        cluster.addAgent("cpus:4;mem:2048");
        alice = new SchedulerClient(cluster.url());
        alice.subscribe(frameworkInfo("alice-fw").put("user", "alice").put("principal", "alice-p"));
        JsonNode offer = alice.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(alice.launch(offer, List.of(commandTask("alice-live", "sleep 300", 0.5, 64),
                commandTask("alice-done", "true", 0.5, 64), asHidden(commandTask("hidden-live", "sleep 300", 0.5, 64)),
                asHidden(commandTask("hidden-done", "true", 0.5, 64))), 300));
        for (String task : List.of("alice-live", "hidden-live")) {
            alice.awaitState(task, "TASK_RUNNING");
        }
        for (String task : List.of("alice-done", "hidden-done")) {
            alice.awaitState(task, "TASK_FINISHED");
        }
        bob = new SchedulerClient(cluster.url());
        bob.subscribe(frameworkInfo("bob-fw").put("user", "bob").put("principal", "bob-p"));
        JsonNode bobOffer = bob.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(bob.launch(bobOffer, List.of(commandTask("bob-live", "sleep 300", 0.5, 64)), 300));
        bob.awaitState("bob-live", "TASK_RUNNING");
        cluster.await("finished tasks settled", s -> s.frameworks().get(0).completedTasks().size() == 2);
    }

    private static ObjectNode asHidden(ObjectNode task) {
        ((ObjectNode) task.get("command")).put("user", "hidden");
        return task;
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        cluster.close();
        authorizer.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> operator(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> texts(JsonNode array, String... path) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : array) {
            JsonNode n = element;
            for (String field : path) {
                n = n.path(field);
            }
            out.add(n.asText());
        }
        return out;
    }

    private String teardown(String frameworkId) {
        return "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"" + frameworkId + "\"}}}";
    }

    @Test
    void stateShowsOnlyTheFrameworksAndTasksTheCallerMayView() throws Exception {
        for (String path : List.of("/state", "/master/state", "/state.json")) {
            JsonNode state = read(get(path));
            assertThat(texts(state.path("frameworks"), "name")).as(path).containsExactly("alice-fw");
            JsonNode fw = state.path("frameworks").get(0);
            assertThat(texts(fw.path("tasks"), "id")).as(path).containsExactly("alice-live");
            assertThat(texts(fw.path("completed_tasks"), "id")).as(path).containsExactly("alice-done");
            assertThat(state.path("slaves")).as("agents are not filtered").hasSize(1);
            assertThat(state.path("flags").path("authorizer").asText()).isEqualTo("rules");
        }
    }

    @Test
    void operatorReadsShowOnlyTheFrameworksAndTasksTheCallerMayView() throws Exception {
        JsonNode frameworks = read(operator("{\"type\":\"GET_FRAMEWORKS\"}")).path("get_frameworks");
        assertThat(texts(frameworks.path("frameworks"), "framework_info", "name")).containsExactly("alice-fw");
        JsonNode tasks = read(operator("{\"type\":\"GET_TASKS\"}")).path("get_tasks");
        assertThat(texts(tasks.path("tasks"), "task_id", "value")).containsExactly("alice-live");
        assertThat(texts(tasks.path("completed_tasks"), "task_id", "value")).containsExactly("alice-done");
        JsonNode state = read(operator("{\"type\":\"GET_STATE\"}")).path("get_state");
        assertThat(texts(state.path("get_frameworks").path("frameworks"), "framework_info", "name"))
                .containsExactly("alice-fw");
        assertThat(texts(state.path("get_tasks").path("tasks"), "task_id", "value")).containsExactly("alice-live");
        assertThat(state.path("get_agents").path("agents")).hasSize(1);
    }

    @Test
    void refusedTeardownIsForbiddenAndTheFrameworkStays() throws Exception {
        HttpResponse<String> refused = operator(teardown(alice.frameworkId()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains(alice.frameworkId());
        assertThat(cluster.snapshot().frameworks()).hasSize(2);

        assertThat(operator(teardown(bob.frameworkId())).statusCode()).as("bob-p may be torn down").isEqualTo(200);
        assertThat(cluster.snapshot().frameworks()).extracting(f -> f.info().name()).containsExactly("alice-fw");
        assertThat(operator(teardown("no-such-framework")).statusCode()).as("unknown: Mesos's 400").isEqualTo(400);
    }

    @Test
    void refusedWeightUpdateIsForbiddenAndChangesNothing() throws Exception {
        HttpResponse<String> refused = operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"open\",\"weight\":2},{\"role\":\"closed\",\"weight\":3}]}}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("'closed'");
        assertThat(cluster.snapshot().weights()).as("not even the allowed role changed").isEmpty();

        assertThat(operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"open\",\"weight\":2}]}}").statusCode()).isEqualTo(200);
        assertThat(cluster.snapshot().weights()).containsExactly(Map.entry("open", 2.0));
    }

    @Test
    void refusedQuotaUpdateIsForbiddenAndQuotasTheCallerMayNotSeeAreLeftOut() throws Exception {
        HttpResponse<String> refused = operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,"
                + "\"quota_configs\":[{\"role\":\"closed\",\"guarantees\":{\"cpus\":{\"value\":1}}}]}}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(cluster.snapshot().quotas()).isEmpty();

        assertThat(operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,"
                + "\"quota_configs\":[{\"role\":\"open\",\"guarantees\":{\"cpus\":{\"value\":1}}}]}}").statusCode())
                .isEqualTo(200);
        Quota one = new Quota(Resources.parse("cpus:1"), Resources.empty());
        assertThat(cluster.master().updateQuota(Map.of("closed", one), true).join()).isEmpty();
        JsonNode configs = read(operator("{\"type\":\"GET_QUOTA\"}")).path("get_quota").path("status").path("configs");
        assertThat(texts(configs, "role")).containsExactly("open");
    }

    @Test
    void endpointsRefusedByGetEndpointsAreForbidden() throws Exception {
        HttpResponse<String> metrics = get("/metrics/snapshot");
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(metrics.body()).contains("/metrics/snapshot");
        assertThat(get("/health").statusCode()).as("not an authorizable endpoint").isEqualTo(200);
    }

    @Test
    void agentRefusedByRegisterAgentsIsForbiddenAndNeverJoins() throws Exception {
        try (SimulatedAgent refused = new SimulatedAgent(cluster.url())) {
            assertThatThrownBy(() -> refused.register("refused-host", Resources.parse("cpus:8;mem:4096")))
                    .hasMessage("REGISTER answered 403: Not authorized to register an agent on host 'refused-host'"
                            + " as an unauthenticated caller");
        }
        assertThat(cluster.snapshot().agents()).extracting(a -> a.info().hostname()).containsExactly("127.0.0.1");
    }

    @Test
    void anAuthorizerThatCannotDecideMakesEveryCheckedCallUnavailableNeverAllowed() throws Exception {
        slot.set(Optional.of(RuleAuthorizer.of((p, a, o) -> {
            throw new AuthorizationException("ACL service down");
        }).plugin("down", 2)));
        List<HttpResponse<String>> answers = List.of(get("/state"), get("/metrics/snapshot"),
                operator("{\"type\":\"GET_FRAMEWORKS\"}"), operator("{\"type\":\"GET_QUOTA\"}"),
                operator(teardown(bob.frameworkId())),
                operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                        + "[{\"role\":\"open\",\"weight\":2}]}}"));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().uri().toString()).isEqualTo(503);
            assertThat(answer.body()).isEqualTo("Authorization failure: ACL service down");
        }
        assertThat(cluster.snapshot().frameworks()).hasSize(2);
        assertThat(cluster.snapshot().weights()).isEmpty();
        try (SimulatedAgent agent = new SimulatedAgent(cluster.url())) {
            assertThatThrownBy(() -> agent.register("any-host", Resources.parse("cpus:1;mem:128")))
                    .hasMessage("REGISTER answered 503: Authorization failure: ACL service down");
        }
    }
}
