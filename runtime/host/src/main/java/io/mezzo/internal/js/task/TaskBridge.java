package io.mezzo.internal.js.task;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;

/**
 * The only Java a task script reaches: the methods behind its {@code task} object. A task is a
 * process of the framework's user like any shell task, so it may read what that user can; it
 * writes only inside its sandbox. Failures are thrown with a message naming the path, which
 * the prelude turns into a JS {@code Error}.
 */
public final class TaskBridge {
    private final Path sandbox;
    private final Map<String, String> environment;
    private final PrintStream out;

    TaskBridge(Path sandbox, Map<String, String> environment, PrintStream out) {
        this.sandbox = sandbox.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    /** A file's text (UTF-8); {@code path} is absolute or relative to the sandbox. */
    @HostAccess.Export
    public String readText(String path) {
        Path file = sandbox.resolve(path);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read '" + path + "': no such file"
                    + (Path.of(path).isAbsolute() ? "" : " in the task's sandbox (give an absolute path)"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read '" + path + "': " + e.getMessage());
        }
    }

    /** Writes {@code text} (UTF-8) to a file inside the sandbox, creating its directories. */
    @HostAccess.Export
    public void writeText(String path, String text) {
        Path file = confined(path);
        try {
            Files.createDirectories(file.getParent());
            // A symbolic link planted in the sandbox must not carry the write outside it.
            if (!file.getParent().toRealPath().startsWith(sandbox.toRealPath())
                    || Files.isSymbolicLink(file)) {
                throw new IllegalArgumentException("cannot write '" + path + "': it leads outside the sandbox");
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write '" + path + "': " + e.getMessage());
        }
    }

    private Path confined(String path) {
        Path relative = Path.of(path);
        if (path.isEmpty() || relative.isAbsolute()) {
            throw new IllegalArgumentException("cannot write '" + path + "': only paths relative to the sandbox"
                    + " may be written");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("cannot write '" + path + "': '..' is not allowed");
            }
        }
        Path file = sandbox.resolve(relative).normalize();
        if (!file.startsWith(sandbox) || file.equals(sandbox) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("cannot write '" + path + "': not a file inside the sandbox");
        }
        return file;
    }

    /** One line on the task's stdout (the sandbox's {@code stdout} file). */
    @HostAccess.Export
    public void log(String line) {
        out.println(line);
        out.flush();
    }

    /** An environment variable of the task's process, or null. */
    @HostAccess.Export
    public String env(String name) {
        return environment.get(name);
    }

    @HostAccess.Export
    public String sandbox() {
        return sandbox.toString();
    }

    /** The task id the agent gave the process ({@code MESOS_TASK_ID}), or "" when run by hand. */
    @HostAccess.Export
    public String taskId() {
        return environment.getOrDefault("MESOS_TASK_ID", "");
    }
}
