package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.authenticator.CredentialsAuthenticator;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.security.BasicCredentials;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.testkit.CredentialsFiles;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master with authentication on: agents, frameworks and HTTP realms, through real HTTP. */
class AuthenticationTest {
    static final String SECRET = "s3cret-agent";
    static final String FRAMEWORK_SECRET = "s3cret-fw";
    static final String HTTP = "io.mezzo.internal.http.";

    @TempDir
    Path work;
    TestCluster cluster;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TestCluster start(boolean frameworks, boolean agents, boolean readonly, boolean readwrite)
            throws Exception {
        Path credentials = CredentialsFiles.write(work, Map.of("agent", SECRET, "fw", FRAMEWORK_SECRET,
                "other", "other-secret"));
        cluster = TestCluster.startAuthenticated(work, new AuthenticationPolicy(Optional.of(credentials), frameworks,
                agents, readonly, readwrite), Optional.of(new CredentialsAuthenticator()));
        return cluster;
    }

    private static Map<String, String> basic(String principal, String secret) {
        return Map.of("Authorization", new BasicCredentials(principal, secret).header());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void agentWithWrongSecretIsRefusedAndItsResourcesAreNeverOffered() throws Exception {
        start(false, true, false, false);
        try (LogCapture calls = LogCapture.of(HTTP + "AgentAuthenticationCalls")) {
            cluster.startAgent("cpus:2;mem:1024", Optional.of(new Credential("agent", "wrong")));
            awaitLog(calls, Level.WARNING, "authentication of agent at 127.0.0.1 refused");
            cluster.advance(Duration.ofSeconds(5));
            cluster.advance(Duration.ofSeconds(5));
        }
        assertThat(cluster.snapshot().agents()).as("no agent id was given").isEmpty();
        assertThat(get("/state", Map.of()).body()).contains("\"activated_slaves\":0");
        try (SchedulerClient scheduler = new SchedulerClient(cluster.url())) {
            scheduler.subscribe(frameworkInfo("fw"));
            cluster.advance(Duration.ofSeconds(2));
            assertThat(scheduler.poll(e -> e.path("type").asText().equals("OFFERS"), Duration.ofMillis(300)))
                    .as("nothing of the refused agent reached the allocator").isEmpty();
        }
    }

    @Test
    void agentWithoutCredentialGets401NamingTheMechanism() throws Exception {
        start(false, true, false, false);
        String register = "{\"type\":\"REGISTER\",\"agent_info\":{\"hostname\":\"h\",\"port\":5051,"
                + "\"resources\":[],\"attributes\":[]}}";
        HttpResponse<String> r = postJson("/api/v1/agent", register, Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Mezzo-Agent mechanisms=\"CRAM-MD5\"");
        HttpResponse<String> forged = postJson("/api/v1/agent", register,
                Map.of("Authorization", "Mezzo-Agent made-up-token"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("Invalid agent token");
        assertThat(cluster.snapshot().agents()).isEmpty();
    }

    @Test
    void agentWithRightSecretRegistersAsItsPrincipalAndRunsATask() throws Exception {
        start(false, true, false, false);
        try (LogCapture endpoint = LogCapture.of(HTTP + "AgentEndpoint")) {
            cluster.addAgent("cpus:2;mem:1024", Optional.of(new Credential("agent", SECRET)));
            assertThat(endpoint.at(Level.INFO, "registers as principal 'agent'")).hasSize(1);
        }
        assertThat(cluster.authentication().orElseThrow().agentTokens().held()).as("the token was spent").isZero();
        try (SchedulerClient scheduler = new SchedulerClient(cluster.url())) {
            scheduler.subscribe(frameworkInfo("fw"));
            JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
            assertAccepted(scheduler.launch(offer, List.of(commandTask("t1", "echo hi", 0.5, 64)), 0));
            scheduler.awaitState("t1", "TASK_FINISHED");
        }
    }

    @Test
    void frameworkWithoutCredentialsGets401WithTheSchedulerRealmAndRightOnesSubscribe() throws Exception {
        start(true, false, false, false);
        String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}";
        HttpResponse<String> none = postJson("/api/v1/scheduler", subscribe, Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos-master-scheduler\"");
        HttpResponse<String> wrong = postJson("/api/v1/scheduler", subscribe, basic("fw", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("Authentication failed: unknown principal or wrong secret");
        HttpResponse<String> malformed = postJson("/api/v1/scheduler", subscribe,
                Map.of("Authorization", "Basic !!!not-base64"));
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(malformed.body()).contains("not valid Base64");
        HttpResponse<String> noColon = postJson("/api/v1/scheduler", subscribe,
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("fw".getBytes())));
        assertThat(noColon.body()).contains("no ':'");

        try (SchedulerClient scheduler = new SchedulerClient(cluster.url(), basic("fw", FRAMEWORK_SECRET))) {
            assertThat(scheduler.subscribe(frameworkInfo("fw")).path("type").asText()).isEqualTo("SUBSCRIBED");
            assertThat(cluster.snapshot().frameworks().get(0).info().principal())
                    .as("an absent principal is filled in with the authenticated one").contains("fw");
            assertThat(get("/state", Map.of()).body()).contains("\"principal\":\"fw\"");
            assertAccepted(scheduler.simple("REVIVE"));
        }
    }

    @Test
    void principalMismatchIs400OnSubscribeAndOnLaterCalls() throws Exception {
        start(true, false, false, false);
        String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
                + "\"principal\":\"other\"}}}";
        HttpResponse<String> r = postJson("/api/v1/scheduler", subscribe, basic("fw", FRAMEWORK_SECRET));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Failed to validate scheduler::Call: Authenticated principal 'fw' does not"
                + " match principal 'other' set in FrameworkInfo");

        try (SchedulerClient owner = new SchedulerClient(cluster.url(), basic("fw", FRAMEWORK_SECRET));
             SchedulerClient intruder = new SchedulerClient(cluster.url(), basic("other", "other-secret"))) {
            owner.subscribe(frameworkInfo("fw").put("principal", "fw"));
            var call = JSON.createObjectNode().put("type", "REVIVE");
            call.putObject("framework_id").put("value", owner.frameworkId());
            HttpResponse<String> stolen = intruder.call(call, owner.streamId());
            assertThat(stolen.statusCode()).isEqualTo(400);
            assertThat(stolen.body()).contains("Authenticated principal 'other' does not match principal 'fw'");
            assertAccepted(owner.simple("REVIVE"));
        }
    }

    @Test
    void readOnlyAndReadWriteRealmsAskForCredentialsAsConfiguredAndHealthNever() throws Exception {
        start(false, false, true, false);
        HttpResponse<String> state = get("/state", Map.of());
        assertThat(state.statusCode()).isEqualTo(401);
        assertThat(state.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos-master-readonly\"");
        assertThat(get("/state", basic("fw", FRAMEWORK_SECRET)).statusCode()).isEqualTo(200);
        assertThat(get("/metrics/snapshot", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1", "{\"type\":\"GET_HEALTH\"}", Map.of()).statusCode())
                .as("read-write is off").isNotEqualTo(401);
        cluster.close();

        start(false, false, false, true);
        HttpResponse<String> operator = postJson("/api/v1", "{\"type\":\"GET_HEALTH\"}", Map.of());
        assertThat(operator.statusCode()).isEqualTo(401);
        assertThat(operator.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos-master-readwrite\"");
        assertThat(postJson("/api/v1", "{\"type\":\"GET_HEALTH\"}", basic("fw", FRAMEWORK_SECRET)).statusCode())
                .isEqualTo(200);
        assertThat(get("/state", Map.of()).statusCode()).as("read-only is off").isEqualTo(200);
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresAreAnsweredOnlyAfterTheAuthenticatorsDelay() throws Exception {
        start(false, false, true, false);
        for (int guess = 1; guess <= 3; guess++) {
            assertThat(get("/state", basic("fw", "guess-" + guess)).statusCode())
                    .as("the authenticator lets three failures through undelayed").isEqualTo(401);
        }
        int timers = cluster.time.pendingTimers();
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(HttpRequest.newBuilder(
                URI.create(cluster.url() + "/state")).header("Authorization",
                new BasicCredentials("fw", "guess-4").header()).GET().build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cluster.time.pendingTimers() == timers && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cluster.time.pendingTimers()).as("the refusal waits on the master's clock").isEqualTo(timers + 1);
        assertThat(second).as("no answer before the clock moves").isNotDone();
        cluster.time.advance(java.time.Duration.ofSeconds(1));
        HttpResponse<String> refused = second.get(10, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos-master-readonly\"");
    }

    @Test
    void aMissingAuthenticatorAnswers503NeverLetsThrough() throws Exception {
        Path credentials = CredentialsFiles.write(work, Map.of("fw", FRAMEWORK_SECRET));
        cluster = TestCluster.startAuthenticated(work, new AuthenticationPolicy(Optional.of(credentials), true,
                false, true, false), Optional.empty());
        HttpResponse<String> state = get("/state", basic("fw", FRAMEWORK_SECRET));
        assertThat(state.statusCode()).isEqualTo(503);
        assertThat(state.body()).startsWith("authenticator unavailable: no authenticator plugin is installed");
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void secretsNeverAppearInTheLogs() throws Exception {
        start(true, true, true, true);
        List<String> sources = List.of(HTTP + "RealmAuthentication", HTTP + "AgentAuthenticationCalls",
                HTTP + "AgentEndpoint", "io.mezzo.internal.security.AuthenticatorHost",
                "io.mezzo.internal.agent.Agent", "io.mezzo.internal.agent.MasterLink",
                "io.mezzo.internal.agent.MasterConnection", Credential.class.getName());
        List<LogCapture> captures = sources.stream().map(LogCapture::of).toList();
        try {
            cluster.startAgent("cpus:1;mem:256", Optional.of(new Credential("agent", "wrong-agent-secret")));
            cluster.addAgent("cpus:1;mem:256", Optional.of(new Credential("agent", SECRET)));
            get("/state", basic("fw", "wrong-http-secret"));
            get("/state", basic("fw", FRAMEWORK_SECRET));
            awaitLog(captures.get(1), Level.WARNING, "refused");
            for (LogCapture capture : captures) {
                for (var record : capture.all()) {
                    String text = record.getMessage() + " " + record.getThrown();
                    assertThat(text).doesNotContain(SECRET, FRAMEWORK_SECRET, "wrong-agent-secret",
                            "wrong-http-secret");
                }
            }
            assertThat(captures.stream().mapToInt(c -> c.all().size()).sum()).as("something was logged").isPositive();
        } finally {
            captures.forEach(LogCapture::close);
        }
        assertThat(new Credential("p", SECRET).toString()).doesNotContain(SECRET);
        assertThat(new MasterAddress("127.0.0.1", 1).toString()).doesNotContain(SECRET);
    }

    private static void awaitLog(LogCapture capture, Level level, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (capture.at(level, text).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + level + " log with '" + text + "' in " + capture.all().stream()
                        .map(r -> r.getMessage()).toList());
            }
            Thread.sleep(10);
        }
    }
}
