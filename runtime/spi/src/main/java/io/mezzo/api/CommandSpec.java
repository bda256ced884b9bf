package io.mezzo.api;

import java.util.List;

/**
 * The command a task runs, as in Mesos's {@code CommandInfo}: with {@code shell} true,
 * {@code value} runs as {@code /bin/sh -c value}; otherwise {@code value} is the executable
 * and {@code arguments} is the whole argv (including argv[0]). Launchers on the JVM cannot set
 * argv[0] separately: the process launcher runs {@code value} as argv[0] and ignores
 * {@code arguments[0]}.
 */
public record CommandSpec(boolean shell, String value, List<String> arguments) {
    public CommandSpec {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("command value must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("command value must not contain NUL");
        }
        arguments = List.copyOf(arguments);
        for (String a : arguments) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("command arguments must not contain NUL");
            }
        }
    }

    public static CommandSpec shell(String command) {
        return new CommandSpec(true, command, List.of());
    }
}
