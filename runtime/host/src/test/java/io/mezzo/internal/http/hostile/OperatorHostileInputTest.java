package io.mezzo.internal.http.hostile;

import static io.mezzo.internal.http.hostile.HostileCase.nestedObjects;
import static io.mezzo.internal.http.hostile.SchedulerHostileInputTest.j;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.master.MasterSnapshot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile requests to the operator API ({@code POST /api/v1}) and the
 * read-only endpoints ({@code /state}, {@code /metrics/snapshot}, {@code /health},
 * {@code /redirect}): 4xx naming the problem, nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorHostileInputTest {
    private static final String PATH = "/api/v1";

    HostileMaster master;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        master = new HostileMaster(work);
    }

    @AfterAll
    void stop() throws Exception {
        master.close();
    }

    static HostileCase call(String name, String json, int status, String says) {
        return HostileCase.post(name, PATH, j(json), status, says);
    }

    static String weights(String role, String weight) {
        return "{'type':'UPDATE_WEIGHTS','update_weights':{'weight_infos':[{'role':'" + role + "','weight':" + weight
                + "}]}}";
    }

    static String quota(String role, String cpus) {
        return "{'type':'UPDATE_QUOTA','update_quota':{'quota_configs':[{'role':'" + role + "',"
                + "'guarantees':{'cpus':{'value':" + cpus + "}}}]}}";
    }

    static Stream<HostileCase> operator() {
        String health = "{'type':'GET_HEALTH'}";
        return Stream.of(
                call("GET is not allowed", health, 405, "Expecting a POST").method("GET"),
                call("DELETE is not allowed", health, 405, "Expecting a POST").method("DELETE"),
                call("no Content-Type", health, 400, "Content-Type").header("Content-Type", null),
                call("text/plain body", health, 415, "application/json").header("Content-Type", "text/plain"),
                call("accepting only HTML", health, 406, "Accept").header("Accept", "text/html"),
                call("not JSON", "{type", 400, "Failed to parse body into Call"),
                call("a JSON array", "[]", 400, "expected a JSON object"),
                call("100 000 nested objects", "{'type':'GET_HEALTH','x':" + nestedObjects(100_000) + "}", 400,
                        "nested deeper than 64"),
                new HostileCase("garbage protobuf", "POST", PATH, Map.of("Content-Type", "application/x-protobuf"),
                        new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}, 400, "invalid protobuf"),
                call("no type", "{}", 400, "Expecting 'type' to be present"),
                call("an unknown call type", "{'type':'FORMAT_DISKS'}", 400, "Expecting 'type' to be present"),
                call("type as an object", "{'type':{}}", 400, "expected a Call.Type name"),
                call("UPDATE_WEIGHTS for the role '..'", weights("..", "2"), 400, "'..'"),
                call("UPDATE_WEIGHTS for a role with a space", weights("a b", "2"), 400, "'a b'"),
                call("a negative weight", weights("a", "-1"), 400, "weight"),
                call("a zero weight", weights("a", "0"), 400, "weight"),
                call("a NaN weight", weights("a", "'NaN'"), 400, "weight"),
                call("an infinite weight", weights("a", "'Infinity'"), 400, "weight"),
                call("a weight as text", weights("a", "'heavy'"), 400, "weight"),
                call("UPDATE_WEIGHTS without its message", "{'type':'UPDATE_WEIGHTS'}", 400, "update_weights"),
                call("a quota for an invalid role", quota("-x", "1"), 400, "'-x'"),
                call("a negative quota", quota("a", "-1"), 400, "invalid"),
                call("a NaN quota", quota("a", "'NaN'"), 400, "invalid"),
                call("a quota of 1e308 cpus", quota("a", "1e308"), 400, "too large"),
                call("TEARDOWN of a framework id going up",
                        "{'type':'TEARDOWN','teardown':{'framework_id':{'value':'../{fw}'}}}", 400, "FrameworkId"),
                call("TEARDOWN of a framework id with NUL",
                        "{'type':'TEARDOWN','teardown':{'framework_id':{'value':'a\\u0000'}}}", 400, "FrameworkId"),
                call("TEARDOWN of 300 characters",
                        "{'type':'TEARDOWN','teardown':{'framework_id':{'value':'" + "f".repeat(300) + "'}}}", 400,
                        "FrameworkId"),
                call("TEARDOWN without an id", "{'type':'TEARDOWN','teardown':{}}", 400, "framework_id"));
    }

    static Stream<HostileCase> readEndpoints() {
        return Stream.of("/state", "/master/state", "/state.json", "/metrics/snapshot", "/health", "/redirect")
                .flatMap(path -> Stream.of(
                        new HostileCase("POST " + path, "POST", path, Map.of("Content-Type", "application/json"),
                                HostileCase.bytes("{}"), 405, "Expecting a GET"),
                        new HostileCase("DELETE " + path, "DELETE", path, Map.of(), null, 405, "Expecting a GET")));
    }

    static Stream<HostileCase> paths() {
        return Stream.of(
                new HostileCase("a path going up", "GET", "/state/../../etc/passwd", Map.of(), null, 404, "No endpoint"),
                new HostileCase("an encoded path going up", "GET", "/%2e%2e/%2e%2e/etc/passwd", Map.of(), null, 404,
                        "No endpoint"),
                new HostileCase("an unknown endpoint", "GET", "/master/flags/../../state", Map.of(), null, 404,
                        "No endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"operator", "readEndpoints", "paths"})
    void hostileRequestIsRefusedAndChangesNothing(HostileCase c) throws Exception {
        master.assertRefused(c);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws Exception {
        MasterSnapshot before = master.state();
        int errors = master.errorCount();
        byte[] big = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> chunked = master.sendChunked(PATH, big);
        assertThat(chunked.statusCode()).isEqualTo(413);
        master.assertUnharmed("a body over the limit", before, errors);
    }
}
