package io.mezzo.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/mezzo local} as a child process, the way the README tells a user to start it:
 * one master and its agents in one JVM, on loopback, with its output kept in files under the
 * test's directory. {@link #close()} sends SIGTERM (which Mezzo answers by killing its tasks and
 * stopping), then kills whatever of the process tree is left.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Mezzo master at (http://\\S+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final URI master;
    private final Path workDir;
    private final Path stdout;
    private final Path stderr;

    private LocalCluster(Process process, URI master, Path workDir, Path stdout, Path stderr) {
        this.process = process;
        this.master = master;
        this.workDir = workDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code <repo>/scripts/mezzo local} with {@code flags} (e.g. {@code --agents 2}) on
     * free ports, its work directory under {@code dir}, over the distribution {@code home}
     * (passed as MEZZO_HOME, so the script never builds), and waits up to {@code startup} for
     * the line that announces the master's URL.
     */
    public static LocalCluster start(Path home, Path dir, Duration startup, String... flags) throws IOException {
        return start(home, dir, startup, Map.of(), flags);
    }

    /** As {@link #start(Path, Path, Duration, String...)}, with extra environment (e.g. another JAVA_HOME). */
    public static LocalCluster start(Path home, Path dir, Duration startup, Map<String, String> env, String... flags)
            throws IOException {
        Path script = home.toAbsolutePath().resolve("../../../scripts/mezzo").normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script + " (expected next to the distribution "
                    + home + ", which must be <repo>/dist/target/mezzo)");
        }
        Path workDir = Files.createDirectories(dir.resolve("work"));
        Path stdout = dir.resolve("mezzo.stdout");
        Path stderr = dir.resolve("mezzo.stderr");
        List<String> command = new ArrayList<>(List.of(script.toString(), "local",
                "--port", Integer.toString(freePort()), "--cluster-port", Integer.toString(freePort()),
                "--work-dir", workDir.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("MEZZO_HOME", home.toAbsolutePath().toString());
        builder.environment().remove("MEZZO_REBUILD");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<URI> ready = copyUntilReady(process, stdout);
        try {
            URI master = CompletableFuture.anyOf(ready, process.onExit())
                    .get(startup.toMillis(), TimeUnit.MILLISECONDS) instanceof URI uri ? uri : null;
            if (master == null) {
                throw new IllegalStateException("scripts/mezzo local exited with " + process.exitValue()
                        + " before announcing the master; stderr:\n" + Logs.tail(stderr));
            }
            return new LocalCluster(process, master, workDir, stdout, stderr);
        } catch (TimeoutException | ExecutionException | InterruptedException | RuntimeException e) {
            stop(process);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("scripts/mezzo local did not print 'Mezzo master at' within "
                    + startup.toSeconds() + " s (" + e + "); stderr:\n" + Logs.tail(stderr), e);
        }
    }

    /** The master's base URL as printed, e.g. {@code http://127.0.0.1:41234}. */
    public URI master() {
        return master;
    }

    /** The {@code --work-dir} the cluster was given (agents keep their sandboxes below it). */
    public Path workDir() {
        return workDir;
    }

    /** The deploy directory under the README's default, {@code <work-dir>/deploy}. */
    public Path deployDir() {
        return workDir.resolve("deploy");
    }

    /** The file the cluster's standard error goes to. */
    public Path stderr() {
        return stderr;
    }

    /** What the cluster printed so far, for failure messages. */
    public String output() {
        return "--- mezzo stdout (" + stdout + ")\n" + Logs.tail(stdout)
                + "--- mezzo stderr (" + stderr + ")\n" + Logs.tail(stderr);
    }

    @Override
    public void close() {
        stop(process);
    }

    /** SIGTERM first so that Mezzo stops its tasks itself; anything still alive after the grace is killed. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Copies the child's stdout to a file; completes with the master's URL once it is announced. */
    private static CompletableFuture<URI> copyUntilReady(Process process, Path file) {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
            }
        }, "mezzo-local-stdout");
        copier.setDaemon(true);
        copier.start();
        return ready;
    }

    /** A port that was free a moment ago on 127.0.0.1 (mezzo local takes ports, not port 0). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
