package io.mezzo.launcher;

import io.mezzo.spi.LaunchException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Looks up OS users: through {@code getent} (NSS, so LDAP users too), else /etc/passwd. */
final class UserAccounts {
    /** A user's numeric identity, as in its passwd(5) entry. */
    record Account(String name, long uid, long gid) {
    }

    private static final int GETENT_NOT_FOUND = 2;

    private final Optional<Path> getent;

    UserAccounts(Optional<Path> getent) {
        this.getent = getent;
    }

    Optional<Account> find(String user) throws LaunchException {
        return getent.isPresent() ? findWithGetent(getent.get(), user) : findInEtcPasswd(user);
    }

    private static Optional<Account> findWithGetent(Path getent, String user) throws LaunchException {
        ProcessBuilder builder = new ProcessBuilder(getent.toString(), "passwd", user)
                .redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status == GETENT_NOT_FOUND) {
                return Optional.empty();
            }
            if (status != 0) {
                throw new LaunchException("cannot look up user '" + user + "': getent exited with status " + status);
            }
            return parse(output.strip());
        } catch (IOException e) {
            throw new LaunchException("cannot look up user '" + user + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while looking up user '" + user + "'", e);
        }
    }

    private static Optional<Account> findInEtcPasswd(String user) throws LaunchException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/etc/passwd"));
        } catch (IOException e) {
            throw new LaunchException("cannot look up user '" + user + "': " + e.getMessage(), e);
        }
        return lines.stream()
                .filter(line -> line.startsWith(user + ":"))
                .findFirst()
                .flatMap(UserAccounts::parse);
    }

    /** Parses {@code name:password:uid:gid:gecos:home:shell}. */
    static Optional<Account> parse(String passwdLine) {
        String[] fields = passwdLine.split(":", -1);
        if (fields.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Account(fields[0], Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
