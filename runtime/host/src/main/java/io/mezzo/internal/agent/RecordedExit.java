package io.mezzo.internal.agent;

import io.mezzo.api.CommandSpec;
import io.mezzo.api.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lets a task's exit status outlive its agent. The agent starts its tasks' processes, so the
 * JDK tells it how each ended; but a process it re-attached to after a restart is no longer
 * its child, and Linux reports an exit status only to the parent. So with checkpointing each
 * task runs under a small {@code /bin/sh} that waits for the command, writes its status to
 * {@value #FILE} in the sandbox and ends with that same status (a command killed by signal N
 * reads as 128+N, as the JDK reports it).
 *
 * <p>The wrapper leads the task's process group, as the command did without it, so kills
 * reach both. It traps SIGTERM (and INT, HUP, QUIT) with a no-op so that it outlives the
 * command and records its end; the command itself gets the signals' default actions back at
 * exec. A SIGKILL ends the wrapper too: the status is then not recorded, and a recovered run
 * reports the end as of unknown status.
 *
 * <p>Like Mesos's command executor, which also runs commands through a shell, a command that
 * cannot be executed then ends with status 127 (not found) or 126 (not executable) instead of
 * failing the launch.
 */
final class RecordedExit {
    static final String FILE = ".mezzo-exit-status";
    private static final String SHELL = "/bin/sh";
    /** $1 is the status file, the rest is the command's argv. */
    private static final String SCRIPT = "trap : TERM INT HUP QUIT; f=$1; shift; \"$@\"; s=$?; "
            + "printf '%s\\n' \"$s\" > \"$f\"; exit \"$s\"";

    private RecordedExit() {}

    /** {@code command}, run under the wrapper that records its status in {@code sandbox}. */
    static CommandSpec wrap(CommandSpec command, Path sandbox) {
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", SCRIPT, "mezzo-task", sandbox.resolve(FILE).toString()));
        if (command.shell()) {
            argv.addAll(List.of(SHELL, "-c", command.value()));
        } else {
            // As the launcher does: value is argv[0], arguments[0] is not used.
            List<String> arguments = command.arguments();
            argv.add(command.value());
            argv.addAll(arguments.subList(Math.min(1, arguments.size()), arguments.size()));
        }
        return new CommandSpec(false, SHELL, argv);
    }

    /**
     * The status the wrapper recorded in {@code sandbox}; empty when it recorded none (it was
     * killed, or the command is still running). Blocking: call it off the actor.
     */
    static Optional<Termination> read(Path sandbox) {
        String text;
        try {
            text = Files.readString(sandbox.resolve(FILE), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            int status = Integer.parseInt(text);
            return status >= 0 && status <= 255 ? Optional.of(Termination.fromJdkExitValue(status)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
