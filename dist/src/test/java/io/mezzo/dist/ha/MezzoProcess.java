package io.mezzo.dist.ha;

import io.mezzo.dist.Logs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
 * One long-running {@code scripts/mezzo <command>} (a master or an agent) as a child process over
 * the distribution {@code home}, its output appended to files under its directory (so a restart
 * keeps the earlier run's lines). The tests crash it ({@link #kill()}), freeze it
 * ({@link #freeze()}, SIGSTOP) and thaw it, or stop it the way an operator does ({@link #close()}).
 */
final class MezzoProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private volatile boolean frozen;

    private MezzoProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code scripts/mezzo arguments...} and waits up to {@code startup} for a line of its
     * standard output that {@code ready} finds; fails (killing it) if it exits or stays silent.
     */
    static MezzoProcess start(Path home, Path dir, String name, Pattern ready, Duration startup,
                              Map<String, String> env, List<String> arguments) throws IOException {
        Path script = home.toAbsolutePath().resolve("../../../scripts/mezzo").normalize();
        Files.createDirectories(dir);
        Path stdout = dir.resolve(name + ".stdout");
        Path stderr = dir.resolve(name + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments);
        Files.writeString(stdout, "--- " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().put("MEZZO_HOME", home.toAbsolutePath().toString());
        builder.environment().remove("MEZZO_REBUILD");
        builder.environment().putAll(env);
        Process process = builder.start();
        MezzoProcess started = new MezzoProcess(name, process, stdout, stderr);
        CompletableFuture<String> announced = started.copyOutput(ready);
        try {
            Object first = CompletableFuture.anyOf(announced, process.onExit())
                    .get(startup.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof String)) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before it was ready\n" + started.output());
            }
            return started;
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            started.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(name + " did not print /" + ready + "/ within " + startup.toSeconds()
                    + " s (" + e + ")\n" + started.output(), e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** True between {@link #freeze()} and {@link #thaw()}: its HTTP server accepts but never answers. */
    boolean frozen() {
        return frozen;
    }

    /** {@code kill -9}: the process dies at once, its sockets are closed by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") survived kill -9");
        }
    }

    /** {@code kill -STOP}: a hung process, whose peers see its sockets open and silent. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
        frozen = true;
    }

    /** {@code kill -CONT}: the frozen process runs on, unaware of the time that passed. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
        frozen = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid() + " failed");
        }
    }

    /** The processes this one started that are still running (an agent's tasks). */
    List<ProcessHandle> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Its output so far, for failure messages. */
    String output() {
        return "--- " + name + " stdout (" + stdout + ")\n" + Logs.tail(stdout)
                + "--- " + name + " stderr (" + stderr + ")\n" + Logs.tail(stderr);
    }

    Path stdout() {
        return stdout;
    }

    /**
     * SIGTERM, as an operator stops it, and waits until it has exited; unlike {@link #close()} it
     * leaves alone whatever it started (a checkpointing agent's tasks outlive it).
     */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") had not stopped " + STOP_GRACE.toSeconds()
                    + " s after SIGTERM");
        }
    }

    /** SIGTERM first (an agent then kills its tasks); whatever of the tree is left is killed. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            if (frozen) {
                thaw();
            }
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            process.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Copies stdout to its file; completes with the first line {@code ready} finds. */
    private CompletableFuture<String> copyOutput(Pattern ready) {
        CompletableFuture<String> announced = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Files.writeString(stdout, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    Matcher matcher = ready.matcher(line);
                    if (!announced.isDone() && matcher.find()) {
                        announced.complete(line);
                    }
                }
            } catch (IOException e) {
                announced.completeExceptionally(new UncheckedIOException(e));
            }
        }, name + "-stdout");
        copier.setDaemon(true);
        copier.start();
        return announced;
    }
}
