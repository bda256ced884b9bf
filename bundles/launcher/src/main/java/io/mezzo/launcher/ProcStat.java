package io.mezzo.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** What Linux's {@code /proc} says about processes that the JDK does not: groups and zombies. */
final class ProcStat {
    private static final Path PROC = Path.of("/proc");
    private static final int STATE = 0;
    private static final int PROCESS_GROUP = 2;

    private ProcStat() {
    }

    /** The process group of {@code pid}; empty when the process is gone or /proc cannot be read. */
    static OptionalLong processGroupOf(long pid) {
        return read(pid).map(ProcStat::parseProcessGroup).orElse(OptionalLong.empty());
    }

    /**
     * Whether {@code pid} has exited but not been reaped. The JDK counts such a zombie as alive,
     * yet it runs nothing and can no longer be signalled.
     */
    static boolean isZombie(long pid) {
        return read(pid).flatMap(ProcStat::fieldsAfterName)
                .map(fields -> fields[STATE].equals("Z") || fields[STATE].equals("X"))
                .orElse(false);
    }

    /** Field 5 of a {@code /proc/<pid>/stat} line. */
    static OptionalLong parseProcessGroup(String stat) {
        Optional<String[]> fields = fieldsAfterName(stat).filter(f -> f.length > PROCESS_GROUP);
        if (fields.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields.get()[PROCESS_GROUP]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Every process now in group {@code pgid}, including children orphaned by its leader. */
    static List<ProcessHandle> membersOf(long pgid) {
        return ProcessHandle.allProcesses()
                .filter(p -> processGroupOf(p.pid()).orElse(-1) == pgid)
                .collect(Collectors.toList());
    }

    /**
     * Fields 3 onwards (state, ppid, pgrp, ...). Field 2, the command name in parentheses, may
     * itself contain spaces and parentheses, so counting starts after the last ')'.
     */
    private static Optional<String[]> fieldsAfterName(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            return Optional.empty();
        }
        String rest = stat.substring(nameEnd + 1).trim();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest.split(" "));
    }

    private static Optional<String> read(long pid) {
        try {
            byte[] stat = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // The command name may hold any byte; ISO-8859-1 decodes every one of them.
            return Optional.of(new String(stat, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
