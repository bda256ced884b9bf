package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.authorizer.LocalAuthorizer;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host with Mezzo's own ACL authorizer and a Mesos ACL file: the unauthenticated operator
 * is let in by ANY entries and kept out by NONE ones.
 */
class AclAuthorizationTest {
    static final String ACLS = """
            {
              "register_frameworks": [
                {"principals": {"values": ["ads-team"]}, "roles": {"values": ["ads"]}},
                {"principals": {"type": "NONE"}, "roles": {"values": ["ads"]}}
              ],
              "run_tasks": [
                {"principals": {"type": "NONE"}, "users": {"values": ["mallory"]}}
              ],
              "view_frameworks": [
                {"principals": {"type": "ANY"}, "users": {"values": ["alice"]}},
                {"principals": {"type": "NONE"}, "users": {"type": "ANY"}}
              ],
              "update_weights": [
                {"principals": {"type": "NONE"}, "roles": {"type": "ANY"}}
              ],
              "get_endpoints": [
                {"principals": {"type": "ANY"}, "paths": {"values": ["/metrics/snapshot"]}}
              ]
            }
            """;

    @TempDir
    Path work;
    TestCluster cluster;
    AuthorizerHost authorizer;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Plugin<Authorizer> local() {
        return new Plugin<>(new LocalAuthorizer(), "local", 0, "io.mezzo.authorizer", "test", 1);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (authorizer != null) {
            authorizer.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMesosAclFileDecidesFrameworksTasksAndTheAnonymousOperator() throws Exception {
        Path file = Files.writeString(work.resolve("acls.json"), ACLS);
        authorizer = AuthorizerHost.open(AuthorizerSource.fixed(local()), new PluginGuard(),
                new AuthorizationSettings(Optional.of("file://" + file)), Runnable::run);
        cluster = TestCluster.startAuthorized(work, authorizer);
        cluster.addAgent("cpus:2;mem:1024");

        try (SchedulerClient intruder = new SchedulerClient(cluster.url());
             SchedulerClient ads = new SchedulerClient(cluster.url());
             SchedulerClient bob = new SchedulerClient(cluster.url())) {
            assertThat(intruder.subscribe(frameworkInfo("x").put("principal", "intruder").put("role", "ads"))
                    .path("error").path("message").asText()).contains("'ads'", "'intruder'");
            assertThat(ads.subscribe(frameworkInfo("ads-fw").put("user", "alice").put("principal", "ads-team")
                    .put("role", "ads")).path("type").asText()).isEqualTo("SUBSCRIBED");
            JsonNode offer = ads.next("OFFERS").path("offers").path("offers").get(0);
            ObjectNode asMallory = commandTask("as-mallory", "true", 0.5, 64);
            ((ObjectNode) asMallory.get("command")).put("user", "mallory");
            assertAccepted(ads.launch(offer, List.of(asMallory), 0));
            assertThat(ads.nextUpdate("as-mallory").path("reason").asText()).isEqualTo("REASON_TASK_UNAUTHORIZED");
            assertThat(bob.subscribe(frameworkInfo("bob-fw").put("user", "bob")).path("type").asText())
                    .as("no register_frameworks entry matches role '*': permissive").isEqualTo("SUBSCRIBED");

            JsonNode state = JSON.readTree(send(HttpRequest.newBuilder(URI.create(cluster.url() + "/state"))).body());
            assertThat(state.path("frameworks")).extracting(f -> f.path("name").asText()).containsExactly("ads-fw");
            assertThat(send(HttpRequest.newBuilder(URI.create(cluster.url() + "/metrics/snapshot"))).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> weights = send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                                    + "[{\"role\":\"ads\",\"weight\":2}]}}")));
            assertThat(weights.statusCode()).isEqualTo(403);
            assertThat(cluster.snapshot().weights()).isEmpty();
        }
    }

    @Test
    void aclsTheAuthorizerCannotReadStopTheMasterWithItsMessage() throws Exception {
        Path file = Files.writeString(work.resolve("acls.json"),
                "{\"run_tasks\": [{\"principals\": {\"type\": \"SOME_THING\"}, \"users\": {\"type\": \"ANY\"}}]}");
        assertThatThrownBy(() -> AuthorizerHost.open(AuthorizerSource.fixed(local()), new PluginGuard(),
                new AuthorizationSettings(Optional.of(file.toString())), Runnable::run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--acls: invalid ACLs")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("run_tasks[0].principals.type");
    }
}
