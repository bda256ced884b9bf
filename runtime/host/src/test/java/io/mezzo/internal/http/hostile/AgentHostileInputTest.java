package io.mezzo.internal.http.hostile;

import static io.mezzo.internal.http.hostile.HostileCase.nestedArrays;
import static io.mezzo.internal.http.hostile.HostileCase.nestedObjects;
import static io.mezzo.internal.http.hostile.SchedulerHostileInputTest.j;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.protocol.AgentProtocol;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile requests to {@code POST /api/v1/agent} (Mezzo's agent protocol):
 * malformed calls are 400s naming the problem, and an agent may act only on its own stream.
 * {@code {agent}} is the real agent's id; {@code {agent2}} / {@code {agentStream2}} are
 * another, simulated agent's id and stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentHostileInputTest {
    private static final String PATH = AgentProtocol.PATH;

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

    /** A call on the simulated agent's own stream. */
    static HostileCase onStream(String name, String json, int status, String says) {
        return call(name, json, status, says).header(AgentProtocol.STREAM_ID_HEADER, "{agentStream2}");
    }

    static String register(String resources) {
        return "{'type':'REGISTER','agent_info':{'hostname':'h','port':5051,'resources':" + resources
                + ",'attributes':[]},'version':'test'}";
    }

    static String update(String agent, String taskId, String state) {
        return "{'type':'UPDATE','agent_id':'" + agent + "','framework_id':'{fw}','status':{'task_id':'" + taskId
                + "','state':'" + state + "','source':'SOURCE_EXECUTOR','timestamp':1.0,"
                + "'uuid':'0b1f3a5e-7d2c-4f7e-9a1b-2c3d4e5f6a7b'}}";
    }

    static Stream<HostileCase> transport() {
        String heartbeat = "{'type':'HEARTBEAT','agent_id':'{agent2}'}";
        return Stream.of(
                onStream("GET is not allowed", heartbeat, 405, "Expecting a POST").method("GET"),
                onStream("no Content-Type", heartbeat, 400, "Content-Type").header("Content-Type", null),
                onStream("text/plain body", heartbeat, 415, "application/json").header("Content-Type", "text/plain"),
                onStream("protobuf body", heartbeat, 415, "application/json")
                        .header("Content-Type", "application/x-protobuf"),
                call("a call without a stream id", heartbeat, 400, AgentProtocol.STREAM_ID_HEADER),
                onStream("a made-up stream id", heartbeat, 403, "not registered on stream")
                        .header(AgentProtocol.STREAM_ID_HEADER, "made-up"),
                onStream("another agent's HEARTBEAT on my stream", "{'type':'HEARTBEAT','agent_id':'{agent}'}", 403,
                        "not registered on stream"),
                onStream("another agent's UPDATE on my stream", update("{agent}", "t", "TASK_RUNNING"), 403,
                        "not registered on stream"));
    }

    static Stream<HostileCase> malformed() {
        return Stream.of(
                onStream("an empty body", "", 400, "Failed to parse agent call"),
                onStream("not JSON", "{type: HEARTBEAT", 400, "Failed to parse agent call"),
                onStream("a JSON array", "[]", 400, "Failed to parse agent call"),
                onStream("no type", "{'agent_id':'{agent2}'}", 400, "type"),
                onStream("an unknown call type", "{'type':'TAKE_OVER','agent_id':'{agent2}'}", 400, "TAKE_OVER"),
                onStream("type as a number", "{'type':3,'agent_id':'{agent2}'}", 400, "Failed to parse agent call"),
                onStream("100 000 nested arrays", "{'type':'HEARTBEAT','agent_id':'{agent2}','x':"
                        + nestedArrays(100_000) + "}", 400, "nesting depth"),
                onStream("100 000 nested objects", "{'type':'HEARTBEAT','agent_id':'{agent2}','x':"
                        + nestedObjects(100_000) + "}", 400, "nesting depth"),
                onStream("agent_id as an object", "{'type':'HEARTBEAT','agent_id':{'value':'{agent2}'}}", 400,
                        "AgentId"),
                onStream("an agent id going up", "{'type':'HEARTBEAT','agent_id':'../{agent2}'}", 400, "AgentId"),
                onStream("UPDATE with an unknown task state", update("{agent2}", "t", "TASK_EXPLODED"), 400,
                        "TASK_EXPLODED"),
                onStream("UPDATE with a task id going up", update("{agent2}", "../../t", "TASK_RUNNING"), 400,
                        "TaskId"),
                onStream("UPDATE with a task id holding NUL", update("{agent2}", "t\\u0000", "TASK_RUNNING"), 400,
                        "TaskId"),
                onStream("UPDATE without a status", "{'type':'UPDATE','agent_id':'{agent2}','framework_id':'{fw}'}",
                        400, "UPDATE needs"),
                onStream("UPDATE with a uuid that is no uuid", update("{agent2}", "t", "TASK_RUNNING")
                        .replace("0b1f3a5e-7d2c-4f7e-9a1b-2c3d4e5f6a7b", "nope"), 400, "UUID"));
    }

    static Stream<HostileCase> registrations() {
        return Stream.of(
                call("REGISTER without agent_info", "{'type':'REGISTER','version':'x'}", 400, "agent_info"),
                call("REGISTER without attributes", "{'type':'REGISTER','agent_info':{'hostname':'h','port':1,"
                        + "'resources':[]}}", 400, "AgentInfo"),
                call("REGISTER with a port out of range", "{'type':'REGISTER','agent_info':{'hostname':'h',"
                        + "'port':70000,'resources':[],'attributes':[]}}", 400, "port 70000"),
                call("REGISTER with an agent id going up", "{'type':'REGISTER','agent_id':'..','agent_info':"
                        + "{'hostname':'h','port':1,'resources':[],'attributes':[]}}", 400, "AgentId"),
                call("REGISTER with negative cpus", register(cpus("-1")), 400, "negative"),
                call("REGISTER with NaN cpus", register(cpus("'NaN'")), 400, "'cpus' needs a number in 'scalar.value'"),
                call("REGISTER with cpus as text", register(cpus("'four'")), 400, "'cpus' needs a number"),
                call("REGISTER with 1e308 cpus", register(cpus("1e308")), 400, "too large"),
                call("REGISTER with cpus that overflow a double", register(cpus("1e309")), 400, "finite"),
                call("REGISTER with a scalar without a value", register("[{'name':'cpus','type':'SCALAR'}]"), 400,
                        "'cpus' needs a number in 'scalar.value', not nothing"),
                call("REGISTER with set items that are not strings", register("[{'name':'disks','type':'SET',"
                        + "'set':{'item':[{'a':1}]}}]"), 400, "'disks' needs a string in 'set.item'"),
                call("REGISTER with an unknown resource type",
                        register("[{'name':'cpus','type':'MAGIC','scalar':{'value':1}}]"), 400, "MAGIC"),
                call("REGISTER with an empty resource name",
                        register("[{'name':'','type':'SCALAR','scalar':{'value':1}}]"), 400, "resource name"),
                call("REGISTER with a backwards range", register("[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':10,'end':1}]}}]"), 400, "range"),
                call("REGISTER with a range beyond a long", register("[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':0,'end':18446744073709551615}]}}]"), 400,
                        "'ports' needs a range end between 0 and 9223372036854775807, not 18446744073709551615"),
                call("REGISTER with a fractional range bound", register("[{'name':'ports','type':'RANGES',"
                        + "'ranges':{'range':[{'begin':1.5,'end':3}]}}]"), 400, "range begin"),
                call("REGISTER with a reservation for an invalid role", register("[{'name':'cpus','type':'SCALAR',"
                        + "'scalar':{'value':1},'role':'../x'}]"), 400, "role"));
    }

    static String cpus(String value) {
        return "[{'name':'cpus','type':'SCALAR','scalar':{'value':" + value + "}}]";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"transport", "malformed", "registrations"})
    void hostileAgentCallIsRefusedAndChangesNothing(HostileCase c) throws Exception {
        master.assertRefused(c);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws Exception {
        MasterSnapshot before = master.state();
        int errors = master.errorCount();
        byte[] big = new byte[AgentProtocol.MAX_MESSAGE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> chunked = master.sendChunked(PATH, big);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("larger than the limit of " + AgentProtocol.MAX_MESSAGE_BYTES);
        master.assertUnharmed("a body over the limit", before, errors);
    }
}
