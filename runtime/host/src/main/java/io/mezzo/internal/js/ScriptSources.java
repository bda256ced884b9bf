package io.mezzo.internal.js;

import java.nio.file.Path;

/** Path rules shared by the {@link ScriptSource} implementations. */
final class ScriptSources {
    private ScriptSources() {
    }

    /** A relative path that stays inside its base directory. */
    static boolean isSafeRelative(String path) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0 || path.startsWith("/")
                || path.contains("\\")) {
            return false;
        }
        Path normalized = Path.of(path).normalize();
        return !normalized.isAbsolute() && !normalized.startsWith("..") && !normalized.toString().isEmpty();
    }
}
