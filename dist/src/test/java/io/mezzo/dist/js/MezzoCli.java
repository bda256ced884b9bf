package io.mezzo.dist.js;

import io.mezzo.dist.Logs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/mezzo <arguments>} run to completion, the way a user types it, over the
 * distribution {@code home} (MEZZO_HOME, so the script never builds). Output goes to files
 * under {@code dir}.
 */
final class MezzoCli {
    private MezzoCli() {
    }

    static Run run(Path home, Path dir, String name, Duration limit, String... arguments)
            throws IOException, InterruptedException {
        return run(home, dir, name, limit, Map.of(), arguments);
    }

    /** As {@link #run(Path, Path, String, Duration, String...)}, with extra environment (e.g. JAVA_HOME). */
    static Run run(Path home, Path dir, String name, Duration limit, Map<String, String> env, String... arguments)
            throws IOException, InterruptedException {
        Path script = home.toAbsolutePath().resolve("../../../scripts/mezzo").normalize();
        Files.createDirectories(dir);
        Path stdout = dir.resolve(name + ".stdout");
        Path stderr = dir.resolve(name + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("MEZZO_HOME", home.toAbsolutePath().toString());
        builder.environment().remove("MEZZO_REBUILD");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            tree.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("'mezzo " + String.join(" ", arguments) + "' did not end within "
                    + limit.toSeconds() + " s\n" + new Run(-1, stdout, stderr).output());
        }
        return new Run(process.exitValue(), stdout, stderr);
    }

    /** A finished {@code mezzo} command: its exit code and where its output went. */
    record Run(int exitCode, Path stdout, Path stderr) {
        String output() {
            return "--- stdout (" + stdout + ")\n" + Logs.tail(stdout) + "--- stderr (" + stderr + ")\n"
                    + Logs.tail(stderr);
        }

        /** The last non-blank line on stdout; empty if there is none. */
        String lastLine() throws IOException {
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        String errors() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }
    }
}
