package io.mezzo.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a launcher needs to start one task's process.
 *
 * @param container   the id the launcher reports back with
 * @param sandbox     an existing, absolute directory: the process's working directory, where
 *                    {@code stdout} and {@code stderr} go
 * @param command     what to run
 * @param environment the process's complete environment (nothing is inherited)
 * @param user        run as this OS user when present (requires the agent to run as root)
 * @param resources   the resources the task holds, for launchers that enforce limits
 */
public record LaunchSpec(ContainerId container, Path sandbox, CommandSpec command,
                         Map<String, String> environment, Optional<String> user, Resources resources) {
    public LaunchSpec {
        if (container == null || command == null || resources == null || user == null) {
            throw new IllegalArgumentException("launch spec is missing a field");
        }
        if (sandbox == null || !sandbox.isAbsolute()) {
            throw new IllegalArgumentException("sandbox must be an absolute path, not " + sandbox);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
            }
            if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + name + " has a NUL or no value");
            }
        }
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    }
}
