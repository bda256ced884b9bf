package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SwitchableAuthorizers;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** register_frameworks and run_tasks as a framework meets them: ERROR events and TASK_ERRORs. */
class FrameworkAuthorizationTest {
    static final AuthorizationSettings ACLS = new AuthorizationSettings(Optional.of("{\"permissive\":false}"));

    @TempDir
    Path work;
    TestCluster cluster;
    AuthorizerHost authorizer;
    SchedulerClient scheduler;

    private void start(AuthorizerSource source) {
        authorizer = AuthorizerHost.open(source, new PluginGuard(), ACLS, Runnable::run);
        cluster = TestCluster.startAuthorized(work, authorizer);
        scheduler = new SchedulerClient(cluster.url());
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (authorizer != null) {
            authorizer.close();
        }
    }

    private static ObjectNode framework(String name, String principal, String role) {
        return frameworkInfo(name).put("principal", principal).put("role", role);
    }

    private static void awaitEnded(SchedulerClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!client.ended() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.ended()).as("the master closed the subscription").isTrue();
    }

    @Test
    void principalOutsideRegisterFrameworksGetsAnErrorAndItsStreamCloses() throws Exception {
        RuleAuthorizer rules = RuleAuthorizer.of((p, a, o) -> a != Action.REGISTER_FRAMEWORK
                || (p.equals(Optional.of("ads-team")) && o.equals("ads")));
        start(AuthorizerSource.fixed(rules.plugin("rules", 1)));

        JsonNode refused = scheduler.subscribe(framework("intruder-fw", "intruder", "ads"));
        assertThat(refused.path("type").asText()).isEqualTo("ERROR");
        assertThat(refused.path("error").path("message").asText())
                .isEqualTo("Not authorized to use roles 'ads' with principal 'intruder'");
        awaitEnded(scheduler);
        assertThat(cluster.snapshot().frameworks()).as("nothing was registered").isEmpty();

        try (SchedulerClient allowed = new SchedulerClient(cluster.url())) {
            assertThat(allowed.subscribe(framework("ads-fw", "ads-team", "ads")).path("type").asText())
                    .isEqualTo("SUBSCRIBED");
        }
        assertThat(rules.asked).contains("intruder|REGISTER_FRAMEWORK|ads", "ads-team|REGISTER_FRAMEWORK|ads");
    }

    @Test
    void authorizerThatCannotDecideRefusesTheSubscriptionWithTheFailure() throws Exception {
        start(AuthorizerSource.fixed(RuleAuthorizer.of((p, a, o) -> {
            throw new AuthorizationException("ACLs unavailable");
        }).plugin("broken", 2)));

        JsonNode refused = scheduler.subscribe(framework("fw", "anyone", "*"));
        assertThat(refused.path("type").asText()).isEqualTo("ERROR");
        assertThat(refused.path("error").path("message").asText()).isEqualTo("Authorization failure: ACLs unavailable");
        awaitEnded(scheduler);
        assertThat(cluster.snapshot().frameworks()).isEmpty();
    }

    @Test
    void taskForAForbiddenUserGetsTaskErrorUnauthorizedWhileAnAllowedOneRuns() throws Exception {
        RuleAuthorizer rules = RuleAuthorizer.of((p, a, o) -> a != Action.RUN_TASK || !o.equals("mallory"));
        start(AuthorizerSource.fixed(rules.plugin("rules", 3)));
        cluster.addAgent("cpus:2;mem:1024");
        scheduler.subscribe(framework("web", "web-team", "*"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        ObjectNode asMallory = commandTask("as-mallory", "true", 0.5, 64);
        ((ObjectNode) asMallory.get("command")).put("user", "mallory");
        assertAccepted(scheduler.launch(offer, List.of(asMallory, commandTask("as-me", "true", 0.5, 64)), 0));

        JsonNode refused = scheduler.nextUpdate("as-mallory");
        assertThat(refused.path("state").asText()).isEqualTo("TASK_ERROR");
        assertThat(refused.path("reason").asText()).isEqualTo("REASON_TASK_UNAUTHORIZED");
        assertThat(refused.path("message").asText()).isEqualTo("Not authorized to launch as user 'mallory'");
        scheduler.awaitState("as-me", "TASK_FINISHED");
        assertThat(rules.asked).contains("web-team|RUN_TASK|mallory",
                "web-team|RUN_TASK|" + System.getProperty("user.name"));
        assertThat(cluster.master().metrics().counters()).containsEntry("master/messages_launch_tasks", 1L);
    }

    @Test
    void authorizerThatCannotDecideFailsTheTaskInsteadOfLaunchingIt() throws Exception {
        start(AuthorizerSource.fixed(RuleAuthorizer.of((p, a, o) -> {
            if (a == Action.RUN_TASK) {
                throw new IllegalStateException("bug in the authorizer");
            }
            return true;
        }).plugin("broken", 4)));
        cluster.addAgent("cpus:2;mem:1024");
        scheduler.subscribe(framework("web", "web-team", "*"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("t", "true", 0.5, 64)), 0));

        JsonNode failed = scheduler.nextUpdate("t");
        assertThat(failed.path("state").asText()).isEqualTo("TASK_ERROR");
        assertThat(failed.path("reason").asText()).isEqualTo("REASON_TASK_UNAUTHORIZED");
        assertThat(failed.path("message").asText()).isEqualTo(
                "Authorization failure: authorizer broken failed: java.lang.IllegalStateException: bug in the authorizer");
        assertThat(cluster.snapshot().frameworks().get(0).tasks()).as("never launched").isEmpty();
    }

    @Test
    void swappingTheAuthorizerLiveChangesWhoMaySubscribe() throws Exception {
        RuleAuthorizer open = RuleAuthorizer.of((p, a, o) -> true);
        RuleAuthorizer closed = RuleAuthorizer.of((p, a, o) -> a != Action.REGISTER_FRAMEWORK);
        SwitchableAuthorizers slot = new SwitchableAuthorizers(Optional.of(open.plugin("open", 5)));
        start(slot);
        assertThat(scheduler.subscribe(framework("before", "p", "*")).path("type").asText()).isEqualTo("SUBSCRIBED");

        slot.set(Optional.of(closed.plugin("closed", 6)));
        try (SchedulerClient after = new SchedulerClient(cluster.url())) {
            assertThat(after.subscribe(framework("after", "p", "*")).path("type").asText()).isEqualTo("ERROR");
        }
        assertThat(open.closed).hasValue(1);

        slot.set(Optional.of(open.plugin("open", 5)));
        try (SchedulerClient again = new SchedulerClient(cluster.url())) {
            assertThat(again.subscribe(framework("again", "p", "*")).path("type").asText()).isEqualTo("SUBSCRIBED");
        }
    }
}
