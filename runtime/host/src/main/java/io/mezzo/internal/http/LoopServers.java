package io.mezzo.internal.http;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One request handler served by one {@link HttpServer} per event loop, all on one port: Vert.x
 * hands each new connection to the next server, so to the next loop, and a connection stays on
 * its loop. The handler must be safe on several loops at once.
 *
 * <p>Vert.x shares a port only between servers that name it, so port 0 becomes a free port
 * chosen here first, and chosen again should another process take it before the servers bind.
 */
final class LoopServers implements AutoCloseable {
    private static final int FREE_PORT_ATTEMPTS = 5;
    private static final long CLOSE_SECONDS = 10;

    private final Vertx vertx;
    private final int loops;
    private final Handler<HttpServerRequest> handler;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();

    LoopServers(Vertx vertx, int loops, Handler<HttpServerRequest> handler) {
        if (loops < 1) {
            throw new IllegalArgumentException("at least one event loop, not " + loops);
        }
        this.vertx = vertx;
        this.loops = loops;
        this.handler = handler;
    }

    /** Binds {@code options}' host and port (0: a free one) on every loop; completes with the port. */
    Future<Integer> listen(HttpServerOptions options) {
        int port = options.getPort();
        return port != 0 ? deploy(options).map(id -> port) : onFreePort(options, FREE_PORT_ATTEMPTS);
    }

    private Future<Integer> onFreePort(HttpServerOptions options, int attempts) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(options.getHost()))) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return deploy(new HttpServerOptions(options).setPort(port)).map(id -> port)
                .recover(failure -> failure instanceof BindException && attempts > 1
                        ? onFreePort(options, attempts - 1) : Future.failedFuture(failure));
    }

    /** One deployment of {@link #loops} instances: each instance gets an event loop of its own. */
    private Future<String> deploy(HttpServerOptions options) {
        Supplier<Deployable> server = () -> context -> {
            HttpServer s = vertx.createHttpServer(options);
            s.requestHandler(handler);
            servers.add(s);
            return s.listen();
        };
        return vertx.deployVerticle(server, new DeploymentOptions().setInstances(loops)).onSuccess(deployments::add);
    }

    /** The bound port; only after {@link #listen} succeeded. */
    int port() {
        return servers.get(0).actualPort();
    }

    /**
     * Stops listening and closes every connection (a server closed this way drops its
     * connections; undeploying alone left them open), then undeploys the servers.
     */
    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.close().toCompletionStage().toCompletableFuture().orTimeout(CLOSE_SECONDS, TimeUnit.SECONDS)
                    .exceptionally(t -> null).join();
        }
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().orTimeout(CLOSE_SECONDS, TimeUnit.SECONDS)
                    .exceptionally(t -> null).join();
        }
        deployments.clear();
    }
}
