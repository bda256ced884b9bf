package io.mezzo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three (or more) {@code scripts/mezzo master} processes of one HA cluster on loopback, each with
 * fixed ports and work directory so that a killed master can be started again as itself.
 */
final class FailoverMasters implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK = Duration.ofSeconds(2);

    private final Path home;
    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> clusterPorts = new ArrayList<>();
    private final Process[] processes;
    /** Added to every master's JVM options, after the benchmark's own. */
    private final String javaOpts;
    /** Added to every master's command line, after the benchmark's own flags. */
    private final List<String> flags;
    private final String clusterName = "failover-" + java.util.UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(ASK).build();

    FailoverMasters(Path home, Path dir, int count, String javaOpts, List<String> flags) throws IOException {
        this.home = home.toAbsolutePath();
        this.javaOpts = javaOpts.strip();
        this.flags = List.copyOf(flags);
        this.dir = dir;
        while (ports.size() < count) {
            int port = freePort();
            int clusterPort = freePort();
            if (port != clusterPort && !ports.contains(port) && !clusterPorts.contains(clusterPort)
                    && !ports.contains(clusterPort) && !clusterPorts.contains(port)) {
                ports.add(port);
                clusterPorts.add(clusterPort);
            }
        }
        this.processes = new Process[count];
    }

    int size() {
        return processes.length;
    }

    String addresses() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** java.util.logging's one-line format with milliseconds (no spaces: the script splits the options). */
    static final String LOG_FORMAT = "-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL|%4$s|%3$s|%5$s%6$s%n";

    String address(int i) {
        return "127.0.0.1:" + ports.get(i);
    }

    URI url(int i) {
        return URI.create("http://" + address(i));
    }

    List<URI> urls() {
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            out.add(url(i));
        }
        return out;
    }

    /** Starts master {@code i} (again); its output is appended to files in its directory. */
    void start(int i) throws IOException {
        Path own = Files.createDirectories(dir.resolve("master-" + (i + 1)));
        String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(home.resolve("../../../scripts/mezzo").normalize().toString(),
                "master", "--ip", "127.0.0.1", "--port", ports.get(i).toString(),
                "--cluster-port", clusterPorts.get(i).toString(), "--cluster-name", clusterName,
                "--masters", addresses(), "--cluster-members", members, "--work-dir", own.resolve("work").toString()));
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(own.resolve("stdout").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(own.resolve("stderr").toFile()));
        builder.environment().put("MEZZO_HOME", home.toString());
        // Millisecond log times, so a failover's steps can be read off the masters' logs.
        builder.environment().put("MEZZO_JAVA_OPTS", ("-Xmx512m " + LOG_FORMAT + " " + javaOpts).strip());
        builder.environment().remove("MEZZO_REBUILD");
        processes[i] = builder.start();
    }

    boolean alive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    /** {@code kill -9} of master {@code i}. */
    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** {@code GET /mezzo/cluster} of master {@code i}; empty when it does not answer. */
    Optional<JsonNode> cluster(int i) {
        return get(i, "/mezzo/cluster");
    }

    Optional<JsonNode> get(int i, String path) {
        if (!alive(i)) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(i).resolve(path)).timeout(ASK)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The master that says it leads, if one does. */
    Optional<Integer> leader() {
        for (int i = 0; i < size(); i++) {
            Optional<JsonNode> view = cluster(i);
            if (view.isPresent() && "leader".equals(view.get().path("self").path("role").asText())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether every master names {@code leader} (its HTTP address) in its own {@code /mezzo/cluster}: a master still
     * starting (its member joined, its leadership not yet watching) names none, and would hold calls until it does.
     */
    boolean allNameLeader(String leader) {
        for (int i = 0; i < size(); i++) {
            Optional<JsonNode> view = cluster(i);
            if (view.isEmpty() || !leader.equals(view.get().path("leader").path("address").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Connected agents in master {@code i}'s {@code /state}; -1 when it does not answer. */
    int activeAgents(int i) {
        Optional<JsonNode> state = get(i, "/state");
        if (state.isEmpty()) {
            return -1;
        }
        int active = 0;
        for (JsonNode agent : state.get().path("slaves")) {
            if (agent.path("active").asBoolean()) {
                active++;
            }
        }
        return active;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p != null && !p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
