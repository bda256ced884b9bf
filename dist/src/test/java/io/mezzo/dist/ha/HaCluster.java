package io.mezzo.dist.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.LocalCluster;
import io.mezzo.dist.Waits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masters and agents as separate {@code scripts/mezzo} processes on loopback, the way an operator
 * runs an HA cluster: every master is given the same {@code --masters} list and finds its peers'
 * Hazelcast members by TCP-IP; every agent is given the same list and registers with the leader.
 * Hazelcast's heartbeats are tuned (1 s, 5 s without one), as the tests ask.
 */
final class HaCluster implements AutoCloseable {
    static final Duration STARTUP = Duration.ofMinutes(2);
    /** A new leader after a crash or a freeze: Hazelcast's tuned 5 s plus election and recovery. */
    static final Duration FAILOVER = Duration.ofSeconds(40);
    /** Agents finding and re-registering with a new leader, tasks included. */
    static final Duration REREGISTER = Duration.ofSeconds(60);
    static final String AGENT_RESOURCES = "cpus:6;mem:2048;disk:1024;ports:[31000-31100]";
    private static final Pattern AGENT_READY = Pattern.compile("Mezzo agent .* registering with");
    private static final String JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -Dhazelcast.heartbeat.interval.seconds=1 -Dhazelcast.max.no.heartbeat.seconds=5";

    private final Path home;
    private final Path dir;
    private final List<MasterNode> masters;
    private final List<MezzoProcess> agents = new ArrayList<>();

    private HaCluster(Path home, Path dir, List<MasterNode> masters) {
        this.home = home;
        this.dir = dir;
        this.masters = List.copyOf(masters);
    }

    /**
     * Lays out {@code size} masters on free ports (not started yet). {@code flags} go to every
     * master besides its addresses; a cluster of one gets no {@code --masters} at all, as a
     * single master is run today.
     */
    static HaCluster of(Path home, Path dir, int size, List<String> flags) throws IOException {
        Files.createDirectories(dir);
        List<Integer> ports = new ArrayList<>();
        List<Integer> clusterPorts = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        while (ports.size() < size) {
            int port = LocalCluster.freePort();
            int clusterPort = LocalCluster.freePort();
            if (port != clusterPort && taken.add(port) && taken.add(clusterPort)) {
                ports.add(port);
                clusterPorts.add(clusterPort);
            }
        }
        String addresses = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<String> common = new ArrayList<>(List.of("--cluster-name", "ha-it-" + System.nanoTime()));
        if (size > 1) {
            common.addAll(List.of("--masters", addresses, "--cluster-members", members));
        }
        common.addAll(flags);
        List<MasterNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new MasterNode(home, dir.resolve("master-" + (i + 1)), "master-" + (i + 1), ports.get(i),
                    clusterPorts.get(i), common, Map.of("MEZZO_JAVA_OPTS", JAVA_OPTS)));
        }
        return new HaCluster(home, dir, nodes);
    }

    /** Starts every master at once (they form their cluster while booting) and waits for a leader. */
    MasterNode startMasters() {
        startAll(masters);
        return awaitLeader(STARTUP);
    }

    /** Starts these masters in parallel; the first failure is thrown once all have tried. */
    static void startAll(List<MasterNode> nodes) {
        List<CompletableFuture<Void>> starts = nodes.stream().map(m -> CompletableFuture.runAsync(() -> {
            try {
                m.start(STARTUP);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        })).toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a master did not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Starts {@code count} agents (in parallel) given every master's address; each gets its own work dir. */
    void startAgents(int count) {
        int first = agents.size();
        List<CompletableFuture<MezzoProcess>> starts = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String name = "agent-" + (i + 1);
            Path agentDir = dir.resolve(name);
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return MezzoProcess.start(home, agentDir, name, AGENT_READY, STARTUP,
                            Map.of("MEZZO_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                            List.of("agent", "--master", mastersFlag(), "--resources", AGENT_RESOURCES,
                                    "--work-dir", agentDir.resolve("work").toString()));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        for (CompletableFuture<MezzoProcess> start : starts) {
            try {
                agents.add(start.join());
            } catch (CompletionException e) {
                throw new IllegalStateException("an agent did not start: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    List<MasterNode> masters() {
        return masters;
    }

    List<MezzoProcess> agents() {
        return agents;
    }

    /** {@code h1:p1,h2:p2,...}: what agents and clients are given. */
    String mastersFlag() {
        return masters.stream().map(MasterNode::address).collect(Collectors.joining(","));
    }

    List<URI> masterUrls() {
        return masters.stream().map(MasterNode::url).toList();
    }

    /**
     * Waits until every serving master answers {@code /mezzo/cluster}, exactly one of them says it
     * leads, and all others name it their leader; returns that master.
     */
    MasterNode awaitLeader(Duration bound) {
        return awaitLeader(bound, m -> true);
    }

    /** As {@link #awaitLeader(Duration)}, for a leader that also satisfies {@code wanted}. */
    MasterNode awaitLeader(Duration bound, Predicate<MasterNode> wanted) {
        try {
            return Waits.until("one leader that every serving master follows", bound, this::agreedLeader,
                    l -> l.isPresent() && wanted.test(l.get())).orElseThrow();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nviews: " + views() + "\n" + output(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<MasterNode> agreedLeader() {
        List<MasterNode> serving = masters.stream().filter(MasterNode::serving).toList();
        List<ClusterView> views = new ArrayList<>();
        for (MasterNode m : serving) {
            Optional<ClusterView> view = m.cluster();
            if (view.isEmpty()) {
                return Optional.empty();
            }
            views.add(view.get());
        }
        List<MasterNode> leading = new ArrayList<>();
        for (int i = 0; i < serving.size(); i++) {
            if (views.get(i).leading()) {
                leading.add(serving.get(i));
            }
        }
        if (leading.size() != 1) {
            return Optional.empty();
        }
        String address = leading.get(0).address();
        return views.stream().allMatch(v -> v.follows(address)) ? Optional.of(leading.get(0)) : Optional.empty();
    }

    /** What every serving master says of the cluster, for failure messages. */
    String views() {
        return masters.stream().map(m -> m.name() + "=" + (m.serving() ? m.cluster().map(Object::toString)
                .orElse("(no answer)") : "(not serving)")).collect(Collectors.joining("; "));
    }

    /** Waits until {@code leader}'s {@code /state} shows {@code count} agents connected. */
    JsonNode awaitActiveAgents(MasterNode leader, int count, Duration bound) throws Exception {
        return Waits.until(leader + " sees " + count + " connected agents", bound, leader::state,
                s -> activeAgents(s) == count);
    }

    static long activeAgents(JsonNode state) {
        long active = 0;
        for (JsonNode agent : state.path("slaves")) {
            if (agent.path("active").asBoolean()) {
                active++;
            }
        }
        return active;
    }

    /** Task id to state, over every framework's active tasks in a {@code /state} answer. */
    static Map<String, String> taskStates(JsonNode state, String frameworkId) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode framework : state.path("frameworks")) {
            if (framework.path("id").asText().equals(frameworkId)) {
                for (JsonNode task : framework.path("tasks")) {
                    out.put(task.path("id").asText(), task.path("state").asText());
                }
            }
        }
        return out;
    }

    /** The {@code sleep} processes the agents run: each live task is exactly one. */
    long runningSleeps() {
        return agents.stream().flatMap(a -> a.descendants().stream())
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).count();
    }

    /** Every process's output, for failure messages. */
    String output() {
        StringBuilder out = new StringBuilder();
        for (MasterNode m : masters) {
            if (m.process() != null) {
                out.append(m.process().output());
            }
        }
        for (MezzoProcess a : agents) {
            out.append(a.output());
        }
        return out.toString();
    }

    /** Agents first (they stop their tasks on SIGTERM), then masters. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        agents.forEach(a -> stops.add(CompletableFuture.runAsync(a::close)));
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        List<CompletableFuture<Void>> masterStops = new ArrayList<>();
        masters.forEach(m -> masterStops.add(CompletableFuture.runAsync(m::close)));
        CompletableFuture.allOf(masterStops.toArray(CompletableFuture[]::new)).join();
    }
}
