package io.mezzo.internal.js;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A framework script and the files it may refer to (JS task scripts such as
 * {@code tasks/pi-task.js}, resolved relative to the script). A script read from disk resolves
 * them in its directory; a submitted script carries them along.
 */
public interface ScriptSource {

    /** The script's name as users see it in messages and {@code /state}, e.g. {@code pi.js}. */
    String name();

    /** The script's text. */
    String text();

    /**
     * The text of a file the script refers to, by a relative path with {@code /} separators.
     * Empty when there is no such file, or when the path is absolute or leaves the script's
     * directory ({@code ..}).
     */
    Optional<String> read(String relativePath);

    /**
     * The files a submitted script carries (relative path with {@code /} separators → text),
     * so a master can store the script and run it again after a failover; empty for a script
     * read from disk, whose files stay where they are.
     */
    default Map<String, String> files() {
        return Map.of();
    }

    /** A script file; its relative references resolve in its directory. */
    static ScriptSource of(Path file) {
        Path script = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read framework script " + file + ": " + e.getMessage(), e);
        }
        Path dir = script.getParent();
        return new ScriptSource() {
            @Override
            public String name() {
                return script.getFileName().toString();
            }

            @Override
            public String text() {
                return text;
            }

            @Override
            public Optional<String> read(String relativePath) {
                if (!ScriptSources.isSafeRelative(relativePath)) {
                    return Optional.empty();
                }
                Path target = dir.resolve(relativePath).normalize();
                if (!target.startsWith(dir) || !Files.isRegularFile(target)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(target, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** A script given as text, with the files it refers to (relative path → text). */
    static ScriptSource of(String name, String text, Map<String, String> files) {
        Map<String, String> copy = new java.util.HashMap<>();
        files.forEach((path, content) -> {
            if (!ScriptSources.isSafeRelative(path)) {
                throw new IllegalArgumentException("script file path '" + path + "' must be relative and stay"
                        + " inside the script's directory");
            }
            copy.put(Path.of(path).normalize().toString(), content);
        });
        return new ScriptSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String text() {
                return text;
            }

            @Override
            public Optional<String> read(String relativePath) {
                return ScriptSources.isSafeRelative(relativePath)
                        ? Optional.ofNullable(copy.get(Path.of(relativePath).normalize().toString()))
                        : Optional.empty();
            }

            @Override
            public Map<String, String> files() {
                Map<String, String> out = new java.util.TreeMap<>();
                copy.forEach((path, content) -> out.put(path.replace(java.io.File.separatorChar, '/'), content));
                return out;
            }
        };
    }
}
