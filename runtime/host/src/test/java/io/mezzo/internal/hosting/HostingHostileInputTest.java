package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile submissions to {@code /mezzo/frameworks} and
 * {@code /mezzo/frameworks/stop}: a 4xx naming the problem, no script started, nothing hosted.
 * (Beside {@link HostingMaster}, which is package-private; the other endpoints' catalogue is
 * in {@code io.mezzo.internal.http.hostile}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostingHostileInputTest {
    private HostingMaster master;

    @BeforeAll
    void start() {
        master = new HostingMaster();
    }

    @AfterAll
    void stop() {
        master.close();
    }

    static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String submit(String script, String files) {
        return j("{'script':'" + script + "','source':'x','files':" + files + "}");
    }

    static Stream<Arguments> submissions() {
        return Stream.of(
                Arguments.of("not JSON", "{script", 400, "Failed to parse body as JSON"),
                Arguments.of("a JSON array", "[]", 400, "Expecting a JSON object"),
                Arguments.of("100 000 nested arrays", "{\"params\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                        400, "nesting depth"),
                Arguments.of("a script name going up", submit("../evil.js", "{}"), 400, "'script' must be a file name"),
                Arguments.of("an absolute script name", submit("/etc/evil.js", "{}"), 400, "'script' must be a file name"),
                Arguments.of("a script name with a backslash", submit("..\\\\evil.js", "{}"), 400,
                        "'script' must be a file name"),
                Arguments.of("a script name that is not .js", submit("evil.sh", "{}"), 400, "ending in .js"),
                Arguments.of("a script as a number", j("{'script':5,'source':'x'}"), 400, "'script'"),
                Arguments.of("no source", j("{'script':'a.js'}"), 400, "'source'"),
                Arguments.of("a file going up", submit("a.js", j("{'../x.js':'y'}")), 400, "'../x.js'"),
                Arguments.of("a file going up inside", submit("a.js", j("{'tasks/../../x.js':'y'}")), 400,
                        "'tasks/../../x.js'"),
                Arguments.of("an absolute file", submit("a.js", j("{'/etc/passwd':'y'}")), 400, "'/etc/passwd'"),
                Arguments.of("a file with a backslash", submit("a.js", j("{'..\\\\\\\\x.js':'y'}")), 400, "must be relative"),
                Arguments.of("a file with NUL", submit("a.js", j("{'a\\\\u0000.js':'y'}")), 400, "must be relative"),
                Arguments.of("an empty file name", submit("a.js", j("{'':'y'}")), 400, "must be relative"),
                Arguments.of("files as an array", submit("a.js", "[]"), 400, "'files' must be an object"),
                Arguments.of("a file that is not text", submit("a.js", j("{'t.js':{}}")), 400, "must be a string"),
                Arguments.of("params as a string", j("{'script':'a.js','source':'x','params':'p'}"), 400,
                        "'params' must be an object"),
                Arguments.of("a nested param", j("{'script':'a.js','source':'x','params':{'p':{}}}"), 400,
                        "params['p'] must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void hostileSubmissionIsRefusedAndHostsNothing(String name, String body, int status, String says)
            throws Exception {
        HttpResponse<String> r = master.post(HostingEndpointPath.FRAMEWORKS, body);
        assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(status);
        assertThat(r.body()).as(name).contains(says);
        assertThat(master.host.started).as(name + ": no script started").isEmpty();
        assertThat(master.hosted.list()).as(name + ": nothing hosted").isEmpty();
        assertThat(master.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void stopWithBadIdsIsAClearRefusal() throws Exception {
        assertThat(master.post(HostingEndpointPath.STOP, "{\"id\":{}}").statusCode()).isEqualTo(400);
        assertThat(master.post(HostingEndpointPath.STOP, "[1]").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = master.post(HostingEndpointPath.STOP, "{\"framework_id\":\"../x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("'../x'");
    }

    @Test
    void submissionOverTheLimitIsRefusedWith413() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(master.url + HostingEndpointPath.FRAMEWORKS)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(master.hosted.list()).isEmpty();
    }

    /** The endpoint's paths (its constants are package-private in io.mezzo.internal.http). */
    private static final class HostingEndpointPath {
        static final String FRAMEWORKS = "/mezzo/frameworks";
        static final String STOP = "/mezzo/frameworks/stop";
    }
}
