package io.mezzo.internal.js;

import java.util.OptionalInt;

/**
 * A framework or task script that cannot be run: a syntax error, an exception while it is
 * evaluated, or no valid export. The message names the script and, when known, the line:
 * {@code pi.js:12:5: SyntaxError: Expected ; but found x}.
 */
public final class ScriptException extends Exception {
    private final String script;
    private final OptionalInt line;

    public ScriptException(String script, OptionalInt line, String message) {
        super(script + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + message);
        this.script = script;
        this.line = line;
    }

    public String script() {
        return script;
    }

    public OptionalInt line() {
        return line;
    }
}
