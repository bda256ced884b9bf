package io.mezzo.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Who the agent's JVM runs as.
 *
 * @param user the JVM's user name
 * @param root whether the JVM's effective uid is 0, so that it may switch to another user
 */
record AgentIdentity(String user, boolean root) {

    static AgentIdentity current() {
        String user = System.getProperty("user.name");
        OptionalLong uid = effectiveUid();
        return new AgentIdentity(user, uid.isPresent() ? uid.getAsLong() == 0 : "root".equals(user));
    }

    /** The second number on the "Uid:" line of /proc/self/status (real, effective, saved, fs). */
    private static OptionalLong effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).trim().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: fall back to the user name.
        }
        return OptionalLong.empty();
    }
}
