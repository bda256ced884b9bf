package io.mezzo.dist.example;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/mezzo local} as a child process, started the way the README tells a user to
 * (adapted from {@code compat.LocalCluster}, which also takes extra flags here). Its output
 * goes to files under the test's directory; {@link #close()} sends SIGTERM, then kills
 * whatever of the process tree is left.
 */
final class LocalMezzo implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Mezzo master at (http://\\S+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 60;

    private final Process process;
    private final URI master;
    private final Path deployDir;
    private final Path stdout;
    private final Path stderr;

    private LocalMezzo(Process process, URI master, Path deployDir, Path stdout, Path stderr) {
        this.process = process;
        this.master = master;
        this.deployDir = deployDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code <repo>/scripts/mezzo local} with {@code flags} on free ports, its work
     * directory under {@code dir}, over the distribution {@code home} (MEZZO_HOME, so the script
     * never builds); waits up to {@code startup} for the line announcing the master.
     */
    static LocalMezzo start(Path home, Path dir, Duration startup, String... flags) throws IOException {
        Path script = ExampleBuild.repositoryRoot(home).resolve("scripts/mezzo");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script);
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
        Process process = builder.start();
        CompletableFuture<URI> ready = copyUntilReady(process, stdout);
        try {
            Object first = CompletableFuture.anyOf(ready, process.onExit())
                    .get(startup.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof URI master)) {
                throw new IllegalStateException("scripts/mezzo local exited with " + process.exitValue()
                        + " before announcing the master; stderr:\n" + tail(stderr));
            }
            // The README's default: <work-dir>/deploy.
            return new LocalMezzo(process, master, workDir.resolve("deploy"), stdout, stderr);
        } catch (TimeoutException | ExecutionException | InterruptedException | RuntimeException e) {
            stop(process);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("scripts/mezzo local did not print 'Mezzo master at' within "
                    + startup.toSeconds() + " s (" + e + "); stderr:\n" + tail(stderr), e);
        }
    }

    URI master() {
        return master;
    }

    Path deployDir() {
        return deployDir;
    }

    /** What the cluster printed so far, for failure messages. */
    String output() {
        return "--- mezzo stdout (" + stdout + ")\n" + tail(stdout) + "--- mezzo stderr (" + stderr + ")\n"
                + tail(stderr);
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
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The last lines of a child's output file, for failure messages. */
    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")\n";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return (lines.size() > tail.size() ? "[... " + (lines.size() - tail.size()) + " lines]\n" : "")
                    + String.join("\n", tail) + (tail.isEmpty() ? "" : "\n");
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
