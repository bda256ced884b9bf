package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgBuilderTest {

    @Test
    void buildsTheSubscribeExample() {
        DynamicMessage call = MsgBuilder.of(MesosSchema.SCHEDULER_CALL)
                .set("type", "SUBSCRIBE")
                .with("subscribe", s -> s.with("framework_info", f -> f
                        .set("user", "nobody").set("name", "example-fw")
                        .set("failover_timeout", 604800).set("checkpoint", true)))
                .build();
        assertThat(ProtoJson.writeString(call)).isEqualTo(WireExamples.SUBSCRIBE_CALL);
    }

    @Test
    void buildsTheUpdateExample() {
        Msg example = Msg.of(ProtoJson.parse(MesosSchema.SCHEDULER_EVENT, WireExamples.UPDATE_EVENT));
        Msg status = example.message("update").message("status");
        DynamicMessage event = MsgBuilder.of(MesosSchema.SCHEDULER_EVENT)
                .set("type", "UPDATE")
                .with("update", u -> u.with("status", s -> s
                        .with("task_id", id -> id.set("value", "sleep-1"))
                        .set("state", "TASK_RUNNING")
                        .set("source", "SOURCE_EXECUTOR")
                        .set("agent_id", status.message("agent_id"))
                        .with("executor_id", id -> id.set("value", "sleep-1"))
                        .set("timestamp", 1724422800.123456)
                        .set("uuid", status.bytes("uuid"))
                        .with("container_status", c -> c
                                .with("container_id", id -> id.set("value", "6e9c3b0a-2f4d-4d8e-9a1b-3c5d7e9f1a2b"))
                                .with("network_infos", n -> n.with("ip_addresses", ip -> ip.set("ip_address", "10.0.0.11")))
                                .set("executor_pid", 4242))))
                .build();
        // IPAddress.protocol is unset here but written as its default "IPv4", as in the example.
        assertThat(ProtoJson.writeString(event)).isEqualTo(WireExamples.UPDATE_EVENT);
    }

    @Test
    void repeatedAndMapFieldsTakeCollectionsAndMaps() {
        DynamicMessage scalar = MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", 2).build();
        DynamicMessage task = MsgBuilder.of(MesosSchema.TASK_INFO)
                .set("name", "t")
                .with("task_id", id -> id.set("value", "t"))
                .with("agent_id", id -> id.set("value", "a"))
                .set("resources", List.of(
                        MsgBuilder.of(MesosSchema.RESOURCE).set("name", "cpus").set("type", "SCALAR").set("scalar", scalar)))
                .set("limits", Map.of("cpus", scalar))
                .set("data", ByteString.copyFromUtf8("x"))
                .build();
        Msg view = Msg.of(task);
        assertThat(view.messages("resources")).hasSize(1);
        assertThat(view.messageMap("limits")).containsOnlyKeys("cpus");
        assertThat(view.bytes("data")).containsExactly('x');

        DynamicMessage cleared = MsgBuilder.from(task).set("limits", null).set("resources", List.of()).build();
        assertThat(Msg.of(cleared).has("limits")).isFalse();
        assertThat(Msg.of(cleared).has("resources")).isFalse();
        assertThat(Msg.of(cleared).string("name")).isEqualTo("t");
    }

    @Test
    void unknownFieldNamesFail() {
        assertThatThrownBy(() -> MsgBuilder.of(MesosSchema.RESOURCE).set("nmae", "cpus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mesos.v1.Resource has no field 'nmae'");
    }

    @Test
    void valuesOfTheWrongTypeFail() {
        MsgBuilder resource = MsgBuilder.of(MesosSchema.RESOURCE);
        assertThatThrownBy(() -> resource.set("name", 3))
                .hasMessage("mesos.v1.Resource.name is a string field; cannot set it to a Integer");
        assertThatThrownBy(() -> resource.set("scalar", "4.0"))
                .hasMessage("mesos.v1.Resource.scalar is a message field; cannot set it to a String \"4.0\"");
        assertThatThrownBy(() -> resource.set("scalar", MsgBuilder.of(MesosSchema.VALUE_RANGES)))
                .hasMessage("mesos.v1.Resource.scalar takes a mesos.v1.Value.Scalar, not a mesos.v1.Value.Ranges");
        assertThatThrownBy(() -> resource.set("type", "SCALR"))
                .hasMessage("mesos.v1.Resource.type: mesos.v1.Value.Type has no value \"SCALR\"");
        assertThatThrownBy(() -> resource.set("reservations", MsgBuilder.of(MesosSchema.RESERVATION_INFO)))
                .hasMessage("mesos.v1.Resource.reservations is a repeated message field; cannot set it to a MsgBuilder");
        assertThatThrownBy(() -> resource.add("name", "x"))
                .hasMessage("mesos.v1.Resource.name is a string field; add() needs a repeated field");
        assertThatThrownBy(() -> MsgBuilder.of(MesosSchema.ADDRESS).set("port", 70000L * 100000))
                .hasMessage("mesos.v1.Address.port: 7000000000 is out of range for int32");
        assertThatThrownBy(() -> MsgBuilder.of(MesosSchema.CONTAINER_STATUS).set("executor_pid", -1))
                .hasMessage("mesos.v1.ContainerStatus.executor_pid: -1 is out of range for uint32");
        assertThatThrownBy(() -> MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", "1.0"))
                .hasMessage("mesos.v1.Value.Scalar.value is a double field; cannot set it to a String \"1.0\"");
    }

    @Test
    void aRejectedValueLeavesTheFieldAsItWas() {
        MsgBuilder info = MsgBuilder.of(MesosSchema.FRAMEWORK_INFO).set("roles", List.of("a"));
        assertThatThrownBy(() -> info.set("roles", List.of("b", 3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Msg.of(info.buildPartial()).strings("roles")).containsExactly("a");
    }

    @Test
    void buildRequiresRequiredFieldsButBuildPartialDoesNot() {
        MsgBuilder resource = MsgBuilder.of(MesosSchema.RESOURCE).set("name", "cpus");
        assertThatThrownBy(resource::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot build mesos.v1.Resource: missing required fields: type");
        assertThat(resource.buildPartial().isInitialized()).isFalse();
    }
}
