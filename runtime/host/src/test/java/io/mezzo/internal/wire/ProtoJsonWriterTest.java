package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoJsonWriterTest {

    @Test
    void frameworkInfoWritesItsNonDeprecatedDefaults() {
        DynamicMessage info = MsgBuilder.of(MesosSchema.FRAMEWORK_INFO)
                .set("user", "nobody").set("name", "fw").build();
        // role has [default="*"] too, but is deprecated: Mesos leaves it out.
        assertThat(ProtoJson.writeString(info))
                .isEqualTo("{\"user\":\"nobody\",\"name\":\"fw\",\"failover_timeout\":0.0,\"checkpoint\":false}");
    }

    @Test
    void deprecatedDefaultedFieldIsWrittenWhenSet() {
        DynamicMessage info = MsgBuilder.of(MesosSchema.FRAMEWORK_INFO)
                .set("user", "u").set("name", "n").set("role", "*").build();
        assertThat(ProtoJson.writeString(info)).endsWith("\"checkpoint\":false,\"role\":\"*\"}");
    }

    @Test
    void commandInfoWritesShellTrue() {
        DynamicMessage command = MsgBuilder.of(MesosSchema.COMMAND_INFO).set("value", "sleep 1").build();
        assertThat(ProtoJson.writeString(command)).isEqualTo("{\"shell\":true,\"value\":\"sleep 1\"}");
    }

    @Test
    void emptyFiltersWriteTheDefaultRefusal() {
        assertThat(ProtoJson.writeString(MsgBuilder.of(MesosSchema.FILTERS).build()))
                .isEqualTo("{\"refuse_seconds\":5.0}");
    }

    @Test
    void emptyRepeatedFieldsAreLeftOutAndUnsetMessagesToo() {
        DynamicMessage resource = MsgBuilder.of(MesosSchema.RESOURCE)
                .set("name", "cpus").set("type", "SCALAR").set("reservations", List.of())
                .with("scalar", s -> s.set("value", 4))
                .build();
        assertThat(ProtoJson.writeString(resource))
                .isEqualTo("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":4.0}}");
    }

    @Test
    void mapFieldsAreObjectsInInsertionOrder() {
        DynamicMessage task = MsgBuilder.of(MesosSchema.TASK_INFO)
                .set("name", "t").with("task_id", id -> id.set("value", "t"))
                .with("agent_id", id -> id.set("value", "a"))
                .put("limits", "mem", MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", 256.0))
                .put("limits", "cpus", MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", 2.0))
                .build();
        assertThat(ProtoJson.writeString(task)).isEqualTo("{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},"
                + "\"agent_id\":{\"value\":\"a\"},\"limits\":{\"mem\":{\"value\":256.0},\"cpus\":{\"value\":2.0}}}");
    }

    @Test
    void integersAreBareNumbersAndUnsignedStayUnsigned() {
        DynamicMessage time = MsgBuilder.of(MesosSchema.TIME_INFO).set("nanoseconds", 1724422800123456789L).build();
        assertThat(ProtoJson.writeString(time)).isEqualTo("{\"nanoseconds\":1724422800123456789}");

        // port is required but has [default=5050]; like stout, the writer fills it in when unset.
        DynamicMessage master = MsgBuilder.of(MesosSchema.MASTER_INFO)
                .set("id", "m").set("ip", 4294967295L).buildPartial();
        assertThat(ProtoJson.writeString(master)).isEqualTo("{\"id\":\"m\",\"ip\":4294967295,\"port\":5050}");

        DynamicMessage offer = ProtoJson.parse(MesosSchema.VALUE_RANGE, "{\"begin\":18446744073709551615,\"end\":0}");
        assertThat(ProtoJson.writeString(offer)).isEqualTo("{\"begin\":18446744073709551615,\"end\":0}");
        assertThat(new BigInteger("18446744073709551615").longValue())
                .isEqualTo(Msg.of(offer).longValue("begin"));
    }

    @Test
    void bytesAreStandardBase64WithPadding() {
        DynamicMessage message = MsgBuilder.of(MesosSchema.SCHEDULER_EVENT)
                .set("type", "MESSAGE")
                .with("message", m -> m.with("agent_id", a -> a.set("value", "a"))
                        .with("executor_id", e -> e.set("value", "e"))
                        .set("data", new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e}))
                .build();
        assertThat(ProtoJson.writeString(message)).contains("\"data\":\"+/8+\"");
    }

    @Test
    void stringsEscapeOnlyQuotesBackslashesAndControlCharacters() {
        DynamicMessage label = MsgBuilder.of(MesosSchema.LABEL)
                .set("key", "a\"b\\c/d").set("value", "tab\tnl\nbell\u0007 é ✓ \u007f").build();
        assertThat(ProtoJson.writeString(label))
                .isEqualTo("{\"key\":\"a\\\"b\\\\c/d\",\"value\":\"tab\\tnl\\nbell\\u0007 é ✓ \u007f\"}");
        assertThat(ProtoJson.write(label)).doesNotContain((byte) '\n');
    }

    @Test
    void nonFiniteDoublesAreWrittenAsStringsThatReadBack() {
        DynamicMessage scalar = MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", Double.NEGATIVE_INFINITY).build();
        assertThat(ProtoJson.writeString(scalar)).isEqualTo("{\"value\":\"-Infinity\"}");
        assertThat(ProtoJson.parse(MesosSchema.VALUE_SCALAR, ProtoJson.write(scalar))).isEqualTo(scalar);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // value, what rapidjson's Writer::Double prints
        "15, 15.0",
        "4, 4.0",
        "0, 0.0",
        "-0.0, -0.0",
        "0.5, 0.5",
        "-2.25, -2.25",
        "1724422800.123456, 1724422800.123456",
        "604800, 604800.0",
        "0.1, 0.1",
        "0.001, 0.001",
        "0.000001, 0.000001",
        "1.5e-7, 1.5e-7",
        "1e-7, 1e-7",
        "12345678.9, 12345678.9",
        "1e20, 100000000000000000000.0",
        "1e21, 1e21",
        "1.25e22, 1.25e22",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e308",
        "2.82879384806159e17, 282879384806159000.0",
    })
    void doublesAreWrittenLikeRapidjson(double value, String expected) {
        StringBuilder out = new StringBuilder();
        JsonDoubles.append(out, value);
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(Double.parseDouble(out.toString())).isEqualTo(value);
    }
}
