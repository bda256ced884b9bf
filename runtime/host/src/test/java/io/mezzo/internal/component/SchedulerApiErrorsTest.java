package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Every bad request gets Mesos's answer: a 4xx with a message, or a TASK_ERROR / TASK_LOST. */
class SchedulerApiErrorsTest {
    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        cluster = TestCluster.start(work);
        cluster.addAgent("cpus:2;mem:1024");
        cluster.addAgent("cpus:2;mem:1024");
        scheduler = new SchedulerClient(cluster.url());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
    }

    private HttpResponse<String> post(String contentType, String accept, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/scheduler"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void transportProblemsGetMesossStatusCodes() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/scheduler"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(post(null, null, "{}").statusCode()).isEqualTo(400);
        assertThat(post("text/plain", null, "{}").statusCode()).isEqualTo(415);
        HttpResponse<String> garbage = post("application/json", null, "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).startsWith("Failed to parse body into Call");
        HttpResponse<String> noType = post("application/json", null, "{}");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.body()).contains("'type'");
        String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}";
        assertThat(post("application/json", "text/html", subscribe).statusCode()).isEqualTo(406);
        HttpResponse<String> missingUser = post("application/json", null,
                "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"n\"}}}");
        assertThat(missingUser.statusCode()).isEqualTo(400);
        assertThat(missingUser.body()).contains("user");
        HttpResponse<String> unimplemented = post("application/json", null,
                "{\"type\":\"UPDATE_FRAMEWORK\",\"framework_id\":{\"value\":\"x\"}}");
        assertThat(unimplemented.statusCode()).isEqualTo(501);
        assertThat(unimplemented.body()).contains("UPDATE_FRAMEWORK");
    }

    @Test
    void subscribeWithAStreamIdIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", "x")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}"))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("should not include the 'Mesos-Stream-Id' header");
    }

    @Test
    void callsAreCheckedAgainstTheFrameworkAndItsStream() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        assertThat(scheduler.call(JSON.createObjectNode().put("type", "REVIVE"), null).statusCode()).isEqualTo(400);
        HttpResponse<String> wrongStream = scheduler.call(JSON.createObjectNode().put("type", "REVIVE"), "nope");
        assertThat(wrongStream.statusCode()).isEqualTo(400);
        assertThat(wrongStream.body()).contains("didn't match");
        ObjectNode unknown = JSON.createObjectNode().put("type", "REVIVE");
        unknown.putObject("framework_id").put("value", "no-such-framework");
        HttpResponse<String> notFound = scheduler.call(unknown);
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(notFound.body()).isEqualTo("Framework cannot be found");
    }

    @Test
    void aDisconnectedFrameworksCallsAreForbidden() throws Exception {
        scheduler.subscribe(frameworkInfo("fw").put("failover_timeout", 600.0));
        String stream = scheduler.streamId();
        scheduler.close();
        cluster.await("disconnected", s -> s.frameworks().get(0).state().equals("DISCONNECTED"));
        HttpResponse<String> r = scheduler.call(JSON.createObjectNode().put("type", "REVIVE"), stream);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Framework is not subscribed");
    }

    @Test
    void invalidRolesAreAnErrorEventThenTheStreamCloses() throws Exception {
        JsonNode first = scheduler.subscribe(frameworkInfo("fw").put("role", "a b"));
        assertThat(first.path("type").asText()).isEqualTo("ERROR");
        assertThat(first.path("error").path("message").asText()).contains("'a b'");
        cluster.await("no framework registered", s -> s.frameworks().isEmpty());
    }

    @Test
    void unknownOfferFailsItsTasksWithTaskLostInvalidOffers() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0).deepCopy();
        ((ObjectNode) offer).putObject("id").put("value", "no-such-offer");
        assertAccepted(scheduler.launch(offer, List.of(commandTask("t", "true", 0.1, 32)), 0));
        JsonNode lost = scheduler.nextUpdate("t");
        assertThat(lost.path("state").asText()).isEqualTo("TASK_LOST");
        assertThat(lost.path("reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
        assertThat(lost.path("source").asText()).isEqualTo("SOURCE_MASTER");
        assertThat(lost.has("uuid")).isFalse();
    }

    @Test
    void offersOfTwoAgentsInOneAcceptAreInvalid() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offers = scheduler.next("OFFERS").path("offers").path("offers");
        ObjectNode call = JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offers.get(0).get("id")).add(offers.get(1).get("id"));
        ObjectNode task = commandTask("t2", "true", 0.1, 32);
        task.set("agent_id", offers.get(0).get("agent_id"));
        accept.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch").putArray("task_infos").add(task);
        assertAccepted(scheduler.call(call));
        JsonNode lost = scheduler.nextUpdate("t2");
        assertThat(lost.path("state").asText()).isEqualTo("TASK_LOST");
        assertThat(lost.path("message").asText()).contains("different agents");
    }

    @Test
    void invalidTasksGetTaskErrorAndValidOnesStillLaunch() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        ObjectNode tooBig = commandTask("big", "true", 64, 32);
        ObjectNode ok = commandTask("ok", "true", 0.1, 32);
        ObjectNode duplicate = commandTask("ok", "true", 0.1, 32);
        ObjectNode executor = commandTask("exec", "true", 0.1, 32);
        executor.remove("command");
        executor.putObject("executor").putObject("executor_id").put("value", "e");
        assertAccepted(scheduler.launch(offer, List.of(tooBig, ok, duplicate, executor), 0));

        JsonNode big = scheduler.nextUpdate("big");
        assertThat(big.path("state").asText()).isEqualTo("TASK_ERROR");
        assertThat(big.path("reason").asText()).isEqualTo("REASON_TASK_INVALID");
        assertThat(big.path("message").asText()).contains("more resources");
        JsonNode dup = scheduler.next(e -> e.path("type").asText().equals("UPDATE")
                && e.path("update").path("status").path("state").asText().equals("TASK_ERROR")
                && e.path("update").path("status").path("task_id").path("value").asText().equals("ok"));
        assertThat(dup.path("update").path("status").path("message").asText()).contains("duplicate ID");
        assertThat(scheduler.nextUpdate("exec").path("message").asText()).contains("executor");
        scheduler.awaitState("ok", "TASK_FINISHED");
    }

    @Test
    void environmentVariableWithoutValueIsTaskError() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        ObjectNode task = commandTask("env", "true", 0.1, 32);
        ((ObjectNode) task.get("command")).putObject("environment").putArray("variables").addObject()
                .put("name", "HOST").putNull("value");
        assertAccepted(scheduler.launch(offer, List.of(task), 0));
        JsonNode error = scheduler.nextUpdate("env");
        assertThat(error.path("state").asText()).isEqualTo("TASK_ERROR");
        assertThat(error.path("message").asText()).contains("'HOST'").contains("must have a value");
    }

    @Test
    void taskIdsThatCouldEscapeTheSandboxAreRefused() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        HttpResponse<String> r = scheduler.launch(offer, List.of(commandTask("../../etc", "true", 0.1, 32)), 0);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("forbidden character");
    }

    @Test
    void unsupportedOfferOperationsAreNotImplemented() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        ObjectNode call = JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.get("id"));
        accept.putArray("operations").addObject().put("type", "RESERVE").putObject("reserve");
        HttpResponse<String> r = scheduler.call(call);
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("RESERVE");
        assertThat(cluster.snapshot().offers()).as("a refused call changes nothing").hasSize(2);
    }
}
