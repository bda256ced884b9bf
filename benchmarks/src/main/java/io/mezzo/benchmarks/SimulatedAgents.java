package io.mezzo.benchmarks;

import io.mezzo.api.Resources;
import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.time.SystemTime;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * N agents (real {@link Agent} objects of the runtime, running no tasks) in a JVM of their own, for
 * {@link FailoverBenchmark}: real agents run on their own hosts, and agents inside the measuring JVM
 * would keep it busy with their re-registrations just when it times the failover.
 *
 * <p>Prints {@code ready N} on standard output once all N agents have started, then
 * runs until its standard input ends or it is terminated; either way it closes the agents.
 *
 * <pre>java -cp ... io.mezzo.benchmarks.SimulatedAgents --masters h1:p1,h2:p2,h3:p3 --count N --work DIR</pre>
 */
public final class SimulatedAgents {
    private SimulatedAgents() {
    }

    public static void main(String[] args) throws IOException {
        List<MasterAddress> masters = MasterAddress.parseList(option(args, "--masters"));
        int count = Integer.parseInt(option(args, "--count"));
        Path work = Path.of(option(args, "--work"));
        Fleet fleet = new Fleet();
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "simulated-agents-close"));
        for (int i = 0; i < count; i++) {
            fleet.start(AgentConfig.of(masters, Files.createDirectories(work.resolve("agent-" + i)), "sim-" + i,
                    Resources.parse("cpus:4;mem:4096")), new Random(i));
        }
        System.out.println(readyLine(count));
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream()); // the harness closes it to stop us
        System.exit(0); // the shutdown hook closes the agents, as on SIGTERM
    }

    /** The line printed once all {@code count} agents have started. */
    static String readyLine(int count) {
        return "ready " + count;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name + " (usage: --masters h1:p1,h2:p2 --count N --work DIR)");
    }

    /** The agents, their Vert.x and their clock; closed once, by the shutdown hook. */
    private static final class Fleet {
        private final Vertx vertx = Vertx.vertx();
        private final SystemTime time = new SystemTime();
        private final List<Agent> agents = new ArrayList<>();
        private boolean closed;

        synchronized void start(AgentConfig config, Random random) {
            if (closed) {
                return;
            }
            Agent agent = new Agent(config, vertx, time, Optional::empty, random);
            agents.add(agent);
            agent.start();
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            agents.forEach(Agent::close);
            vertx.close().toCompletionStage().toCompletableFuture().join();
            time.close();
        }
    }
}
