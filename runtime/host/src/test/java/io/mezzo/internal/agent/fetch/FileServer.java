package io.mezzo.internal.agent.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for fetcher tests: serves files, counts GETs per path,
 * redirects, and can hold a body back (a stall) until the test lets it go.
 */
final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    /** Paths whose body waits for {@link #release} after the first bytes. */
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    FileServer serve(String path, Path file) {
        files.put(path, file);
        return this;
    }

    FileServer redirect(String from, String to) {
        redirects.put(from, to);
        return this;
    }

    /** The body of {@code path} stops after its first byte until {@link #release(String)}. */
    FileServer hold(String path) {
        held.put(path, new CountDownLatch(1));
        return this;
    }

    void release(String path) {
        held.get(path).countDown();
    }

    int gets(String path) {
        AtomicInteger n = gets.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (redirects.containsKey(path)) {
                exchange.getResponseHeaders().add("Location", redirects.get(path));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            Path file = files.get(path);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            CountDownLatch hold = held.get(path);
            if (hold != null && body.length > 1) {
                out.write(body, 0, 1);
                out.flush();
                hold.await(30, TimeUnit.SECONDS);
                out.write(body, 1, body.length - 1);
            } else {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a stalled download it gave up on): nothing to answer.
        }
    }

    @Override
    public void close() {
        held.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        executor.shutdownNow();
    }
}
