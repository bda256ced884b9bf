package io.mezzo.internal.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mezzo.api.HdfsUri;
import io.mezzo.internal.hdfs.EmbeddedHdfs;
import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx.hdfs} in a framework script, against a real single-node HDFS. */
class HdfsScriptTest {
    @TempDir
    static Path storage;
    static EmbeddedHdfs hdfs;
    static HdfsClient client;

    final RecordingConnection connection = new RecordingConnection();

    @BeforeAll
    static void startHdfs() throws Exception {
        hdfs = EmbeddedHdfs.start(storage.resolve("hdfs"));
        client = HdfsServices.connect(new HdfsSettings(Optional.empty(), Optional.of(hdfs.uri()),
                Duration.ofSeconds(20)), Optional.empty());
    }

    @AfterAll
    static void stopHdfs() {
        if (client != null) {
            client.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** Runs {@code body} as the script's subscribed callback; the framework's result is what it returns. */
    JsonNode subscribedResult(HdfsBridge bridge, String body) throws Exception {
        Path script = storage.resolve("fw-" + System.nanoTime() + ".js");
        Files.writeString(script, "module.exports = { name: 'h', offers() {}, subscribed(ctx) {\n"
                + "  const run = () => {\n" + body + "\n  };\n"
                + "  ctx.finish(run());\n} };\n");
        JsScriptHost host = new JsScriptHost(TestEngine.SHARED, new FakeTime(), Duration.ofSeconds(30), "alice", bridge);
        RunningFramework fw = host.start(ScriptSource.of(script), JsonNodeFactory.instance.objectNode(), connection);
        connection.subscribed("fw-1");
        FrameworkOutcome outcome = fw.outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome.kind()).as("outcome %s", outcome.reason()).isEqualTo(FrameworkOutcome.Kind.FINISHED);
        return outcome.result();
    }

    @Test
    void everyHelperWorksOnHdfsAndItsWritesAreRealFiles() throws Exception {
        JsonNode r = subscribedResult(HdfsBridge.of(client, Optional.of(hdfs.uri())), """
                const dir = ctx.hdfs.uri + '/t/every';
                const made = ctx.hdfs.mkdirs(dir);
                const wrote = ctx.hdfs.write(dir + '/a.txt', 'héllo\\nworld');
                ctx.hdfs.write('/t/every/b.txt', 'bb');                 // absolute: the default file system
                const listed = ctx.hdfs.list(dir).map((e) => [e.path.slice(ctx.hdfs.uri.length), e.directory,
                    e.length, typeof e.modified]);
                const text = ctx.hdfs.read('hdfs:///t/every/a.txt');
                ctx.hdfs.write(dir + '/b.txt', 'replaced', true);
                const replaced = ctx.hdfs.read(dir + '/b.txt');
                const deleted = [ctx.hdfs.delete(dir + '/b.txt'), ctx.hdfs.delete(dir + '/gone.txt')];
                return { uri: ctx.hdfs.uri, made, wrote, listed, text, replaced, deleted,
                         exists: [ctx.hdfs.exists(dir + '/a.txt'), ctx.hdfs.exists(dir + '/b.txt')] };
                """);

        String fs = hdfs.uri().toString();
        assertThat(r.get("uri").asText()).isEqualTo(fs).startsWith("hdfs://127.0.0.1:");
        assertThat(r.get("made").asText()).isEqualTo(fs + "/t/every");
        assertThat(r.get("wrote").asText()).isEqualTo(fs + "/t/every/a.txt");
        // a.txt is 12 bytes: 'é' takes two in UTF-8
        assertThat(r.get("listed")).isEqualTo(RecordingConnection.parse(
                "[['/t/every/a.txt',false,12,'number'],['/t/every/b.txt',false,2,'number']]"));
        assertThat(r.get("text").asText()).isEqualTo("héllo\nworld");
        assertThat(r.get("replaced").asText()).isEqualTo("replaced");
        assertThat(r.get("deleted")).isEqualTo(RecordingConnection.parse("[true,false]"));
        assertThat(r.get("exists")).isEqualTo(RecordingConnection.parse("[true,false]"));
        try (InputStream in = client.read(HdfsUri.parse(fs + "/t/every/a.txt"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("héllo\nworld");
        }
    }

    @Test
    void failuresAreCatchableErrorsWithTheHdfsMessageAndKind() throws Exception {
        JsonNode r = subscribedResult(HdfsBridge.of(client, Optional.of(hdfs.uri())), """
                const caught = (f) => { try { f(); return 'no error'; } catch (e) {
                  return { type: e.constructor.name, message: e.message, kind: e.kind === undefined ? null : e.kind }; } };
                ctx.hdfs.write('/t/errors/x.txt', 'x', true);
                return {
                  missing: caught(() => ctx.hdfs.read('/t/errors/missing.txt')),
                  exists: caught(() => ctx.hdfs.write('/t/errors/x.txt', 'again')),
                  notEmpty: caught(() => ctx.hdfs.delete('/t/errors')),
                  local: caught(() => ctx.hdfs.read('x.txt')),
                  fileUri: caught(() => ctx.hdfs.read('file:///etc/passwd')),
                  dotDot: caught(() => ctx.hdfs.list('/t/../etc')),
                  notAString: caught(() => ctx.hdfs.list(42)),
                };
                """);

        assertThat(r.at("/missing/type").asText()).isEqualTo("Error");
        assertThat(r.at("/missing/kind").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.at("/missing/message").asText()).contains(hdfs.uri() + "/t/errors/missing.txt", "(NOT_FOUND)");
        assertThat(r.at("/exists/kind").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(r.at("/notEmpty/kind").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(r.at("/local/type").asText()).isEqualTo("TypeError");
        assertThat(r.at("/local/message").asText()).contains("'x.txt' is not an HDFS location");
        assertThat(r.at("/fileUri/type").asText()).isEqualTo("TypeError");
        assertThat(r.at("/dotDot/type").asText()).isEqualTo("TypeError");
        assertThat(r.at("/dotDot/message").asText()).contains("'..'");
        assertThat(r.at("/notAString/message").asText()).isEqualTo("hdfs.list: the path must be a string");
        assertThat(client.exists(HdfsUri.parse(hdfs.uri() + "/t/errors/x.txt"))).isTrue();
    }

    @Test
    void readRefusesAFileLargerThanSixteenMebibytes() throws Exception {
        long size = HdfsBridge.MAX_READ_BYTES + 1L;
        client.write(HdfsUri.parse(hdfs.uri() + "/t/big.bin"), new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        }, true);

        JsonNode r = subscribedResult(HdfsBridge.of(client, Optional.of(hdfs.uri())), """
                try { return ctx.hdfs.read('/t/big.bin').length; } catch (e) { return e.message; }
                """);

        assertThat(r.asText()).isEqualTo("hdfs.read: " + hdfs.uri() + "/t/big.bin is larger than 16 MiB,"
                + " the most read returns");
    }

    @Test
    void withoutHdfsTheUriIsNullAndCallsSayHdfsIsNotConfigured() throws Exception {
        JsonNode r = subscribedResult(HdfsBridge.none(), """
                let message;
                try { ctx.hdfs.exists('/x'); } catch (e) { message = e.message; }
                return { uri: ctx.hdfs.uri, message, frozen: Object.isFrozen(ctx.hdfs) };
                """);

        assertThat(r.get("uri").isNull()).isTrue();
        assertThat(r.get("message").asText()).startsWith("hdfs.exists: HDFS is not configured");
        assertThat(r.get("frozen").asBoolean()).isTrue();
    }

    @Test
    void theBridgeIsAllAScriptReachesNoJavaBehindIt() throws Exception {
        JsonNode r = subscribedResult(HdfsBridge.of(client, Optional.of(hdfs.uri())), """
                const h = ctx.hdfs;
                return { keys: Object.keys(h).sort(), getClass: typeof h.list.getClass,
                         bridge: Object.getOwnPropertyNames(h).filter((k) => k.startsWith('bridge')) };
                """);

        assertThat(r.get("keys")).isEqualTo(RecordingConnection.parse(
                "['delete','exists','list','mkdirs','read','uri','write']"));
        assertThat(r.get("getClass").asText()).isEqualTo("undefined");
        assertThat(r.get("bridge")).isEmpty();
    }
}
