package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.stream.Stream;

/**
 * The Mesos sandbox layout:
 * {@code <work_dir>/slaves/<agent_id>/frameworks/<framework_id>/executors/<executor_id>/runs/<container_id>},
 * with a {@code latest} symlink in {@code runs/} naming the newest run. Mezzo runs tasks
 * the way the command executor does, so the executor id is the task id.
 */
final class Sandbox {
    static final String LATEST = "latest";

    private Sandbox() {}

    /** Where a run's sandbox goes; fails if the ids would lead outside {@code workDir}. */
    static Path runDirectory(Path workDir, AgentId agent, FrameworkId framework, TaskId task, ContainerId container) {
        Path root = workDir.toAbsolutePath().normalize();
        Path run = root.resolve("slaves").resolve(agent.value())
                .resolve("frameworks").resolve(framework.value())
                .resolve("executors").resolve(task.value())
                .resolve("runs").resolve(container.value())
                .normalize();
        // Ids are validated as single path components, so this cannot happen; the check keeps
        // it that way should the id rules ever loosen.
        if (!run.startsWith(root) || run.getNameCount() != root.getNameCount() + 8) {
            throw new IllegalArgumentException("sandbox path '" + run + "' escapes the work directory '" + root + "'");
        }
        return run;
    }

    /**
     * Creates the run directory and points {@code runs/latest} at it. Blocking file-system
     * work: call it off the actor.
     */
    static Path create(Path workDir, AgentId agent, FrameworkId framework, TaskId task, ContainerId container)
            throws IOException {
        Path run = runDirectory(workDir, agent, framework, task, container);
        Files.createDirectories(run);
        Path runs = run.getParent();
        Path latest = runs.resolve(LATEST);
        // Build the new link beside the old one and rename it over: readers never see no link.
        Path next = runs.resolve("." + LATEST + "." + container.value());
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, run.getFileName());
        Files.move(next, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return run;
    }

    /**
     * Gives the run directory and what is already in it to {@code user}, as Mesos does when it
     * switches users: the task's process must be able to write its sandbox (a JS task writes its
     * result there). Blocking file-system work: call it off the actor.
     *
     * @throws IOException naming the user when there is no such user or the owner cannot be set
     */
    static void giveTo(Path run, String user) throws IOException {
        UserPrincipal owner;
        try {
            owner = run.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("no such user '" + user + "'", e);
        }
        try (Stream<Path> entries = Files.walk(run)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    Files.setOwner(entry, owner);
                } catch (IOException e) {
                    throw new IOException("cannot make '" + user + "' the owner of " + entry + ": " + e, e);
                }
            }
        }
    }
}
