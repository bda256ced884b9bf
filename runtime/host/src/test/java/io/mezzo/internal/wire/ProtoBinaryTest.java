package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtoBinaryTest {
    private static final DynamicMessage SUBSCRIBE = MsgBuilder.of(MesosSchema.SCHEDULER_CALL)
            .set("type", "SUBSCRIBE")
            .with("subscribe", s -> s.with("framework_info", f -> f
                    .set("user", "nobody").set("name", "example-fw")
                    .set("failover_timeout", 604800.0).set("checkpoint", true)
                    .add("roles", "analytics")
                    .with("capabilities", c -> c.set("type", "MULTI_ROLE"))))
            .build();

    @Test
    void aCallSurvivesSerializeAndParse() {
        byte[] bytes = ProtoBinary.toBytes(SUBSCRIBE);
        DynamicMessage parsed = ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, bytes);

        assertThat(parsed).isEqualTo(SUBSCRIBE);
        assertThat(ProtoJson.writeString(parsed)).isEqualTo(ProtoJson.writeString(SUBSCRIBE));
    }

    @Test
    void binaryAndJsonDescribeTheSameMessage() {
        DynamicMessage fromJson = ProtoJson.parse(MesosSchema.SCHEDULER_EVENT, WireExamples.OFFERS_EVENT);
        DynamicMessage fromBytes = ProtoBinary.parse(MesosSchema.SCHEDULER_EVENT, ProtoBinary.toBytes(fromJson));
        assertThat(ProtoJson.writeString(fromBytes)).isEqualTo(WireExamples.OFFERS_EVENT);
    }

    @Test
    void truncatedBytesAreAnError() {
        byte[] bytes = ProtoBinary.toBytes(SUBSCRIBE);
        assertThatThrownBy(() -> ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("invalid protobuf mesos.v1.scheduler.Call: ");
    }

    @Test
    void missingRequiredFieldsAreAnError() {
        DynamicMessage partial = MsgBuilder.of(MesosSchema.SCHEDULER_CALL)
                .set("type", "SUBSCRIBE")
                .with("subscribe", s -> s.with("framework_info", f -> f.set("name", "fw")))
                .buildPartial();
        assertThatThrownBy(() -> ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, ProtoBinary.toBytes(partial)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("missing required fields: subscribe.framework_info.user");
    }

    @Test
    void bytesOverTheLimitAreRefusedBeforeParsing() {
        byte[] bytes = ProtoBinary.toBytes(SUBSCRIBE);
        assertThatThrownBy(() -> ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, bytes, bytes.length - 1))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("Call of " + bytes.length + " bytes is larger than the limit of " + (bytes.length - 1) + " bytes");
        assertThat(ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, bytes, bytes.length)).isEqualTo(SUBSCRIBE);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, new byte[] {(byte) 0xff, (byte) 0xff}))
                .isInstanceOf(WireFormatException.class);
    }
}
