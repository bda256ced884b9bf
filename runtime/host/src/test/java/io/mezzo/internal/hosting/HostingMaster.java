package io.mezzo.internal.hosting;

import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.InMemoryMasterStore;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A master on loopback HTTP that hosts scripts through a {@link ScriptedHost}, as MasterService wires it. */
final class HostingMaster implements AutoCloseable {
    final FakeTime time = new FakeTime();
    final Vertx vertx = Vertx.vertx();
    final ScriptedHost host = new ScriptedHost();
    final MasterHttpServer server = new MasterHttpServer(vertx, time, "test");
    final Master master;
    final HostedFrameworks hosted;
    final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HostingMaster() {
        this(AuthorizerHost.allowingAll());
    }

    /** With {@code authorizer} deciding the master's and its HTTP API's checks; the caller closes it. */
    HostingMaster(AuthorizerHost authorizer) {
        int port = server.listen("127.0.0.1", 0).await();
        url = "http://127.0.0.1:" + port;
        MasterInfo info = new MasterInfo(UUID.randomUUID().toString(), "127.0.0.1", port, "127.0.0.1", "test");
        Plugin<Allocator> drf = new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
        master = new Master(MasterConfig.defaults("127.0.0.1", "127.0.0.1", port), info, time,
                new InMemoryMasterStore(), AllocatorSource.fixed(drf), new PluginGuard(), Map.of(),
                authorizer);
        master.start().join();
        hosted = new HostedFrameworks(host.runtime(), List.of(URI.create(url)), time, 100);
        server.serve(master, Optional.of(hosted));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        hosted.close();
        server.close();
        master.close();
        vertx.close().await();
    }
}
