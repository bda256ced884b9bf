package io.mezzo.launcher;

import io.mezzo.api.CommandSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argv that starts a task: {@code setsid}, then {@code setpriv} when the task runs as
 * another user, then the command. Each wrapper replaces itself with the next by exec, so the
 * pid the JDK reports ends up being the command's, and it leads its own process group.
 *
 * <p>{@code setsid} would fork, leaving the command with another pid, if it already led a
 * process group. A fresh child of the JVM is in the JVM's group, so it does not: the pid from
 * {@link Process#pid()} becomes the new group's id.
 */
final class CommandLine {
    static final String SHELL = "/bin/sh";

    /** How to become the task's user: {@code setpriv} with that user's uid and primary group. */
    record RunAs(Path setpriv, long uid, long gid) {
        List<String> argv() {
            return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--");
        }
    }

    private CommandLine() {
    }

    /**
     * The program exec'd last: the shell, or the command's value. Without a '/', it is looked
     * up in the task's PATH, as execvp(3) does.
     */
    static String program(CommandSpec command) {
        return command.shell() ? SHELL : command.value();
    }

    /**
     * Builds the argv. In non-shell mode the command's {@code arguments[0]} is dropped: Java
     * cannot set a program's argv[0] apart from its path, so argv[0] is always {@code value}.
     */
    static List<String> build(Path setsid, Optional<RunAs> runAs, CommandSpec command) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid.toString());
        argv.add("--");
        runAs.ifPresent(user -> argv.addAll(user.argv()));
        if (command.shell()) {
            argv.addAll(List.of(SHELL, "-c", command.value()));
        } else {
            argv.add(command.value());
            List<String> arguments = command.arguments();
            argv.addAll(arguments.subList(Math.min(1, arguments.size()), arguments.size()));
        }
        return List.copyOf(argv);
    }
}
