package io.mezzo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One handler on several event loops, one port, over real loopback HTTP. */
class LoopServersTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectionsAreSpreadOverTheLoopsOfOnePortAndClosingFreesIt() throws Exception {
        LoopServers servers = new LoopServers(vertx, 2,
                request -> request.response().end(Thread.currentThread().getName()));
        int port = servers.listen(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(port).isPositive().isEqualTo(servers.port());

        Set<String> loops = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            // A new client is a new connection, and each connection goes to the next server.
            HttpClient client = HttpClient.newHttpClient();
            loops.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        assertThat(loops).hasSize(2).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));

        servers.close();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aNamedPortIsSharedByEveryLoop() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        LoopServers servers = new LoopServers(vertx, 3, request -> request.response().end("ok"));
        assertThat(servers.listen(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(port);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
        servers.close();
    }
}
