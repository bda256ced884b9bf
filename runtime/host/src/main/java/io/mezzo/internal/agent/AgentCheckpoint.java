package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.io.AtomicFiles;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an agent keeps on disk to outlive its own restart ({@link AgentConfig#checkpoint()}),
 * under {@code <work-dir>/meta}: {@code agent.json}, the id the master gave it, and one
 * {@code tasks/<container-id>.json} per task it has not forgotten yet: the task and its
 * framework, the sandbox, the process (pid and start time), the latest status and the updates
 * the framework has not acknowledged. The agent writes a task's file before it sends any update
 * of it, so an update is never sent that a restarted agent would not know of.
 *
 * <p>Each file is replaced whole ({@link AtomicFiles}): a reader sees the old content or the new.
 * Files are not forced to disk: they outlive a crash of the agent's process, which is what its
 * tasks outlive too, not a crash of the machine, which they do not. A file that cannot be read
 * is reported and set aside as {@code *.unreadable}, never half-used.
 *
 * <p>Used on the agent's actor: a write is a few kilobytes into the page cache.
 */
final class AgentCheckpoint {
    private static final Logger LOG = System.getLogger(AgentCheckpoint.class.getName());
    static final String DIRECTORY = "meta";
    private static final String JSON = ".json";

    /** The agent's id, as recorded. */
    record Agent(AgentId agentId) {
        Agent {
            if (agentId == null) {
                throw new IllegalArgumentException("agent checkpoint has no agent_id");
            }
        }
    }

    /**
     * One task as recorded.
     *
     * @param sandbox        present once the sandbox exists
     * @param pid            present once the process was started
     * @param startedMillis  when the operating system says the process started, to tell it from a
     *                       later process given the same pid; empty when it could not be read
     * @param latest         the last status the run produced
     * @param pending        the updates not yet acknowledged, oldest first
     * @param killRequested  a kill was under way
     * @param dropped        the framework was shut down: the run is no longer reported, only killed
     */
    record Task(FrameworkId frameworkId, FrameworkInfo framework, TaskSpec task, ContainerId containerId,
                Optional<String> sandbox, OptionalLong pid, OptionalLong startedMillis, TaskStatus latest,
                List<TaskStatus> pending, boolean killRequested, boolean dropped) {
        Task {
            if (frameworkId == null || framework == null || task == null || containerId == null || latest == null) {
                throw new IllegalArgumentException("task checkpoint needs framework_id, framework, task, "
                        + "container_id and latest");
            }
            sandbox = sandbox == null ? Optional.empty() : sandbox;
            pid = pid == null ? OptionalLong.empty() : pid;
            startedMillis = startedMillis == null ? OptionalLong.empty() : startedMillis;
            pending = pending == null ? List.of() : List.copyOf(pending);
        }
    }

    private final Path root;

    private AgentCheckpoint(Path root) {
        this.root = root;
    }

    /** The checkpoint of the agent working in {@code workDir}. */
    static AgentCheckpoint in(Path workDir) {
        return new AgentCheckpoint(workDir.resolve(DIRECTORY));
    }

    Path directory() {
        return root;
    }

    /** The recorded agent id; empty when none was recorded or its file is unreadable. */
    Optional<AgentId> agentId() {
        Path file = root.resolve("agent" + JSON);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return read(file, Agent.class).map(Agent::agentId);
    }

    void saveAgentId(AgentId id) {
        write(root.resolve("agent" + JSON), new Agent(id));
    }

    /** Every recorded task that can be read. */
    List<Task> tasks() {
        Path dir = tasksDirectory();
        List<Task> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(JSON)) {
                    read(file, Task.class).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's checkpoint in " + dir, e);
        }
        return out;
    }

    void save(Task task) {
        write(taskFile(task.containerId()), task);
    }

    void remove(ContainerId container) {
        Path file = taskFile(container);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    private Path tasksDirectory() {
        return root.resolve("tasks");
    }

    /** Container ids are UUIDs the agent made, so they are safe file names. */
    private Path taskFile(ContainerId container) {
        return tasksDirectory().resolve(container.value() + JSON);
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.replace(file, false, MezzoJson.write(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(MezzoJson.read(Files.readAllBytes(file), type));
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.log(Level.WARNING, "cannot read the checkpoint file " + file + " (" + e.getMessage()
                    + "); moving it to " + aside + " and going on without it");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.log(Level.WARNING, "cannot move " + file + " aside: " + moveFailed.getMessage());
            }
            return Optional.empty();
        }
    }
}
