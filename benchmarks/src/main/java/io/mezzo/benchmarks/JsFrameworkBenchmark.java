package io.mezzo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.JsEngine;
import io.mezzo.internal.js.JsScriptHost;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a JavaScript framework costs the process that runs it, through the same
 * {@code JsScriptHost} a master or {@code mezzo run} uses, on the process's shared engine:
 *
 * <ul>
 *   <li>{@code startAndStop}: a framework script started (a new sandboxed context, the prelude,
 *       the script evaluated and checked, FrameworkInfo built, SUBSCRIBE handed to the
 *       connection) and stopped again (TEARDOWN, context closed).</li>
 *   <li>{@code offersCallback}: one OFFERS event with one offer handed to a subscribed
 *       framework until its {@code offers} callback's DECLINE reaches the connection: the event
 *       crossing to the script's thread, into JS as JSON, the callback, and the call back out.</li>
 * </ul>
 *
 * The connection is a stand-in that accepts every call at once, so no HTTP is measured. Run
 * with the distribution's class path (GraalJS is not in benchmarks.jar); see
 * docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dpolyglot.engine.WarnInterpreterOnly=false"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Benchmark)
public class JsFrameworkBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = String.join("\n",
            "module.exports = {",
            "  name: 'bench',",
            "  roles: ['*'],",
            "  offers(offers, ctx) {",
            "    for (const offer of offers) {",
            "      if (offer.cpus >= 64) { ctx.launch(offer, [{name: 'never', cpus: 64, mem: 1, command: 'true'}]); }",
            "      else { ctx.decline(offer, {refuseSeconds: 5}); }",
            "    }",
            "  },",
            "  update(status, ctx) {},",
            "};");

    private SystemTime time;
    private JsEngine engine;
    private JsScriptHost host;
    private StandIn connection;
    private RunningFramework subscribed;
    private JsonNode offers;

    @Setup(Level.Trial)
    public void start() throws ScriptException {
        time = new SystemTime();
        engine = new JsEngine();
        host = new JsScriptHost(engine, time, Duration.ofSeconds(30));
        connection = new StandIn();
        subscribed = host.start(script(), JSON.createObjectNode(), connection);
        connection.push(json("{'type':'SUBSCRIBED','subscribed':{'framework_id':{'value':'bench-fw'},"
                + "'heartbeat_interval_seconds':15}}"));
        offers = json("{'type':'OFFERS','offers':{'offers':[{'id':{'value':'o-1'},'framework_id':{'value':'bench-fw'},"
                + "'agent_id':{'value':'a-1'},'hostname':'h1','allocation_info':{'role':'*'},'resources':["
                + "{'name':'cpus','type':'SCALAR','scalar':{'value':8},'role':'*','allocation_info':{'role':'*'}},"
                + "{'name':'mem','type':'SCALAR','scalar':{'value':4096},'role':'*','allocation_info':{'role':'*'}},"
                + "{'name':'ports','type':'RANGES','ranges':{'range':[{'begin':31000,'end':32000}]},'role':'*',"
                + "'allocation_info':{'role':'*'}}]}]}}");
    }

    @TearDown(Level.Trial)
    public void stop() {
        subscribed.stop("benchmark over");
        engine.close();
        time.close();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RunningFramework startAndStop() throws ScriptException {
        RunningFramework framework = host.start(script(), JSON.createObjectNode(), new StandIn());
        framework.stop("benchmark");
        return framework;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ObjectNode offersCallback() throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<ObjectNode> declined = connection.next();
        connection.push(offers);
        return declined.get(10, TimeUnit.SECONDS);
    }

    private static ScriptSource script() {
        return ScriptSource.of("bench.js", SCRIPT, Map.of());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts every call at once and hands the next one to whoever waits for it. */
    private static final class StandIn implements SchedulerConnection {
        private volatile Listener listener;
        private volatile CompletableFuture<ObjectNode> next = new CompletableFuture<>();

        @Override
        public void start(ObjectNode frameworkInfo, Listener listener) {
            this.listener = listener;
        }

        @Override
        public CompletableFuture<Void> send(ObjectNode call) {
            next.complete(call);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }

        CompletableFuture<ObjectNode> next() {
            next = new CompletableFuture<>();
            return next;
        }

        void push(JsonNode event) {
            listener.onEvent(event);
        }
    }
}
