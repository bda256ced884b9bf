package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Framework scripts run as clients of a master from this process ({@code mezzo run},
 * {@code mezzo local --framework}): started together, awaited together, reported as one
 * JSON line. Ctrl-C or SIGTERM tears them down before the process exits.
 */
final class ClientFrameworks {
    /** How long a signal waits for the frameworks' teardown before the process goes anyway. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final List<Path> files;
    private final List<RunningFramework> running = new ArrayList<>();
    private Thread hook;

    private ClientFrameworks(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /**
     * Starts every script against {@code masters}. A script that does not load stops the ones
     * already started and is thrown; nothing of it was subscribed.
     *
     * @param onSignal what else to close when the process is told to stop (after the teardown)
     */
    static ClientFrameworks start(List<Path> files, ScriptHost host, Function<List<URI>, SchedulerConnection> connect,
                                  List<URI> masters, ObjectNode params, Runnable onSignal) throws ScriptException {
        ClientFrameworks frameworks = new ClientFrameworks(files);
        frameworks.hook = new Thread(() -> {
            frameworks.stopAll("the process was told to stop");
            onSignal.run();
        }, "mezzo-stop-frameworks");
        Runtime.getRuntime().addShutdownHook(frameworks.hook);
        for (Path file : files) {
            ScriptSource script = ScriptSource.of(file);
            SchedulerConnection connection = connect.apply(masters);
            try {
                frameworks.add(host.start(script, params.deepCopy(), connection));
            } catch (ScriptException | RuntimeException e) {
                connection.close();
                frameworks.stopAll("another script (" + script.name() + ") did not load");
                frameworks.disarm();
                throw e;
            }
        }
        return frameworks;
    }

    private synchronized void add(RunningFramework framework) {
        running.add(framework);
    }

    private synchronized List<RunningFramework> running() {
        return List.copyOf(running);
    }

    private void stopAll(String reason) {
        List<RunningFramework> all = running();
        all.forEach(f -> f.stop(reason));
        try {
            CompletableFuture.allOf(all.stream().map(RunningFramework::outcome).toArray(CompletableFuture[]::new))
                    .get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("mezzo: not every framework confirmed its teardown: " + e.getMessage());
        }
    }

    /** Blocks until every framework ended; then no signal handling is left behind. */
    List<FrameworkOutcome> await() throws InterruptedException {
        List<FrameworkOutcome> outcomes = new ArrayList<>();
        for (RunningFramework f : running()) {
            try {
                outcomes.add(f.outcome().get());
            } catch (ExecutionException e) {
                outcomes.add(new FrameworkOutcome(FrameworkOutcome.Kind.FAILED, null,
                        "its runtime failed: " + e.getCause()));
            }
        }
        disarm();
        return outcomes;
    }

    private void disarm() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }

    /**
     * Prints the result as the last line of {@code out}: one framework's result, or an object
     * of results keyed by script file name. Returns 0 when every framework finished, else 1
     * after naming each failure on {@code err}.
     */
    int report(List<FrameworkOutcome> outcomes, PrintStream out, PrintStream err) {
        List<RunningFramework> all = running();
        boolean finished = true;
        for (int i = 0; i < outcomes.size(); i++) {
            FrameworkOutcome o = outcomes.get(i);
            if (o.kind() != FrameworkOutcome.Kind.FINISHED) {
                finished = false;
                err.println("mezzo: framework " + all.get(i).name() + " failed: " + o.reason());
            }
        }
        if (!finished) {
            return 1;
        }
        JsonNode result;
        if (outcomes.size() == 1) {
            result = outcomes.get(0).result();
        } else {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            for (int i = 0; i < outcomes.size(); i++) {
                String key = files.get(i).getFileName().toString();
                byName.put(byName.containsKey(key) ? files.get(i).toString() : key, outcomes.get(i).result());
            }
            ObjectNode object = MezzoJson.mapper().createObjectNode();
            byName.forEach(object::set);
            result = object;
        }
        out.println(MezzoJson.writeString(result));
        out.flush();
        return 0;
    }
}
