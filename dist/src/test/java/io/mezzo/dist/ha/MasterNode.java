package io.mezzo.dist.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One master of a test cluster: its fixed HTTP and Hazelcast ports and work directory, so that it
 * can be crashed and started again as the same master, and its HTTP API seen from the test.
 */
final class MasterNode implements AutoCloseable {
    static final Pattern READY = Pattern.compile("Mezzo master at");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A frozen master accepts connections and never answers; nothing the tests ask may wait on it. */
    private static final Duration ASK = Duration.ofSeconds(3);

    private final Path home;
    private final Path dir;
    private final String name;
    private final int port;
    /** Its Hazelcast member's port; 0 for a {@code mezzo local}, which forms no cluster. */
    private final int clusterPort;
    private final List<String> flags;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(ASK).build();
    private MezzoProcess process;

    MasterNode(Path home, Path dir, String name, int port, int clusterPort, List<String> flags,
               Map<String, String> env) {
        this.home = home;
        this.dir = dir;
        this.name = name;
        this.port = port;
        this.clusterPort = clusterPort;
        this.flags = List.copyOf(flags);
        this.env = Map.copyOf(env);
    }

    /**
     * A {@code mezzo local} (a master and its agents in one process) on {@code port}, its work
     * dir under {@code dir}, with {@code flags}; started by {@link #start}, again and again over
     * the same work dir.
     */
    static MasterNode local(Path home, Path dir, int port, List<String> flags, Map<String, String> env) {
        return new MasterNode(home, dir, "local", port, 0, flags, env);
    }

    /** Starts (or starts again) this master's process with its flags, the same ports and work dir. */
    void start(Duration startup) throws IOException {
        if (process != null && process.alive()) {
            throw new IllegalStateException(name + " is still running");
        }
        List<String> arguments = new ArrayList<>(clusterPort == 0 ? List.of("local") : List.of("master",
                "--cluster-port", Integer.toString(clusterPort)));
        arguments.addAll(List.of("--ip", "127.0.0.1", "--port", Integer.toString(port),
                "--work-dir", dir.resolve("work").toString()));
        arguments.addAll(flags);
        process = MezzoProcess.start(home, dir, name, READY, startup, env, arguments);
    }

    String name() {
        return name;
    }

    /** {@code 127.0.0.1:<port>}, as in {@code --masters} and {@code /mezzo/cluster}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    URI url() {
        return URI.create("http://" + address());
    }

    int clusterPort() {
        return clusterPort;
    }

    MezzoProcess process() {
        return process;
    }

    /** Running and not frozen: it should answer. */
    boolean serving() {
        return process != null && process.alive() && !process.frozen();
    }

    /** {@code GET /mezzo/cluster}; empty when it does not answer 200 in time. */
    Optional<ClusterView> cluster() {
        return getJson("/mezzo/cluster").filter(r -> r.status() == 200).map(r -> ClusterView.of(r.body()));
    }

    /** {@code GET path}: its status, body as JSON (null if not JSON) and Location; empty if unanswered. */
    Optional<Reply> getJson(String path) {
        if (!serving()) {
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(url().resolve(path)).timeout(ASK).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return Optional.of(new Reply(response.statusCode(), body, response.body(),
                    response.headers().firstValue("Location"), response.headers().firstValue("Mezzo-Epoch")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code GET /state} of this master, which must be the leader (a standby would redirect). */
    JsonNode state() {
        Reply reply = getJson("/state").orElseThrow(() -> new AssertionError(name + " did not answer /state"));
        if (reply.status() != 200 || reply.body() == null) {
            throw new AssertionError(name + " answered /state with " + reply.status() + ": " + reply.text());
        }
        return reply.body();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + "@" + address();
    }

    /** One answer of a master's HTTP API. */
    record Reply(int status, JsonNode body, String text, Optional<String> location, Optional<String> epoch) {
    }
}
