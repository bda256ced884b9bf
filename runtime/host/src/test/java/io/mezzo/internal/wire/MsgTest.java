package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MsgTest {
    private static final Msg OFFER = Msg.of(ProtoJson.parse(MesosSchema.SCHEDULER_EVENT, WireExamples.OFFERS_EVENT))
            .message("offers").messages("offers").get(0);

    @Test
    void readsNestedValuesByName() {
        assertThat(OFFER.message("id").string("value")).isEqualTo("b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-O0");
        assertThat(OFFER.string("hostname")).isEqualTo("agent1.example.com");
        assertThat(OFFER.message("url").message("address").intValue("port")).isEqualTo(5051);
        assertThat(OFFER.messages("resources")).extracting(r -> r.string("name"))
                .containsExactly("cpus", "mem", "disk", "ports");
        Msg ports = OFFER.messages("resources").get(3);
        assertThat(ports.enumName("type")).isEqualTo("RANGES");
        assertThat(ports.message("ranges").messages("range").get(0).longValue("end")).isEqualTo(32000);
        assertThat(OFFER.messages("attributes").get(0).message("text").string("value")).isEqualTo("r1");
    }

    @Test
    void unsetFieldsReadAsTheirDefaults() {
        Msg cpus = OFFER.messages("resources").get(0);
        assertThat(cpus.has("reservation")).isFalse();
        assertThat(cpus.optionalMessage("reservation")).isEmpty();
        assertThat(cpus.message("reservation").has("role")).isFalse();
        assertThat(OFFER.optionalString("hostname")).contains("agent1.example.com");
        assertThat(OFFER.message("url").optionalString("fragment")).isEmpty();
        assertThat(OFFER.message("url").string("fragment")).isEmpty();

        Msg filters = Msg.of(MsgBuilder.of(MesosSchema.FILTERS).build());
        assertThat(filters.has("refuse_seconds")).isFalse();
        assertThat(filters.doubleValue("refuse_seconds")).isEqualTo(5.0);
        Msg command = Msg.of(MsgBuilder.of(MesosSchema.COMMAND_INFO).build());
        assertThat(command.bool("shell")).isTrue();
        assertThat(command.strings("arguments")).isEmpty();
    }

    @Test
    void unsignedIntegersReadAsUnsigned() {
        Msg master = Msg.of(MsgBuilder.of(MesosSchema.MASTER_INFO).set("id", "m").set("ip", 3232235777L).set("port", 5050).build());
        assertThat(master.longValue("ip")).isEqualTo(3232235777L); // 192.168.1.1 as a uint32
        assertThat(master.doubleValue("ip")).isEqualTo(3232235777.0);
        assertThatThrownBy(() -> master.intValue("ip")).hasMessageContaining("does not fit an int");
        assertThat(master.intValue("port")).isEqualTo(5050);
    }

    @Test
    void mapsReadAsMaps() {
        Msg task = Msg.of(ProtoJson.parse(MesosSchema.TASK_INFO, "{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},"
                + "\"agent_id\":{\"value\":\"a\"},\"limits\":{\"cpus\":{\"value\":2.5}}}"));
        assertThat(task.messageMap("limits").get("cpus").doubleValue("value")).isEqualTo(2.5);
        assertThatThrownBy(() -> task.stringMap("limits"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mesos.v1.TaskInfo.limits is a map field; stringMap() cannot read it");
    }

    @Test
    void unknownFieldNamesAndWrongAccessorsFailWithTheFieldName() {
        assertThatThrownBy(() -> OFFER.string("host_name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mesos.v1.Offer has no field 'host_name'");
        assertThatThrownBy(() -> OFFER.string("id"))
                .hasMessage("mesos.v1.Offer.id is a message field; string() cannot read it");
        assertThatThrownBy(() -> OFFER.message("resources"))
                .hasMessage("mesos.v1.Offer.resources is a repeated message field; message() cannot read it");
        assertThatThrownBy(() -> OFFER.messages("id"))
                .hasMessage("mesos.v1.Offer.id is a message field; messages() cannot read it");
        assertThatThrownBy(() -> OFFER.messages("resources").get(0).longValue("name"))
                .hasMessage("mesos.v1.Resource.name is a string field; longValue() cannot read it");
        assertThatThrownBy(() -> OFFER.messages("resources").get(0).doubleValue("type"))
                .hasMessage("mesos.v1.Resource.type is an enum field; doubleValue() cannot read it");
    }

    @Test
    void printsAsMesosJson() {
        assertThat(OFFER.message("id")).hasToString("{\"value\":\"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-O0\"}");
    }
}
