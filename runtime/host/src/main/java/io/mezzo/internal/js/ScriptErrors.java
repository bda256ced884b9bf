package io.mezzo.internal.js;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/** JS errors in the words a script author needs: file, line, message and the JS stack. */
final class ScriptErrors {
    /** GraalJS starts syntax error messages with the location, which the exception names anyway. */
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^\\S+:\\d+(:\\d+)? ");

    private ScriptErrors() {
    }

    static Source source(ScriptSource script) {
        return Source.newBuilder("js", script.text(), script.name()).buildLiteral();
    }

    /** An exception while the script itself is evaluated (not a callback). */
    static ScriptException toScriptException(ScriptSource script, PolyglotException e, Duration limit) {
        if (e.isCancelled()) {
            return new ScriptException(script.name(), OptionalInt.empty(),
                    "evaluating the script took longer than " + format(limit) + " and was stopped");
        }
        SourceSection at = e.getSourceLocation();
        OptionalInt line = at != null && at.isAvailable() && script.name().equals(at.getSource().getName())
                ? OptionalInt.of(at.getStartLine()) : OptionalInt.empty();
        String message = firstLine(e.getMessage());
        if (e.isSyntaxError()) {
            String bare = message.startsWith("SyntaxError: ") ? message.substring("SyntaxError: ".length()) : message;
            message = "SyntaxError: " + LOCATION_PREFIX.matcher(bare).replaceFirst("");
        }
        return new ScriptException(script.name(), line, message);
    }

    /** The error's message and its JS stack, one {@code at fn (file:line:column)} per frame. */
    static String describe(PolyglotException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame()) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            if (at != null && (Prelude.NAME.equals(at.getSource().getName())
                    || HdfsScript.NAME.equals(at.getSource().getName()))) {
                continue;
            }
            String fn = frame.getRootName() == null || frame.getRootName().isEmpty() ? "<anonymous>"
                    : frame.getRootName();
            out.append("\n    at ").append(fn);
            if (at != null && at.isAvailable()) {
                out.append(" (").append(at.getSource().getName()).append(':').append(at.getStartLine()).append(':')
                        .append(at.getStartColumn()).append(')');
            }
        }
        return out.toString();
    }

    /** {@code 10s}, {@code 1500ms}. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
