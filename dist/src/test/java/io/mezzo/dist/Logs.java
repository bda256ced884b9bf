package io.mezzo.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tails of the files child processes write, for failure messages. */
public final class Logs {
    private static final int TAIL_LINES = 60;

    private Logs() {
    }

    /** The last lines of {@code file}, each ending in a newline; a note if it cannot be read. */
    public static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")\n";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return (lines.size() > tail.size() ? "[... " + (lines.size() - tail.size()) + " lines]\n" : "")
                    + String.join("\n", tail) + (tail.isEmpty() ? "" : "\n");
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
