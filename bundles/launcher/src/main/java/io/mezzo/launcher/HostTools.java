package io.mezzo.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system programs the launcher relies on, found by absolute path once. The task's own
 * environment (and so its PATH) is not the agent's, so these are never looked up through it.
 *
 * @param setsid  util-linux {@code setsid}: puts the task in its own session and process group
 * @param setpriv util-linux {@code setpriv}: switches to the task's user without staying as a
 *                parent (unlike {@code su}/{@code runuser}, which keep a PAM session open)
 * @param kill    procps {@code kill}: the only way to signal a whole process group from Java
 * @param getent  libc {@code getent}: looks users up through NSS, not only /etc/passwd
 */
record HostTools(Optional<Path> setsid, Optional<Path> setpriv, Optional<Path> kill, Optional<Path> getent) {
    private static final List<Path> SYSTEM_DIRECTORIES =
            List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));

    static HostTools locate() {
        return new HostTools(find("setsid"), find("setpriv"), find("kill"), find("getent"));
    }

    private static Optional<Path> find(String program) {
        return SYSTEM_DIRECTORIES.stream()
                .map(dir -> dir.resolve(program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
