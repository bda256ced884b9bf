package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How run and local --framework report outcomes: the result JSON last on stdout, failures on stderr. */
class ClientFrameworksTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Each script's outcome is decided by its text: "finish N" or "fail why". */
    static final ScriptHost HOST = new ScriptHost() {
        @Override
        public void check(ScriptSource script, ObjectNode params) {
        }

        @Override
        public RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection) {
            return running(script);
        }
    };

    static RunningFramework running(ScriptSource script) {
        return new RunningFramework() {
            final CompletableFuture<FrameworkOutcome> outcome = CompletableFuture.completedFuture(
                    script.text().startsWith("finish")
                            ? new FrameworkOutcome(FrameworkOutcome.Kind.FINISHED,
                            IntNode.valueOf(Integer.parseInt(script.text().substring(7).trim())), "finished")
                            : new FrameworkOutcome(FrameworkOutcome.Kind.FAILED, null, script.text().substring(5)));

            public String scriptName() {
                return script.name();
            }

            public String name() {
                return script.name().replace(".js", "");
            }

            public Optional<String> frameworkId() {
                return Optional.empty();
            }

            public CompletableFuture<FrameworkOutcome> outcome() {
                return outcome;
            }

            public void stop(String reason) {
            }
        };
    }

    int run(String... scripts) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < scripts.length; i++) {
            Path f = dir.resolve("fw" + i + ".js");
            Files.writeString(f, scripts[i]);
            files.add(f);
        }
        ClientFrameworks running = ClientFrameworks.start(files, HOST, masters -> new SchedulerConnection() {
            public void start(com.fasterxml.jackson.databind.node.ObjectNode info, Listener listener) {
            }

            public CompletableFuture<Void> send(com.fasterxml.jackson.databind.node.ObjectNode call) {
                return CompletableFuture.completedFuture(null);
            }

            public void close() {
            }
        }, List.of(java.net.URI.create("http://127.0.0.1:1")), MezzoJson.mapper().createObjectNode(), () -> { });
        return running.report(running.await(), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void oneFinishedFrameworkPrintsItsResultAsTheLastLine() throws Exception {
        assertThat(run("finish 42")).isZero();
        assertThat(out.toString().strip()).isEqualTo("42");
    }

    @Test
    void severalFinishedFrameworksPrintAnObjectKeyedByFileName() throws Exception {
        assertThat(run("finish 1", "finish 2")).isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"fw0.js\":1,\"fw1.js\":2}");
    }

    @Test
    void aFailedFrameworkExitsOneNamingItsReason() throws Exception {
        assertThat(run("finish 1", "fail callback 'offers' ran longer than 10s")).isEqualTo(1);
        assertThat(err.toString()).contains("mezzo: framework fw1 failed: callback 'offers' ran longer than 10s");
        assertThat(out.toString()).isEmpty();
    }
}
