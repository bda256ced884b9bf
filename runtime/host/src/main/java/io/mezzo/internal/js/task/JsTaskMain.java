package io.mezzo.internal.js.task;

import io.mezzo.internal.js.HdfsBridge;
import io.mezzo.internal.js.HdfsScript;
import io.mezzo.internal.js.JsTaskWire;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Runs one JavaScript task, in its own JVM, in its sandbox (see {@link JsTaskWire}):
 * {@code JsTaskMain task.js args.json result.json error.txt [script-name]}, paths relative to
 * the working directory; {@code script-name} (e.g. {@code tasks/x.js}) is what stack traces
 * call the script.
 *
 * <p>The script's {@code module.exports} is a function {@code (args, task) => value}. Exit 0:
 * {@code result.json} holds {@code JSON.stringify(value)} ({@code null} for undefined). Exit 1:
 * the script threw or did not compile; {@code error.txt} holds the JS error and its stack.
 * Exit 2: the task could not be run at all (missing files, no exported function).
 *
 * <p>The script gets no host classes, no file, network, process, thread or environment
 * access of its own: only the {@code task} object ({@link TaskBridge}), and through
 * {@code task.hdfs} the HDFS the agent named in the environment ({@link TaskHdfs}).
 */
public final class JsTaskMain {
    static final int FINISHED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;

    private static final HostAccess ACCESS = hostAccess();

    private JsTaskMain() {}

    public static void main(String[] argv) {
        int code = run(argv, Path.of("").toAbsolutePath(), System.getenv(), System.out);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static HostAccess hostAccess() {
        try {
            // Lets the prelude turn a bridge's Java exception into a JS Error with its message.
            return HostAccess.newBuilder(HostAccess.EXPLICIT)
                    .allowAccess(Throwable.class.getMethod("getMessage")).build();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the task in {@code dir}; returns the exit code, having written result or error. */
    static int run(String[] argv, Path dir, Map<String, String> env, PrintStream out) {
        if (argv.length < 4 || argv.length > 5) {
            System.err.println("usage: JsTaskMain task.js args.json result.json error.txt [script-name]");
            return UNUSABLE;
        }
        Path errorFile = dir.resolve(argv[3]);
        String source;
        String args;
        try {
            source = Files.readString(dir.resolve(argv[0]), StandardCharsets.UTF_8);
            args = Files.readString(dir.resolve(argv[1]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return write(errorFile, "cannot read the task's files: " + e, UNUSABLE);
        }
        String name = argv.length == 5 ? argv[4] : argv[0];
        Outcome outcome = execute(name, source, args, new TaskBridge(dir, env, out), TaskHdfs.bridge(env), out);
        if (outcome.code() == FINISHED) {
            return write(dir.resolve(argv[2]), outcome.text(), FINISHED);
        }
        return write(errorFile, outcome.text(), outcome.code());
    }

    /** An exit code and what goes with it: the result JSON, or the error text. */
    record Outcome(int code, String text) {}

    static Outcome execute(String name, String source, String args, TaskBridge bridge, HdfsBridge hdfs,
                           PrintStream out) {
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false")
                .out(out).err(System.err).build();
             Context context = Context.newBuilder("js").engine(engine)
                     .allowHostAccess(ACCESS).allowHostClassLookup(className -> false)
                     .allowIO(IOAccess.NONE).allowCreateThread(false).allowCreateProcess(false)
                     .allowNativeAccess(false).allowEnvironmentAccess(EnvironmentAccess.NONE).build()) {
            Value api = context.eval(Source.newBuilder("js", TaskPrelude.SOURCE, TaskPrelude.NAME)
                    .internal(true).buildLiteral()).execute(bridge, HdfsScript.create(context, hdfs));
            context.eval(Source.newBuilder("js", source, name).buildLiteral());
            Value exported = api.getMember("exported").execute();
            if (!exported.canExecute()) {
                return new Outcome(UNUSABLE, name + " does not export a function: module.exports is "
                        + describe(exported) + "; expected module.exports = function (args, task) { ... }");
            }
            Value box = api.getMember("run").execute(exported, args);
            if (!box.getMember("done").asBoolean()) {
                return new Outcome(FAILED, name + ": the task's promise never settled");
            }
            Value error = box.getMember("error");
            if (error != null && !error.isNull()) {
                return new Outcome(FAILED, error.asString());
            }
            return new Outcome(FINISHED, box.getMember("result").asString());
        } catch (PolyglotException e) {
            return new Outcome(FAILED, describe(e));
        }
    }

    private static String describe(Value v) {
        if (v.isNull()) {
            return v.toString();
        }
        return v.hasMembers() && v.getMemberKeys().isEmpty() ? "an empty object" : "not a function (" + v + ")";
    }

    /** The JS error and the script's frames, as Node prints them ({@code at f (tasks/x.js:3:9)}). */
    static String describe(PolyglotException e) {
        StringBuilder text = new StringBuilder();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.isSyntaxError() && !message.startsWith("SyntaxError")) {
            text.append("SyntaxError: ");
        }
        text.append(message);
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (!frame.isGuestFrame() || at == null || at.getSource().isInternal()) {
                continue;
            }
            String function = frame.getRootName() == null || frame.getRootName().isEmpty()
                    ? "<anonymous>" : frame.getRootName();
            text.append("\n    at ").append(function).append(" (").append(at.getSource().getName()).append(':')
                    .append(at.getStartLine()).append(':').append(at.getStartColumn()).append(')');
        }
        return text.toString();
    }

    private static int write(Path file, String text, int code) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
            System.err.println(text);
            return code == FINISHED ? UNUSABLE : code;
        }
        return code;
    }
}
