package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.authenticator.CredentialsAuthenticator;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.InMemoryMasterStore;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.internal.security.BasicCredentials;
import io.mezzo.internal.security.HostedCredentials;
import io.mezzo.internal.testkit.CredentialsFiles;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.internal.time.SystemTime;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.Authenticator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosted scripts subscribe to their own master when it makes frameworks authenticate. */
class HostedAuthenticationTest {
    @TempDir
    Path dir;
    final FakeTime time = new FakeTime();
    final SystemTime connectionTime = new SystemTime();
    final Vertx vertx = Vertx.vertx();
    final MasterHttpServer server = new MasterHttpServer(vertx, time, "test");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Master master;
    AuthenticationContext authentication;
    HostedFrameworks hosted;
    String url;

    @BeforeEach
    void start() throws Exception {
        Path credentials = CredentialsFiles.write(dir, Map.of("alice", "alice-pw"));
        authentication = AuthenticationContext.open(new AuthenticationPolicy(Optional.of(credentials), true, false,
                false, true), AuthenticatorSource.fixed(Optional.of(new Plugin<Authenticator>(new CredentialsAuthenticator(),
                "test", 0, "test", "1", 2))), new PluginGuard(), time);
        server.authenticateWith(authentication);
        int port = server.listen("127.0.0.1", 0).await();
        url = "http://127.0.0.1:" + port;
        Plugin<Allocator> drf = new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
        master = new Master(MasterConfig.defaults("127.0.0.1", "127.0.0.1", port),
                new MasterInfo(UUID.randomUUID().toString(), "127.0.0.1", port, "127.0.0.1", "test"), time,
                new InMemoryMasterStore(), AllocatorSource.fixed(drf), new PluginGuard(), Map.of());
        master.start().join();
        ScriptRuntime runtime = new ScriptRuntime(SubscribingHost::new,
                (masters, headers) -> new HttpSchedulerConnection(masters, connectionTime, headers));
        hosted = new HostedFrameworks(runtime, List.of(URI.create(url)), time, 10,
                Optional.of(authentication.hosted()));
        server.serve(master, Optional.of(hosted));
    }

    @AfterEach
    void stop() {
        hosted.close();
        master.close();
        server.close();
        authentication.close();
        vertx.close().await();
        connectionTime.close();
    }

    @Test
    void aSubmittedScriptSubscribesAsItsSubmitterAndItsSecretDiesWithIt() throws Exception {
        ObjectNode submission = MezzoJson.mapper().createObjectNode().put("script", "job.js").put("source", "// job");
        HttpResponse<String> anonymous = submit(submission, Map.of());
        assertThat(anonymous.statusCode()).as("read-write realm is on").isEqualTo(401);

        HttpResponse<String> submitted = submit(submission,
                Map.of("Authorization", new BasicCredentials("alice", "alice-pw").header()));
        assertThat(submitted.statusCode()).isEqualTo(201);
        String id = MezzoJson.mapper().readTree(submitted.body()).path("id").asText();
        MasterSnapshot s = awaitFramework("job");
        assertThat(s.frameworks().get(0).info().principal()).contains("alice");
        assertThat(authentication.hosted().live()).isEqualTo(1);

        hosted.stop(id, "test over");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (authentication.hosted().live() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(authentication.hosted().live()).as("the script's secret was revoked").isZero();
    }

    @Test
    void aDeployedScriptSubscribesAsTheHostedPrincipal() throws Exception {
        hosted.submit(ScriptSource.of("deployed.js", "// deployed", Map.of()), MezzoJson.mapper().createObjectNode(),
                Hosted.Origin.DEPLOY_DIR).get(10, TimeUnit.SECONDS);
        MasterSnapshot s = awaitFramework("deployed");
        assertThat(s.frameworks().get(0).info().principal()).contains(HostedCredentials.DEFAULT_PRINCIPAL);
    }

    private HttpResponse<String> submit(ObjectNode body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/mezzo/frameworks"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private MasterSnapshot awaitFramework(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            MasterSnapshot s = master.snapshot().join();
            if (s.frameworks().stream().anyMatch(f -> f.info().name().equals(name))) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("framework " + name + " never subscribed");
    }

    /** A script host whose scripts only subscribe, named after their file, and run until stopped. */
    private static final class SubscribingHost implements ScriptHost {
        @Override
        public void check(ScriptSource script, ObjectNode params) {
        }

        @Override
        public RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection) {
            String name = script.name().replace(".js", "");
            CompletableFuture<FrameworkOutcome> outcome = new CompletableFuture<>();
            String[] frameworkId = new String[1];
            connection.start(MezzoJson.mapper().createObjectNode().put("user", "u").put("name", name),
                    new SchedulerConnection.Listener() {
                        @Override
                        public void onEvent(JsonNode event) {
                            if (event.path("type").asText().equals("SUBSCRIBED")) {
                                frameworkId[0] = event.path("subscribed").path("framework_id").path("value").asText();
                            }
                        }

                        @Override
                        public void onClosed(String reason) {
                            outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.FAILED, null, reason));
                        }
                    });
            return new RunningFramework() {
                @Override
                public String scriptName() {
                    return script.name();
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public Optional<String> frameworkId() {
                    return Optional.ofNullable(frameworkId[0]);
                }

                @Override
                public CompletableFuture<FrameworkOutcome> outcome() {
                    return outcome;
                }

                @Override
                public void stop(String reason) {
                    connection.close();
                    outcome.complete(new FrameworkOutcome(FrameworkOutcome.Kind.STOPPED, null, reason));
                }
            };
        }
    }
}
