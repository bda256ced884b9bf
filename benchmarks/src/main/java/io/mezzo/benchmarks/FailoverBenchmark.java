package io.mezzo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failover time of an HA cluster: three {@code mezzo master} processes, N agents (real
 * {@code Agent} objects of the runtime, in one separate JVM process, running no tasks: see
 * {@link SimulatedAgents}) and one framework (the runtime's {@link HttpSchedulerConnection},
 * which follows 307s and re-subscribes). Each run {@code kill -9}s the leader and measures, from
 * the kill, (a) until another master answers {@code /mezzo/cluster} as leader, (b) until its
 * {@code /state} shows all N agents connected, (c) until the framework's first OFFERS event after
 * the kill; then the killed master is started again (it comes back as a standby) and the cluster
 * settles before the next run.
 *
 * <pre>java -cp "benchmarks/target/benchmarks.jar:dist/target/mezzo/lib/*" io.mezzo.benchmarks.FailoverBenchmark \
 *     [--dist dist/target/mezzo] [--agents 3,30,300] [--runs 10] [--work DIR] [--rejoin-wait SECONDS] \
 *     [--agents-nice N] [--master-java-opts "OPTIONS"] [--master-flags "FLAGS"]</pre>
 *
 * <p>The master killed in one run is started again and is a survivor of the next kill: by default
 * the next kill comes as soon as the cluster has settled, while that master's JVM is still fresh;
 * {@code --rejoin-wait} gives it that many seconds more first.
 *
 * <p>Everything shares one machine. The simulated agents are one thread each, and Linux shares
 * the CPU out per thread: when hundreds of them re-register at once they take most of it from the
 * masters, which agents on hosts of their own would not. {@code --agents-nice N} runs their JVM
 * under {@code nice -n N} (default 0: the masters' priority), to see the masters' part alone.
 * {@code --master-java-opts} adds JVM options to every master (after the benchmark's own, so they
 * win), e.g. to see what the JIT compiler's share of two cores costs a failover; {@code
 * --master-flags} adds {@code mezzo master} flags (split at spaces), e.g. {@code --no-rehearsal}.
 */
public final class FailoverBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    /** Declined offers stay away this long, so the first offer after a kill is the new leader's doing. */
    private static final double REFUSE_SECONDS = 30;
    private static final long POLL_MILLIS = 10;

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(option(args, "--dist", "dist/target/mezzo"));
        int runs = Integer.parseInt(option(args, "--runs", "10"));
        Duration rejoinWait = Duration.ofSeconds(Long.parseLong(option(args, "--rejoin-wait", "0")));
        int agentsNice = Integer.parseInt(option(args, "--agents-nice", "0"));
        String masterJavaOpts = option(args, "--master-java-opts", "");
        Path work = Path.of(option(args, "--work", Files.createTempDirectory("mezzo-failover").toString()));
        List<String> masterFlags = option(args, "--master-flags", "").isBlank() ? List.of()
                : List.of(option(args, "--master-flags", "").strip().split("\\s+"));
        Settings settings = new Settings(dist, runs, rejoinWait, agentsNice, masterJavaOpts, masterFlags);
        List<String> lines = new ArrayList<>();
        for (String agents : option(args, "--agents", "3,30,300").split(",")) {
            lines.add(measure(settings, work.resolve("agents-" + agents), Integer.parseInt(agents)));
        }
        System.out.println("| agents | (a) new leader answers | (b) all agents re-registered | (c) first new offer |");
        System.out.println("|---|---|---|---|");
        lines.forEach(System.out::println);
    }

    /** What every measured cluster size shares: see the class comment for the options. */
    private record Settings(Path dist, int runs, Duration rejoinWait, int agentsNice, String masterJavaOpts,
                            List<String> masterFlags) {}

    private static String measure(Settings settings, Path dir, int agentCount) throws Exception {
        int runs = settings.runs();
        Duration rejoinWait = settings.rejoinWait();
        List<Long> leader = new ArrayList<>();
        List<Long> agents = new ArrayList<>();
        List<Long> offers = new ArrayList<>();
        try (SystemTime time = new SystemTime(); FailoverMasters masters = new FailoverMasters(settings.dist(), dir, 3,
                     settings.masterJavaOpts(), settings.masterFlags());
             OfferWatch framework = new OfferWatch(time)) {
            for (int i = 0; i < masters.size(); i++) {
                masters.start(i);
            }
            settle(masters, agentCount, framework);
            try (AgentsProcess simulated = AgentsProcess.start(masters.addresses(), agentCount, dir,
                    settings.agentsNice())) {
                framework.start(masters.urls());
                int current = settle(masters, agentCount, framework);
                Thread.sleep(rejoinWait.toMillis()); // every master's JVM is fresh here too
                for (int run = 1; run <= runs; run++) {
                    long[] times = failover(masters, current, agentCount, framework);
                    leader.add(times[0]);
                    agents.add(times[1]);
                    offers.add(times[2]);
                    System.out.printf("agents=%d run=%d: (a) %d ms (b) %d ms (c) %d ms%n", agentCount, run,
                            times[0], times[1], times[2]);
                    masters.start(current);
                    current = settle(masters, agentCount, framework);
                    // The master started again is one of the survivors of the next kill: warm or cold.
                    Thread.sleep(rejoinWait.toMillis());
                }
            }
        }
        return "| " + agentCount + " | " + stats(leader) + " | " + stats(agents) + " | " + stats(offers) + " |";
    }

    /** Kills {@code leader}; returns the milliseconds to (a), (b) and (c). */
    private static long[] failover(FailoverMasters masters, int leader, int agentCount, OfferWatch framework)
            throws InterruptedException {
        System.out.printf("killing master-%d at %tT.%<tL%n", leader + 1, System.currentTimeMillis());
        long t0 = System.nanoTime();
        masters.kill(leader);
        long a = -1;
        long b = -1;
        long c = -1;
        int next = -1;
        long deadline = t0 + RUN_LIMIT.toNanos();
        while (a < 0 || b < 0 || c < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("failover incomplete after " + RUN_LIMIT + ": (a) " + a + " (b) " + b
                        + " (c) " + c + " ms; see the masters' output under the work directory");
            }
            if (next < 0) {
                Optional<Integer> found = masters.leader();
                if (found.isPresent() && found.get() != leader) {
                    next = found.get();
                    a = millisSince(t0);
                }
            }
            if (next >= 0 && b < 0 && masters.activeAgents(next) == agentCount) {
                b = millisSince(t0);
            }
            if (c < 0) {
                c = framework.firstOfferAfter(t0).map(t -> (t - t0) / 1_000_000).orElse(-1L);
            }
            Thread.sleep(POLL_MILLIS); // polling pace of a measurement harness
        }
        return new long[] {a, b, c};
    }

    /**
     * Waits until one master leads with every master a member, done starting (each names that leader) and the replicas
     * in sync, sees all agents, and (once the framework runs) the framework has been offered something since it last
     * subscribed.
     */
    private static int settle(FailoverMasters masters, int agentCount, OfferWatch framework)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> leader = masters.leader();
            if (leader.isPresent()) {
                JsonNode view = masters.cluster(leader.get()).orElse(JSON.createObjectNode());
                // Every master a member, and the replicated state's backups copied to the one that
                // (re)joined: a kill before that loses partitions, which is another experiment.
                boolean complete = view.path("members").size() == masters.size()
                        && view.path("replicas_in_sync").asBoolean(false)
                        && masters.allNameLeader(view.path("self").path("address").asText());
                boolean agentsBack = !framework.started() || masters.activeAgents(leader.get()) == agentCount;
                boolean offered = !framework.started() || framework.offeredSinceSubscribed();
                if (complete && agentsBack && offered) {
                    return leader.get();
                }
            }
            Thread.sleep(100); // polling pace of a measurement harness
        }
        throw new IllegalStateException("the cluster did not settle within " + SETTLE);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String stats(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return "median " + median + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The framework: declines every offer and notes when OFFERS events and subscriptions arrive. */
    private static final class OfferWatch implements AutoCloseable {
        private final SystemTime time;
        private final List<Long> offerTimes = new CopyOnWriteArrayList<>();
        private final AtomicInteger subscriptions = new AtomicInteger();
        private volatile long subscribedAt = Long.MAX_VALUE;
        private volatile HttpSchedulerConnection connection;

        OfferWatch(SystemTime time) {
            this.time = time;
        }

        void start(List<java.net.URI> masters) {
            HttpSchedulerConnection c = new HttpSchedulerConnection(masters, time);
            connection = c;
            ObjectNode info = JSON.createObjectNode().put("user", "bench").put("name", "failover-bench")
                    .put("failover_timeout", 3600.0);
            c.start(info, new SchedulerConnection.Listener() {
                @Override
                public void onEvent(JsonNode event) {
                    String type = event.path("type").asText();
                    if (type.equals("SUBSCRIBED")) {
                        subscriptions.incrementAndGet();
                        subscribedAt = System.nanoTime();
                    } else if (type.equals("OFFERS")) {
                        offerTimes.add(System.nanoTime());
                        ObjectNode call = JSON.createObjectNode().put("type", "DECLINE");
                        ObjectNode decline = call.putObject("decline");
                        event.path("offers").path("offers").forEach(o -> decline.withArray("offer_ids").add(o.path("id")));
                        decline.putObject("filters").put("refuse_seconds", REFUSE_SECONDS);
                        c.send(call);
                    }
                }

                @Override
                public void onClosed(String reason) {
                    System.err.println("framework session ended: " + reason);
                }
            });
        }

        boolean started() {
            return connection != null;
        }

        boolean offeredSinceSubscribed() {
            long since = subscribedAt;
            return offerTimes.stream().anyMatch(t -> t >= since);
        }

        /**
         * The first offer after the framework subscribed again following the kill at {@code t0}: an offer the killed
         * leader sent just before it died can arrive after {@code t0}, and is not the new leader's.
         */
        Optional<Long> firstOfferAfter(long t0) {
            long resubscribed = subscribedAt;
            if (resubscribed <= t0) {
                return Optional.empty();
            }
            return offerTimes.stream().filter(t -> t > resubscribed).findFirst();
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * The {@link SimulatedAgents} process, on this JVM's java binary and class path: the agents
     * re-registering after a kill must not slow down the JVM that times the failover. Its
     * standard error (the agents' log) goes to {@code agents.log} in the run's directory.
     */
    private static final class AgentsProcess implements AutoCloseable {
        private static final Duration READY_LIMIT = Duration.ofMinutes(2);
        private static final Duration STOP_WAIT = Duration.ofSeconds(20);

        private final Process process;
        private final Path log;
        private final CountDownLatch outputSeen = new CountDownLatch(1);
        private volatile boolean ready;

        private AgentsProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /**
         * Starts {@code count} agents of the masters at {@code masters}, under {@code nice -n nice} unless it is 0;
         * returns once all have started.
         */
        static AgentsProcess start(String masters, int count, Path dir, int nice)
                throws IOException, InterruptedException {
            Path log = dir.resolve("agents.log");
            List<String> command = new ArrayList<>();
            if (nice != 0) {
                command.addAll(List.of("nice", "-n", Integer.toString(nice)));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    FailoverMasters.LOG_FORMAT, "-cp", System.getProperty("java.class.path"),
                    SimulatedAgents.class.getName(), "--masters", masters, "--count", Integer.toString(count),
                    "--work", dir.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            AgentsProcess agents = new AgentsProcess(process, log);
            try {
                agents.awaitReady(count);
            } catch (InterruptedException | RuntimeException e) {
                agents.close();
                throw e;
            }
            return agents;
        }

        private void awaitReady(int count) throws InterruptedException {
            Thread reader = new Thread(() -> readOutput(SimulatedAgents.readyLine(count)), "simulated-agents-stdout");
            reader.setDaemon(true);
            reader.start();
            if (!outputSeen.await(READY_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the simulated agents were not ready within " + READY_LIMIT
                        + "; see " + log);
            }
            if (!ready) {
                throw new IllegalStateException("the simulated agents exited before they were ready; see " + log);
            }
        }

        /** Waits for the ready line, then reads on to the end so that the pipe never fills. */
        private void readOutput(String readyLine) {
            try (BufferedReader out = process.inputReader()) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(readyLine)) {
                        ready = true;
                        outputSeen.countDown();
                    }
                }
            } catch (IOException e) {
                // The pipe broke: the process is gone, as at the end of its output.
            }
            outputSeen.countDown();
        }

        /** Ends its input, which closes the agents; SIGTERM, then SIGKILL, if it does not exit. */
        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // Its input is already gone: so is the process, or SIGTERM ends it below.
            }
            if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
