package io.mezzo.internal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Mesos's credentials files for tests. */
public final class CredentialsFiles {
    private CredentialsFiles() {
    }

    /** Writes {@code {"credentials":[{"principal":..,"secret":..},...]}} for the pairs, readable by its owner only. */
    public static Path write(Path dir, Map<String, String> secrets) throws IOException {
        StringBuilder json = new StringBuilder("{\"credentials\":[");
        secrets.forEach((p, s) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append("{\"principal\":\"").append(p).append("\",\"secret\":\"").append(s).append("\"}"));
        Path file = Files.writeString(dir.resolve("credentials.json"), json.append("]}").toString());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
