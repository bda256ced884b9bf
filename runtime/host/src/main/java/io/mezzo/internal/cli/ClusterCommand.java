package io.mezzo.internal.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mezzo cluster}: a multi-process cluster on loopback for trying high availability.
 * Every master and agent is a child process running this same Java command line, with its own
 * work directory and log file under the cluster's; Ctrl-C or SIGTERM stops them all.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Start a cluster of masters and agents on 127.0.0.1, each its own process, and stop them all"
                + " on Ctrl-C.", "Masters listen on BASE-PORT, BASE-PORT+1, ... (Hazelcast on port + 1000)."})
final class ClusterCommand implements Callable<Integer> {
    static final int GRACE_SECONDS = 10;

    @Option(names = "--masters", defaultValue = "3", description = "How many masters (default: ${DEFAULT-VALUE}).")
    int masters;

    @Option(names = "--agents", defaultValue = "3", description = "How many agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = {"--base-port", "--base_port"}, defaultValue = "5050",
            description = "The first master's HTTP port (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = {"--work-dir", "--work_dir"}, paramLabel = "DIR",
            description = "Where every process keeps its work directory and log (default: a new temporary directory).")
    Path workDir;

    @Option(names = {"--agent-resources", "--agent_resources"}, paramLabel = "RESOURCES",
            description = "Each agent's --resources (default: what the agent detects).")
    String agentResources;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final List<Child> children = new ArrayList<>();
    private volatile boolean stopping;

    record Child(String name, Process process, Path log) {}

    /** Rejects what cannot make a cluster, naming the bad input. */
    void validate() {
        if (masters < 1 || masters > 9) {
            throw new ParameterException(spec.commandLine(), "--masters must be between 1 and 9, not " + masters);
        }
        if (agents < 0 || agents > 100) {
            throw new ParameterException(spec.commandLine(), "--agents must be between 0 and 100, not " + agents);
        }
        if (basePort < 1 || basePort + masters - 1 + 1000 > 65535) {
            throw new ParameterException(spec.commandLine(), "--base-port " + basePort + " leaves no room for "
                    + masters + " masters and their cluster ports (+1000) below 65536");
        }
    }

    List<String> masterAddresses() {
        return IntStream.range(0, masters).mapToObj(i -> "127.0.0.1:" + (basePort + i)).toList();
    }

    List<String> masterArgs(int i, Path dir) {
        List<String> args = new ArrayList<>(List.of("master", "--ip", "127.0.0.1", "--port", String.valueOf(basePort + i),
                "--cluster-port", String.valueOf(basePort + i + 1000), "--work-dir", dir.toString()));
        if (masters > 1) {
            args.addAll(List.of("--masters", String.join(",", masterAddresses())));
        }
        return args;
    }

    List<String> agentArgs(Path dir) {
        List<String> args = new ArrayList<>(List.of("agent", "--master", String.join(",", masterAddresses()),
                "--work-dir", dir.toString()));
        if (agentResources != null) {
            args.addAll(List.of("--resources", agentResources));
        }
        return args;
    }

    /** This process's own java command line, up to the main class. */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return command;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path root = workDir != null ? workDir : Files.createTempDirectory("mezzo-cluster-");
        Files.createDirectories(root);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "mezzo-cluster-stop"));
        for (int i = 0; i < masters; i++) {
            start("master-" + (i + 1), masterArgs(i, root.resolve("master-" + (i + 1))), root);
        }
        for (int i = 0; i < agents; i++) {
            start("agent-" + (i + 1), agentArgs(root.resolve("agent-" + (i + 1))), root);
        }
        System.out.println("Cluster work directory: " + root);
        masterAddresses().forEach(a -> System.out.println("master http://" + a));
        awaitLeader();
        new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM: the shutdown hook stops the children
        return 0;
    }

    private void start(String name, List<String> args, Path root) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        Path log = root.resolve(name + ".log");
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Child child = new Child(name, process, log);
        children.add(child);
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                System.err.println("mezzo: " + name + " exited early with status " + p.exitValue() + "; last lines of "
                        + log + ":\n" + tail(log, 20));
            }
        });
    }

    /** Polls the masters until one leads (bounded), pacing on the first master's process. */
    private void awaitLeader() throws InterruptedException {
        StateCommand state = new StateCommand();
        List<URI> urls = masterAddresses().stream().map(a -> URI.create("http://" + a)).toList();
        Process pace = children.get(0).process();
        for (int attempt = 0; attempt < 120; attempt++) {
            var report = state.report(urls);
            if (!report.path("leader").isNull()) {
                state.print(report, System.out);
                return;
            }
            if (pace.waitFor(500, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        System.err.println("mezzo: no leader yet; see the logs, or run 'mezzo state --master "
                + String.join(",", masterAddresses()) + "'");
    }

    /** SIGTERM to every child, then SIGKILL to those still running after the grace. */
    void stopAll() {
        stopping = true;
        children.forEach(c -> c.process().destroy());
        // One bounded wait for all of them (the grace is shared, not per child), then SIGKILL.
        try {
            java.util.concurrent.CompletableFuture.allOf(children.stream().map(c -> c.process().onExit())
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Some child outlived the grace: killed below.
        }
        children.stream().filter(c -> c.process().isAlive()).forEach(c -> c.process().destroyForcibly());
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
