package io.mezzo.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.agent.JsTaskCommand;
import io.mezzo.internal.js.JsEngine;
import io.mezzo.internal.js.JsScriptHost;
import io.mezzo.internal.js.JsTaskWire;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one-off costs JMH does not show, in a cold JVM: creating the process's JS engine, the
 * first framework script started on it (GraalJS parsing and initializing its built-ins), the
 * next ones, and a JS task's own process (a new JVM running {@code JsTaskMain} on a trivial
 * task script, with the command and JVM options an agent uses, minus the launcher). Prints one line per measurement.
 *
 * <pre>java -cp "benchmarks/target/benchmarks.jar:dist/target/mezzo/lib/*" io.mezzo.benchmarks.JsColdStart [task runs]</pre>
 */
public final class JsColdStart {
    private static final String SCRIPT = "module.exports = { name: 'cold', offers(offers, ctx) {} };";

    private JsColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int taskRuns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (SystemTime time = new SystemTime()) {
            long t0 = System.nanoTime();
            JsEngine engine = new JsEngine();
            report("engine created", t0);
            JsScriptHost host = new JsScriptHost(engine, time, Duration.ofSeconds(30));
            for (int i = 1; i <= 5; i++) {
                long t = System.nanoTime();
                RunningFramework framework = start(host);
                report("framework script " + i + " started", t);
                framework.stop("measured");
            }
            engine.close();
        }
        List<Double> taskMillis = new ArrayList<>();
        for (int i = 1; i <= taskRuns; i++) {
            taskMillis.add(runTask(Files.createTempDirectory("mezzo-js-task")));
        }
        taskMillis.sort(Double::compare);
        System.out.printf("JS task process (%d runs): min %.0f ms, median %.0f ms, max %.0f ms%n", taskRuns,
                taskMillis.get(0), taskMillis.get(taskMillis.size() / 2), taskMillis.get(taskMillis.size() - 1));
    }

    private static RunningFramework start(JsScriptHost host) throws ScriptException {
        return host.start(ScriptSource.of("cold.js", SCRIPT, Map.of()), new ObjectMapper().createObjectNode(),
                new SchedulerConnection() {
                    @Override
                    public void start(ObjectNode frameworkInfo, Listener listener) {
                    }

                    @Override
                    public CompletableFuture<Void> send(ObjectNode call) {
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void close() {
                    }
                });
    }

    /** One JS task process in {@code sandbox}, started as an agent starts it; wall milliseconds. */
    private static double runTask(Path sandbox) throws IOException, InterruptedException {
        Files.writeString(sandbox.resolve(JsTaskWire.SCRIPT_FILE), "module.exports = (args) => args.n * 2;");
        Files.writeString(sandbox.resolve(JsTaskWire.ARGS_FILE), "{\"n\": 21}");
        List<String> command = JsTaskCommand.command("double.js").arguments();
        long t = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(sandbox.toFile()).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the JS task did not end within 60 s");
        }
        double millis = (System.nanoTime() - t) / 1e6;
        String result = Files.readString(sandbox.resolve(JsTaskWire.RESULT_FILE)).trim();
        if (process.exitValue() != 0 || !result.equals("42")) {
            throw new IllegalStateException("the JS task failed: exit " + process.exitValue() + ", result " + result);
        }
        return millis;
    }

    private static void report(String what, long startNanos) {
        System.out.printf("%s: %.1f ms%n", what, (System.nanoTime() - startNanos) / 1e6);
    }
}
