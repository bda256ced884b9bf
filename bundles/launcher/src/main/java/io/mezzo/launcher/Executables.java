package io.mezzo.launcher;

import io.mezzo.spi.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before starting, that a command's program can be executed, searching the way
 * execvp(3) will in the task's environment. Without this, a missing program would only show
 * as {@code setsid} exiting with status 1, indistinguishable from the task failing.
 */
final class Executables {
    /** What glibc's execvp searches when the environment has no PATH. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";
    private static final String NOT_FOUND = "No such file or directory";
    private static final String NOT_EXECUTABLE = "Permission denied";

    private Executables() {
    }

    static void requireRunnable(String program, Map<String, String> environment, Path workingDirectory)
            throws LaunchException {
        if (program.contains("/")) {
            Optional<String> problem = problemWith(workingDirectory.resolve(program));
            if (problem.isPresent()) {
                throw new LaunchException("cannot launch '" + program + "': " + problem.get());
            }
            return;
        }
        String path = environment.getOrDefault("PATH", DEFAULT_PATH);
        String problem = NOT_FOUND;
        for (String directory : path.split(":", -1)) {
            Path base = directory.isEmpty() ? workingDirectory : workingDirectory.resolve(directory);
            Optional<String> found = problemWith(base.resolve(program));
            if (found.isEmpty()) {
                return;
            }
            if (found.get().equals(NOT_EXECUTABLE)) {
                problem = NOT_EXECUTABLE; // as with execvp, a later miss does not hide this
            }
        }
        throw new LaunchException("cannot launch '" + program + "': " + problem + " (searched PATH=" + path + ")");
    }

    /** The strerror(3) text execve would fail with; empty when it would run the file. */
    private static Optional<String> problemWith(Path file) {
        if (!Files.exists(file)) {
            return Optional.of(NOT_FOUND);
        }
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            return Optional.of(NOT_EXECUTABLE);
        }
        return Optional.empty();
    }
}
