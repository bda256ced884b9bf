package io.mezzo.dist.compat;

import io.mezzo.dist.Logs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the small Node project in {@code dist/src/test/node}, with its dependencies installed
 * by {@code npm ci} from the committed lock file. The copy keeps the source tree free of
 * {@code node_modules} and of the logs the client writes.
 */
final class NodeProject {
    private final Path dir;

    private NodeProject(Path dir) {
        this.dir = dir;
    }

    /**
     * Copies the project's own files (not a developer's {@code node_modules}) from {@code source}
     * into {@code target} and runs {@code npm ci} there, failing with npm's output if it does
     * not succeed within {@code timeout}. Install scripts are not run: the client needs none.
     */
    static NodeProject install(Path source, Path target, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source.resolve("package-lock.json"))) {
            throw new IllegalStateException("no Node project with a package-lock.json at " + source);
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        NodeProject project = new NodeProject(target);
        Run install = project.exec("npm-ci", timeout,
                "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline");
        if (install.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + target + " failed with exit code " + install.exitCode()
                    + "\n" + install.output());
        }
        return project;
    }

    Path dir() {
        return dir;
    }

    /** Runs {@code node <arguments>} in the project; its output goes to files named after {@code name}. */
    Run node(String name, Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(List.of(arguments));
        return exec(name, timeout, command.toArray(String[]::new));
    }

    private Run exec(String name, Duration timeout, String... command) throws IOException, InterruptedException {
        Path stdout = dir.resolve(name + ".stdout");
        Path stderr = dir.resolve(name + ".stderr");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + command[0] + "': this test needs Node.js (node and npm"
                    + " on the PATH) to install and run the mesos-framework client", e);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within "
                    + timeout.toSeconds() + " s\n" + new Run(-1, stdout, stderr).output());
        }
        return new Run(process.exitValue(), stdout, stderr);
    }

    /** A finished child process: its exit code and where its output went. */
    record Run(int exitCode, Path stdout, Path stderr) {
        String output() {
            return "--- stdout (" + stdout + ")\n" + Logs.tail(stdout) + "--- stderr (" + stderr + ")\n" + Logs.tail(stderr);
        }

        /** The last non-blank line on stdout; empty if there is none. */
        String lastLine() throws IOException {
            List<String> lines = Files.readAllLines(stdout).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }
}
