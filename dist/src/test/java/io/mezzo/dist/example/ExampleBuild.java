package io.mezzo.dist.example;

import io.mezzo.dist.Logs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the example allocator the way its README says ({@code mvn -q package}), in a copy of
 * the project under the test's directory so that the repository tree is never written to.
 *
 * <p>Maven runs as a child process found on PATH. It uses the local repository the parent
 * build uses (where {@code mezzo-spi} was installed), and goes offline exactly when the parent
 * build did; both are read from the properties the dist pom already hands the test JVM for
 * Pax Exam ({@code org.ops4j.pax.url.mvn.localRepository}, {@code ...offline}).
 */
final class ExampleBuild {
    static final String EXAMPLE = "scripts/examples/fifo-allocator";

    private ExampleBuild() {
    }

    /** The source checkout the distribution was built in: {@code home} is {@code <repo>/dist/target/mezzo}. */
    static Path repositoryRoot(Path home) {
        return home.toAbsolutePath().resolve("../../..").normalize();
    }

    /** Copies the example into {@code dir}, runs {@code mvn package} there and returns the one jar it built. */
    static Path packageJar(Path home, Path dir, Duration limit) throws IOException, InterruptedException {
        Path project = copyProject(repositoryRoot(home).resolve(EXAMPLE), dir.resolve("fifo-allocator"));
        Path log = dir.resolve("mvn.log");
        List<String> command = new ArrayList<>(List.of(maven().toString(), "-q", "-B"));
        if (Boolean.getBoolean("org.ops4j.pax.url.mvn.offline")) {
            command.add("-o");
        }
        localRepository().ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        command.add("package");
        Process mvn = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            mvn.descendants().forEach(ProcessHandle::destroyForcibly);
            mvn.destroyForcibly();
            throw new AssertionError("'" + String.join(" ", command) + "' in " + project + " did not finish within "
                    + limit.toSeconds() + " s; output:\n" + Logs.tail(log));
        }
        if (mvn.exitValue() != 0) {
            throw new AssertionError("'" + String.join(" ", command) + "' in " + project + " exited with "
                    + mvn.exitValue() + ":\n" + Logs.tail(log));
        }
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches("fifo-allocator-.*\\.jar"))
                    .toList();
            if (jars.size() != 1) {
                throw new AssertionError("expected one target/fifo-allocator-*.jar, found " + jars);
            }
            return jars.get(0);
        }
    }

    /** The project's sources as a user would copy them: everything but a build output left in place. */
    private static Path copyProject(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from.resolve("pom.xml"))) {
            throw new IllegalStateException("no example project at " + from);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static Path maven() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mvn");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no mvn on PATH (" + System.getenv("PATH") + "): the example is built with"
                + " Maven, as its README says");
    }

    /** The parent build's local repository, when Maven told us (unset when the test runs outside Maven). */
    private static Optional<String> localRepository() {
        String repo = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        return repo.isBlank() || repo.contains("${") ? Optional.empty() : Optional.of(repo);
    }
}
