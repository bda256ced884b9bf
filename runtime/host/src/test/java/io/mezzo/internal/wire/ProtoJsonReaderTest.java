package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mesos's input rules (stout protobuf.hpp), MESOS-API.md §2.5. Single quotes stand for double quotes. */
class ProtoJsonReaderTest {

    @Test
    void camelCaseAndUnknownKeysAreIgnored() {
        Msg info = read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','failoverTimeout':5,'webuiUrl':'x',"
                + "'extra':{'deep':[1,{'b':[true,null]}]},'Checkpoint':true}");
        assertThat(info.has("failover_timeout")).isFalse();
        assertThat(info.has("webui_url")).isFalse();
        assertThat(info.has("checkpoint")).isFalse();
        assertThat(info.string("user")).isEqualTo("u");
    }

    @Test
    void nullMeansUnsetEverywhere() {
        Msg info = read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','id':null,'roles':null,"
                + "'hostname':null,'failover_timeout':null,'capabilities':[null,{'type':'MULTI_ROLE'},null]}");
        assertThat(info.has("id")).isFalse();
        assertThat(info.has("hostname")).isFalse();
        assertThat(info.has("roles")).isFalse();
        assertThat(info.has("failover_timeout")).isFalse();
        assertThat(info.messages("capabilities")).extracting(c -> c.enumName("type")).containsExactly("MULTI_ROLE");
    }

    @Test
    void numbersMayBeWrittenAsStrings() {
        Msg info = read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','failover_timeout':'604800.5'}");
        assertThat(info.doubleValue("failover_timeout")).isEqualTo(604800.5);
        Msg range = read(MesosSchema.VALUE_RANGE, "{'begin':'31000','end':' 1e3 '}");
        assertThat(range.longValue("begin")).isEqualTo(31000);
        assertThat(range.longValue("end")).isEqualTo(1000);
        Msg time = read(MesosSchema.TIME_INFO, "{'nanoseconds':'-1724422800123456789'}");
        assertThat(time.longValue("nanoseconds")).isEqualTo(-1724422800123456789L);
    }

    @Test
    void integralValuesWrittenWithAFractionOrExponentAreIntegers() {
        assertThat(read(MesosSchema.VALUE_RANGE, "{'begin':31000.0,'end':3.2e4}").longValue("end")).isEqualTo(32000);
    }

    @Test
    void doublesAcceptInfinityAndNanStrings() {
        assertThat(read(MesosSchema.VALUE_SCALAR, "{'value':'Infinity'}").doubleValue("value"))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(read(MesosSchema.VALUE_SCALAR, "{'value':'-Infinity'}").doubleValue("value"))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(read(MesosSchema.VALUE_SCALAR, "{'value':'NaN'}").doubleValue("value")).isNaN();
    }

    @Test
    void boolsAcceptTrueAndFalseStrings() {
        assertThat(read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','checkpoint':'true'}").bool("checkpoint"))
                .isTrue();
        Msg command = read(MesosSchema.COMMAND_INFO, "{'shell':'false'}");
        assertThat(command.has("shell")).isTrue();
        assertThat(command.bool("shell")).isFalse();
    }

    @Test
    void unknownNamesForOptionalAndRepeatedEnumsAreDropped() {
        Msg status = read(MesosSchema.TASK_STATUS, "{'task_id':{'value':'t'},'state':'TASK_RUNNING',"
                + "'source':'SOURCE_SOMEWHERE_NEW','reason':'REASON_COMMAND_EXECUTOR_FAILED'}");
        assertThat(status.has("source")).isFalse();
        assertThat(status.enumName("reason")).isEqualTo("REASON_COMMAND_EXECUTOR_FAILED");

        DynamicMessage caps = ProtoJson.parse(
                MesosSchema.fieldType(MesosSchema.fieldType(MesosSchema.CONTAINER_INFO, "linux_info"), "capability_info"),
                json("{'capabilities':['CHOWN','NOT_A_CAPABILITY','KILL']}"));
        assertThat(Msg.of(caps).enumNames("capabilities")).containsExactly("CHOWN", "KILL");
    }

    @Test
    void mapFieldsReadFromObjectsAndFromEntryArrays() {
        String task = "{'name':'t','task_id':{'value':'t'},'agent_id':{'value':'a'},";
        Msg fromObject = read(MesosSchema.TASK_INFO, task + "'limits':{'cpus':{'value':2},'mem':{'value':'64'}}}");
        assertThat(fromObject.messageMap("limits")).containsOnlyKeys("cpus", "mem");
        assertThat(fromObject.messageMap("limits").get("mem").doubleValue("value")).isEqualTo(64.0);

        Msg fromEntries = read(MesosSchema.TASK_INFO, task + "'limits':[{'key':'cpus','value':{'value':2}}]}");
        assertThat(fromEntries.messageMap("limits").get("cpus").doubleValue("value")).isEqualTo(2.0);
    }

    @Test
    void aLoneValueStandsForAOneElementArray() {
        Msg info = read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','roles':'analytics'}");
        assertThat(info.strings("roles")).containsExactly("analytics");
    }

    @Test
    void aRepeatedKeyKeepsTheLastValue() {
        Msg info = read(MesosSchema.FRAMEWORK_INFO, "{'user':'a','name':'n','user':'b','roles':['x'],'roles':['y','z']}");
        assertThat(info.string("user")).isEqualTo("b");
        assertThat(info.strings("roles")).containsExactly("y", "z");
        Msg task = read(MesosSchema.TASK_INFO, "{'name':'t','task_id':{'value':'t'},'agent_id':{'value':'a'},"
                + "'limits':{'cpus':{'value':1}},'limits':{'mem':{'value':2}}}");
        assertThat(task.messageMap("limits")).containsOnlyKeys("mem");
    }

    @Test
    void wrongTypeNamesThePathAndTheValue() {
        assertError(MesosSchema.SCHEDULER_CALL,
                "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'user':'u','name':'n','failover_timeout':'abc'}}}",
                "subscribe.framework_info.failover_timeout: expected a number, got \"abc\"");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{'user':1,'name':'n'}", "user: expected a string, got 1"),
                Arguments.of("{'user':'u','name':'n','id':'x'}", "id: expected an object, got \"x\""),
                Arguments.of("{'user':'u','name':'n','hostname':['h']}", "hostname: expected a string, got an array"),
                Arguments.of("{'user':'u','name':'n','checkpoint':1}", "checkpoint: expected a boolean, got 1"),
                Arguments.of("{'user':'u','name':'n','checkpoint':'yes'}", "checkpoint: expected a boolean, got \"yes\""),
                Arguments.of("{'user':'u','name':'n','roles':['a',1]}", "roles[1]: expected a string, got 1"),
                Arguments.of("{'user':'u','name':'n','capabilities':[{'type':3}]}",
                        "capabilities[0].type: expected a FrameworkInfo.Capability.Type name, got 3"),
                Arguments.of("{'user':'u','name':'n','failover_timeout':{}}",
                        "failover_timeout: expected a number, got an object"),
                Arguments.of("{'user':'u','name':'n','failover_timeout':'1.2.3'}",
                        "failover_timeout: expected a number, got \"1.2.3\""),
                Arguments.of("{'user':'u','name':'n','offer_filters':{'*':3}}", "offer_filters[*]: expected an object, got 3"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongTypes")
    void wrongTypesAreErrors(String json, String message) {
        assertError(MesosSchema.FRAMEWORK_INFO, json, message);
    }

    @Test
    void badBase64IsAnError() {
        assertThatThrownBy(() -> ProtoJson.parse(MesosSchema.SCHEDULER_CALL,
                        WireExamples.ACKNOWLEDGE_CALL.replace("jB0uP0pbTG2Of5AaKzxNXg==", "not*base64")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("acknowledge.uuid: invalid Base64");
    }

    @Test
    void unknownNameForARequiredEnumIsAnError() {
        assertError(MesosSchema.SCHEDULER_EVENT,
                "{'type':'UPDATE','update':{'status':{'task_id':{'value':'t'},'state':'TASK_DANCING'}}}",
                "update.status.state: unknown TaskState value \"TASK_DANCING\"");
    }

    @Test
    void missingRequiredFieldsAreListedByPath() {
        assertError(MesosSchema.SCHEDULER_CALL,
                "{'type':'SUBSCRIBE','subscribe':{'framework_info':{'name':'n'}}}",
                "missing required fields: subscribe.framework_info.user");
        assertError(MesosSchema.SCHEDULER_CALL,
                "{'type':'ACCEPT','accept':{'operations':[{'type':'LAUNCH','launch':{'task_infos':"
                        + "[{'name':'t','task_id':{'value':'t'},'agent_id':{},'resources':[{'name':'cpus'}]}]}}]}}",
                "missing required fields: accept.operations[0].launch.task_infos[0].agent_id.value, "
                        + "accept.operations[0].launch.task_infos[0].resources[0].type");
    }

    @Test
    void int32OverflowIsAnError() {
        assertError(MesosSchema.ADDRESS, "{'port':2147483648}", "port: 2147483648 is out of range for int32");
        assertError(MesosSchema.ADDRESS, "{'port':'-2147483649'}", "port: -2147483649 is out of range for int32");
    }

    @Test
    void negativeOrTooLargeUnsignedIsAnError() {
        assertError(MesosSchema.CONTAINER_STATUS, "{'executor_pid':-1}", "executor_pid: -1 is out of range for uint32");
        assertError(MesosSchema.CONTAINER_STATUS, "{'executor_pid':4294967296}",
                "executor_pid: 4294967296 is out of range for uint32");
        assertError(MesosSchema.VALUE_RANGE, "{'begin':18446744073709551616,'end':1}",
                "begin: 18446744073709551616 is out of range for uint64");
        assertError(MesosSchema.VALUE_RANGE, "{'begin':1e400,'end':1}", "begin: 1E+400 is out of range for uint64");
    }

    @Test
    void fractionsForIntegerFieldsAreErrors() {
        // stout would truncate 1.5 to 1; a silently different port is worse than a 400.
        assertError(MesosSchema.ADDRESS, "{'port':1.5}", "port: expected an integer, got 1.5");
    }

    @Test
    void nestingDeeperThanTheLimitIsAnError() {
        String ok = "[".repeat(ProtoJson.MAX_DEPTH - 1) + "]".repeat(ProtoJson.MAX_DEPTH - 1);
        assertThat(read(MesosSchema.FILTERS, "{'unknown':" + ok + "}").has("refuse_seconds")).isFalse();

        String deep = "[".repeat(ProtoJson.MAX_DEPTH) + "]".repeat(ProtoJson.MAX_DEPTH);
        assertError(MesosSchema.FILTERS, "{'unknown':" + deep + "}", "JSON nested deeper than 64 levels");
        assertThatThrownBy(() -> read(MesosSchema.FRAMEWORK_INFO, "{'user':'u','name':'n','roles':" + deep + "}"))
                .hasMessageEndingWith(": JSON nested deeper than 64 levels")
                .hasMessageStartingWith("roles[0]");
    }

    @Test
    void malformedDocumentsAreErrors() {
        assertThatThrownBy(() -> read(MesosSchema.FILTERS, "{'refuse_seconds':"))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("invalid JSON: ");
        assertError(MesosSchema.FILTERS, "[]", "expected a JSON object, got an array");
        byte[] badUtf8 = {'{', '"', 'u', 's', 'e', 'r', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertThatThrownBy(() -> ProtoJson.parse(MesosSchema.FRAMEWORK_INFO, badUtf8))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("user: invalid JSON: ");
        assertError(MesosSchema.FILTERS, "", "expected a JSON object, got the end of the input");
        assertError(MesosSchema.FILTERS, "{} {}",
                "expected the end of the input after the JSON object, got an object");
    }

    private static Msg read(Descriptor type, String singleQuoted) {
        return Msg.of(ProtoJson.parse(type, json(singleQuoted)));
    }

    private static void assertError(Descriptor type, String singleQuoted, String message) {
        assertThatThrownBy(() -> ProtoJson.parse(type, json(singleQuoted)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(message);
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
