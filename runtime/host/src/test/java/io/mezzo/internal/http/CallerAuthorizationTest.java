package io.mezzo.internal.http;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.Resources;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.security.Caller;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationSettings;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator and agent endpoints' checks are asked about the caller's principal. Until
 * authentication fills it in, the master's server passes every request as anonymous, so
 * this test serves the endpoints itself and names the caller in a test-only header.
 */
class CallerAuthorizationTest {
    static final String PRINCIPAL_HEADER = "X-Test-Principal";

    @TempDir
    Path work;
    TestCluster cluster;
    AuthorizerHost authorizer;
    RuleAuthorizer rules;
    SchedulerClient scheduler;
    HttpServer server;
    String url;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static boolean rules(Optional<String> principal, Action action, String object) {
        String who = principal.orElse("");
        switch (action) {
            case VIEW_FRAMEWORK:
            case VIEW_TASK:
                return Set.of("ops", "viewer").contains(who);
            case TEARDOWN_FRAMEWORK:
            case UPDATE_WEIGHT:
                return who.equals("ops");
            case REGISTER_AGENT:
                return who.equals("agent-1") && object.equals("host-1");
            case REGISTER_FRAMEWORK:
            case RUN_TASK:
                return true;
            default:
                return false;
        }
    }

    @BeforeEach
    void start() throws Exception {
        rules = RuleAuthorizer.of(CallerAuthorizationTest::rules);
        authorizer = AuthorizerHost.open(AuthorizerSource.fixed(rules.plugin("rules", 1)), new PluginGuard(),
                new AuthorizationSettings(Optional.of("{}")), Runnable::run);
        cluster = TestCluster.startAuthorized(work, authorizer);
        scheduler = new SchedulerClient(cluster.url());
        scheduler.subscribe(frameworkInfo("fw").put("principal", "fw-p"));
        OperatorEndpoint operator = new OperatorEndpoint(cluster.master(), "test", Optional.empty());
        AgentEndpoint agent = new AgentEndpoint(cluster.master(),
                new RealmAuthentication(Optional.empty(), cluster.time));
        server = cluster.vertx.createHttpServer().requestHandler(request -> {
            Caller caller = Optional.ofNullable(request.getHeader(PRINCIPAL_HEADER)).map(Caller::of)
                    .orElse(Caller.ANONYMOUS);
            if (request.path().equals(AgentProtocol.PATH)) {
                agent.handle(request, caller);
            } else {
                operator.handle(request, caller);
            }
        }).listen(0, "127.0.0.1").await();
        url = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        server.close().await();
        cluster.close();
        authorizer.close();
    }

    private HttpResponse<String> operator(Optional<String> principal, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        principal.ifPresent(p -> b.header(PRINCIPAL_HEADER, p));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int frameworksSeenBy(Optional<String> principal) throws Exception {
        HttpResponse<String> r = operator(principal, "{\"type\":\"GET_FRAMEWORKS\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("get_frameworks").path("frameworks").size();
    }

    @Test
    void operatorCallsAreDecidedForTheCallersPrincipal() throws Exception {
        assertThat(frameworksSeenBy(Optional.of("viewer"))).isEqualTo(1);
        assertThat(frameworksSeenBy(Optional.empty())).isZero();

        String weights = "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"ads\",\"weight\":2}]}}";
        HttpResponse<String> viewerWeights = operator(Optional.of("viewer"), weights);
        assertThat(viewerWeights.statusCode()).isEqualTo(403);
        assertThat(viewerWeights.body()).isEqualTo("Not authorized to UPDATE_WEIGHTS for role 'ads' as principal 'viewer'");
        assertThat(operator(Optional.of("ops"), weights).statusCode()).isEqualTo(200);

        String teardown = "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\""
                + scheduler.frameworkId() + "\"}}}";
        assertThat(operator(Optional.of("viewer"), teardown).statusCode()).isEqualTo(403);
        assertThat(cluster.snapshot().frameworks()).hasSize(1);
        assertThat(operator(Optional.of("ops"), teardown).statusCode()).isEqualTo(200);
        assertThat(cluster.snapshot().frameworks()).isEmpty();
        assertThat(rules.asked).contains("viewer|TEARDOWN_FRAMEWORK|fw-p", "ops|TEARDOWN_FRAMEWORK|fw-p");
    }

    private HttpResponse<InputStream> register(Optional<String> principal, String hostname) throws Exception {
        AgentCall.Register call = new AgentCall.Register(Optional.empty(),
                new AgentInfo(hostname, 5051, Resources.parse("cpus:1;mem:128"), List.of()), List.of(), List.of(), "test");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + AgentProtocol.PATH))
                .header("Content-Type", AgentProtocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(MezzoJson.write(call)));
        principal.ifPresent(p -> b.header(PRINCIPAL_HEADER, p));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void agentRegistrationIsDecidedForTheAgentsPrincipalAndHostname() throws Exception {
        HttpResponse<InputStream> wrongAgent = register(Optional.of("agent-2"), "host-1");
        assertThat(wrongAgent.statusCode()).isEqualTo(403);
        assertThat(new String(wrongAgent.body().readAllBytes())).isEqualTo(
                "Not authorized to register an agent on host 'host-1' as principal 'agent-2'");
        assertThat(wrongAgent.headers().firstValue(AgentProtocol.STREAM_ID_HEADER)).as("no stream").isEmpty();
        HttpResponse<InputStream> wrongHost = register(Optional.of("agent-1"), "host-2");
        assertThat(wrongHost.statusCode()).isEqualTo(403);
        wrongHost.body().close();
        HttpResponse<InputStream> anonymous = register(Optional.empty(), "host-1");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        anonymous.body().close();
        assertThat(cluster.snapshot().agents()).isEmpty();

        HttpResponse<InputStream> allowed = register(Optional.of("agent-1"), "host-1");
        assertThat(allowed.statusCode()).isEqualTo(200);
        cluster.await("host-1 registered", s -> s.agents().size() == 1);
        allowed.body().close();
    }
}
