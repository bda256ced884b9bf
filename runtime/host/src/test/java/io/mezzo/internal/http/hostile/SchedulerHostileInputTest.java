package io.mezzo.internal.http.hostile;

import static io.mezzo.internal.http.hostile.HostileCase.nestedArrays;
import static io.mezzo.internal.http.hostile.HostileCase.nestedObjects;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.master.MasterSnapshot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile requests to {@code POST /api/v1/scheduler}: each gets Mesos's
 * status code (MESOS-API.md §2.4) and a message naming the problem, and leaves the master
 * as it was. {@code {fw}}, {@code {stream}}, ... are the live ids of the victim framework;
 * {@code {fw2}}, {@code {stream2}} those of another one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerHostileInputTest {
    private static final String PATH = "/api/v1/scheduler";
    private static final int MAX_BODY = 16 * 1024 * 1024;

    HostileMaster master;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        master = new HostileMaster(work);
    }

    @AfterAll
    void stop() throws Exception {
        master.close();
    }

    /** JSON written with single quotes, for legibility. */
    static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A call of the victim framework on its own stream. */
    static HostileCase call(String name, String json, int status, String says) {
        return HostileCase.post(name, PATH, j(json), status, says).header("Mesos-Stream-Id", "{stream}");
    }

    /** An ACCEPT of the victim's offer launching one task whose TaskInfo is {@code task}. */
    static HostileCase launch(String name, String task, int status, String says) {
        return call(name, "{'type':'ACCEPT','framework_id':{'value':'{fw}'},'accept':{'offer_ids':[{'value':'{offer}'}],"
                + "'operations':[{'type':'LAUNCH','launch':{'task_infos':[" + task + "]}}]}}", status, says);
    }

    /** A task asking for these resources (a JSON array body). */
    static String task(String id, String resources) {
        return "{'name':'t','task_id':{'value':'" + id + "'},'agent_id':{'value':'{agent}'},"
                + "'resources':" + resources + ",'command':{'value':'true'}}";
    }

    static String cpus(String value) {
        return "[{'name':'cpus','type':'SCALAR','scalar':{'value':" + value + "}}]";
    }

    static String kill(String taskId) {
        return "{'type':'KILL','framework_id':{'value':'{fw}'},'kill':{'task_id':{'value':'" + taskId + "'}}}";
    }

    static Stream<HostileCase> transport() {
        String revive = "{'type':'REVIVE','framework_id':{'value':'{fw}'}}";
        return Stream.of(
                call("GET is not allowed", revive, 405, "Expecting a POST").method("GET"),
                call("PUT is not allowed", revive, 405, "Expecting a POST").method("PUT"),
                call("no Content-Type", revive, 400, "Content-Type").header("Content-Type", null),
                call("text/plain body", revive, 415, "application/json").header("Content-Type", "text/plain"),
                call("form body", revive, 415, "application/json")
                        .header("Content-Type", "application/x-www-form-urlencoded"),
                HostileCase.post("SUBSCRIBE accepting only HTML", PATH,
                        j("{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n'}}}"), 406, "Accept")
                        .header("Accept", "text/html"),
                HostileCase.post("SUBSCRIBE with a stream id", PATH,
                        j("{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n'}}}"), 400,
                        "should not include the 'Mesos-Stream-Id'").header("Mesos-Stream-Id", "{stream}"),
                call("no stream id", revive, 400, "should include the 'Mesos-Stream-Id'")
                        .header("Mesos-Stream-Id", null),
                call("a made-up stream id", revive, 400, "didn't match").header("Mesos-Stream-Id", "not-a-stream"),
                call("another framework's stream id", revive, 400, "didn't match")
                        .header("Mesos-Stream-Id", "{stream2}"),
                call("another framework's id on my stream", "{'type':'REVIVE','framework_id':{'value':'{fw2}'}}",
                        400, "didn't match"),
                call("TEARDOWN of another framework from my stream",
                        "{'type':'TEARDOWN','framework_id':{'value':'{fw2}'}}", 400, "didn't match"),
                call("an unknown framework id", "{'type':'REVIVE','framework_id':{'value':'nobody'}}", 400,
                        "Framework cannot be found"));
    }

    static Stream<HostileCase> malformed() {
        return Stream.of(
                call("an empty body", "", 400, "Failed to parse body into Call"),
                call("not JSON", "{type: REVIVE", 400, "Failed to parse body into Call"),
                call("truncated JSON", "{'type':'REVIVE','framework_id':{'value':'{fw}'}", 400, "invalid JSON"),
                call("a JSON array", "[]", 400, "expected a JSON object"),
                call("a JSON string", "'REVIVE'", 400, "expected a JSON object"),
                call("two documents", "{'type':'REVIVE'} {}", 400, "end of the input"),
                call("NaN literal", "{'type':'REVIVE','x':NaN}", 400, "invalid JSON"),
                call("invalid UTF-8", "{'type':'REVIVE','x':'\u00ff'}", 400, null),
                call("100 000 nested arrays", nestedArrays(100_000), 400, "expected a JSON object, got an array"),
                call("100 000 nested objects", nestedObjects(100_000), 400, "nested deeper than 64"),
                call("deep nesting in an unknown field", "{'type':'REVIVE','x':" + nestedArrays(100_000) + "}", 400,
                        "nested deeper than 64"),
                call("deep nesting in a repeated field",
                        "{'type':'REVIVE','revive':{'roles':" + nestedArrays(100_000) + "}}", 400,
                        "nested deeper than 64"),
                new HostileCase("garbage protobuf", "POST", PATH,
                        java.util.Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "{stream}"),
                        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02}, 400, "invalid protobuf"),
                new HostileCase("protobuf groups nested 100 000 deep", "POST", PATH,
                        java.util.Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "{stream}"),
                        nestedGroups(100_000), 400, "invalid protobuf"),
                new HostileCase("protobuf of the wrong message", "POST", PATH,
                        java.util.Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "{stream}"),
                        new byte[] {0x0a, 0x03, 'a', 'b', 'c'}, 400, "Failed to parse body into Call"));
    }

    /** Unknown field 1000 opened as a group {@code depth} times: protobuf's own nesting. */
    static byte[] nestedGroups(int depth) {
        byte[] start = {(byte) 0xc3, 0x3e}; // tag (1000 << 3) | 3, varint
        byte[] out = new byte[depth * start.length];
        for (int i = 0; i < depth; i++) {
            System.arraycopy(start, 0, out, i * start.length, start.length);
        }
        return out;
    }

    static Stream<HostileCase> wrongTypes() {
        return Stream.of(
                call("type as a number", "{'type':5,'framework_id':{'value':'{fw}'}}", 400, "expected a Call.Type name"),
                call("an unknown call type", "{'type':'STEAL_OFFERS','framework_id':{'value':'{fw}'}}", 400,
                        "'type'"),
                call("framework_id as a string", "{'type':'REVIVE','framework_id':'{fw}'}", 400,
                        "framework_id: expected an object"),
                call("framework_id.value as a number", "{'type':'REVIVE','framework_id':{'value':7}}", 400,
                        "framework_id.value: expected a string"),
                call("accept as an array", "{'type':'ACCEPT','framework_id':{'value':'{fw}'},'accept':[]}", 400,
                        "accept: expected an object, got an array"),
                call("offer_ids of strings",
                        "{'type':'DECLINE','framework_id':{'value':'{fw}'},'decline':{'offer_ids':['{offer}']}}", 400,
                        "expected an object"),
                call("refuse_seconds as text", "{'type':'DECLINE','framework_id':{'value':'{fw}'},"
                        + "'decline':{'offer_ids':[{'value':'{offer}'}],'filters':{'refuse_seconds':'soon'}}}", 400,
                        "refuse_seconds"),
                call("a call without its sub-message", "{'type':'KILL','framework_id':{'value':'{fw}'}}", 400,
                        "Expecting 'kill' to be present"),
                call("ACKNOWLEDGE with a uuid that is not Base64", "{'type':'ACKNOWLEDGE','framework_id':{'value':'{fw}'},"
                        + "'acknowledge':{'agent_id':{'value':'{agent}'},'task_id':{'value':'t'},'uuid':'%%%'}}", 400,
                        "invalid Base64"),
                call("ACKNOWLEDGE with a 3-byte uuid", "{'type':'ACKNOWLEDGE','framework_id':{'value':'{fw}'},"
                        + "'acknowledge':{'agent_id':{'value':'{agent}'},'task_id':{'value':'t'},'uuid':'AAAA'}}", 400,
                        "must be 16 bytes"),
                call("ACKNOWLEDGE without a uuid", "{'type':'ACKNOWLEDGE','framework_id':{'value':'{fw}'},"
                        + "'acknowledge':{'agent_id':{'value':'{agent}'},'task_id':{'value':'t'}}}", 400, "uuid"),
                call("a negative kill grace period", "{'type':'KILL','framework_id':{'value':'{fw}'},'kill':{"
                        + "'task_id':{'value':'t'},'kill_policy':{'grace_period':{'nanoseconds':-1}}}}", 400,
                        "grace_period must not be negative"),
                call("an int64 out of range", "{'type':'KILL','framework_id':{'value':'{fw}'},'kill':{"
                        + "'task_id':{'value':'t'},'kill_policy':{'grace_period':{'nanoseconds':1e30}}}}", 400,
                        "nanoseconds"),
                call("an unknown offer operation type", "{'type':'ACCEPT','framework_id':{'value':'{fw}'},"
                        + "'accept':{'offer_ids':[{'value':'{offer}'}],'operations':[{'type':'STEAL'}]}}", 400,
                        "Expecting 'accept.operations[0].type' to be present"),
                call("an offer operation without a type", "{'type':'ACCEPT','framework_id':{'value':'{fw}'},"
                        + "'accept':{'offer_ids':[{'value':'{offer}'}],'operations':[{'launch':{}}]}}", 400,
                        "Expecting 'accept.operations[0].type' to be present"));
    }

    static Stream<HostileCase> ids() {
        List<HostileCase> cases = new ArrayList<>();
        String[][] bad = {
            {"a slash", "a/b"}, {"dot-dot", ".."}, {"dot", "."}, {"a path up", "../../etc"},
            {"a backslash", "..\\\\x"}, {"NUL", "a\\u0000b"}, {"a newline", "a\\nb"}, {"an escape", "a\\u001bb"},
            {"empty", ""}, {"256 characters", "x".repeat(256)},
        };
        for (String[] b : bad) {
            String says = b[1].isEmpty() ? "must not be empty" : b[1].length() > 255 ? "longer than 255" : "TaskId";
            cases.add(call("KILL of a task id with " + b[0], kill(b[1]), 400, says));
            cases.add(launch("LAUNCH of a task id with " + b[0], task(b[1], cpus("0.1")), 400, says));
        }
        cases.add(call("a framework id with a slash", "{'type':'REVIVE','framework_id':{'value':'../{fw}'}}", 400,
                "FrameworkId"));
        cases.add(call("a framework id with NUL", "{'type':'REVIVE','framework_id':{'value':'{fw}\\u0000'}}", 400,
                "FrameworkId"));
        cases.add(launch("an agent id going up", "{'name':'t','task_id':{'value':'t'},'agent_id':{'value':'..'},"
                + "'resources':" + cpus("0.1") + ",'command':{'value':'true'}}", 400, "AgentId"));
        cases.add(call("SHUTDOWN of an executor id going up", "{'type':'SHUTDOWN','framework_id':{'value':'{fw}'},"
                + "'shutdown':{'executor_id':{'value':'../x'},'agent_id':{'value':'{agent}'}}}", 400, "ExecutorId"));
        cases.add(call("SUBSCRIBE with a framework id going up", "{'type':'SUBSCRIBE','framework_id':{'value':'..'},"
                + "'subscribe':{'framework_info':{'user':'u','name':'n','id':{'value':'..'}}}}", 400, "FrameworkId")
                .header("Mesos-Stream-Id", null));
        cases.add(call("RECONCILE of a task id going up", "{'type':'RECONCILE','framework_id':{'value':'{fw}'},"
                + "'reconcile':{'tasks':[{'task_id':{'value':'../x'}}]}}", 400, "TaskId"));
        return cases.stream();
    }

    static Stream<HostileCase> resources() {
        return Stream.of(
                launch("negative cpus", task("t", cpus("-1")), 400, "invalid scalar value -1"),
                launch("NaN cpus", task("t", cpus("'NaN'")), 400, "NaN"),
                launch("infinite cpus", task("t", cpus("'Infinity'")), 400, "Infinity"),
                launch("cpus that overflow a double", task("t", cpus("1e309")), 400, "Infinity"),
                launch("1e308 cpus", task("t", cpus("1e308")), 400, "too large"),
                launch("cpus as text", task("t", cpus("'two'")), 400, "scalar.value"),
                launch("a resource without a name", task("t",
                        "[{'type':'SCALAR','scalar':{'value':1}}]"), 400, "name"),
                launch("a resource with an empty name", task("t",
                        "[{'name':'','type':'SCALAR','scalar':{'value':1}}]"), 400, "name"),
                launch("a scalar without a value", task("t", "[{'name':'cpus','type':'SCALAR'}]"), 400,
                        "resource 'cpus' of type SCALAR has no 'scalar'"),
                launch("ranges without a value", task("t", "[{'name':'ports','type':'RANGES'}]"), 400,
                        "resource 'ports' of type RANGES has no 'ranges'"),
                launch("a range that runs backwards", task("t", "[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':32000,'end':31000}]}}]"), 400, "31000"),
                launch("a negative range", task("t", "[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':-5,'end':10}]}}]"), 400, "-5"),
                launch("the largest possible range", task("t", "[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':0,'end':18446744073709551615}]}}]"), 400,
                        "resource 'ports' has invalid range [0-18446744073709551615]"),
                launch("an unknown resource type", task("t", "[{'name':'cpus','type':'MAGIC',"
                        + "'scalar':{'value':1}}]"), 400, "type"),
                launch("a reservation for an invalid role", task("t", "[{'name':'cpus','type':'SCALAR',"
                        + "'scalar':{'value':0.1},'role':'../x'}]"), 400, "role"));
    }

    static Stream<HostileCase> frameworkInfos() {
        String subscribe = "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n',"
                + "'failover_timeout':%s}}}";
        return Stream.of(
                call("a negative failover timeout", subscribe.formatted("-1"), 400, "failover_timeout"),
                call("a NaN failover timeout", subscribe.formatted("'NaN'"), 400, "failover_timeout"),
                call("an infinite failover timeout", subscribe.formatted("'Infinity'"), 400, "failover_timeout"),
                call("a failover timeout of 1e308 seconds", subscribe.formatted("1e308"), 400, "failover_timeout"),
                call("a framework info without user", "{'type':'SUBSCRIBE','subscribe':{'framework_info':"
                        + "{'name':'n'}}}", 400, "user"),
                call("framework ids that differ", "{'type':'SUBSCRIBE','framework_id':{'value':'a'},"
                        + "'subscribe':{'framework_info':{'user':'u','name':'n','id':{'value':'b'}}}}", 400,
                        "'framework_id' differs"))
                .map(c -> c.header("Mesos-Stream-Id", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"transport", "malformed", "wrongTypes", "ids", "resources", "frameworkInfos"})
    void hostileCallIsRefusedAndChangesNothing(HostileCase c) throws Exception {
        master.assertRefused(c);
    }

    /** Roles breaking Mesos's rules ({@code roles::validate}), as {@code role} and as MULTI_ROLE {@code roles}. */
    static Stream<String> badRoles() {
        return Stream.of(".", "..", "-a", "a/-b", "/a", "a/", "a//b", "a b", " a", "a\\tb", "a\\\\b", "a/./b",
                "a/../b", "a/*", "", "x".repeat(256), "a\\u0000b");
    }

    @ParameterizedTest(name = "role \"{0}\"")
    @MethodSource("badRoles")
    void subscribingWithAnInvalidRoleIsAnErrorEventAndRegistersNothing(String role) throws Exception {
        assertSubscribeRefused("{'user':'u','name':'n','role':'" + role + "'}", "role");
        assertSubscribeRefused("{'user':'u','name':'n','roles':['ok','" + role + "'],"
                + "'capabilities':[{'type':'MULTI_ROLE'}]}", "role");
    }

    @Test
    void subscribingWithMisusedRoleFieldsIsAnErrorEvent() throws Exception {
        assertSubscribeRefused("{'user':'u','name':'n','role':'a','roles':['a'],'capabilities':[{'type':'MULTI_ROLE'}]}",
                "must not be set when the framework is MULTI_ROLE");
        assertSubscribeRefused("{'user':'u','name':'n','roles':['a']}", "MULTI_ROLE capability");
        assertSubscribeRefused("{'user':'u','name':'n','roles':['a','a'],'capabilities':[{'type':'MULTI_ROLE'}]}",
                "more than once");
    }

    /** SUBSCRIBE answers 200, then one ERROR event naming the problem, then closes (§2.4 step 7). */
    private void assertSubscribeRefused(String frameworkInfo, String says) throws Exception {
        MasterSnapshot before = master.state();
        int errors = master.errorCount();
        HttpResponse<String> r = master.send(HostileCase.post("subscribe", PATH,
                j("{'type':'SUBSCRIBE','subscribe':{'framework_info':" + frameworkInfo + "}}"), 200, null));
        assertThat(r.statusCode()).as(frameworkInfo).isEqualTo(200);
        String body = r.body();
        assertThat(body).as(frameworkInfo).contains("\"type\":\"ERROR\"").contains(says);
        assertThat(body).as("nothing but the ERROR event").doesNotContain("SUBSCRIBED");
        master.assertUnharmed(frameworkInfo, before, errors);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws Exception {
        MasterSnapshot before = master.state();
        int errors = master.errorCount();
        byte[] big = new byte[MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> declared = master.send(new HostileCase("declared", "POST", PATH,
                java.util.Map.of("Content-Type", "application/json"), big, 413, null));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("larger than the limit of " + MAX_BODY);
        HttpResponse<String> chunked = master.sendChunked(PATH, big);
        assertThat(chunked.statusCode()).isEqualTo(413);
        master.assertUnharmed("bodies over the limit", before, errors);
    }
}
