package io.mezzo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MesosSchemaTest {

    @Test
    void constantsNameTheMesosV1Types() {
        assertThat(MesosSchema.SCHEDULER_CALL.getFullName()).isEqualTo("mesos.v1.scheduler.Call");
        assertThat(MesosSchema.OPERATOR_RESPONSE.getFullName()).isEqualTo("mesos.v1.master.Response");
        assertThat(MesosSchema.OFFER_OPERATION.getFullName()).isEqualTo("mesos.v1.Offer.Operation");
        assertThat(MesosSchema.IP_ADDRESS.getFullName()).isEqualTo("mesos.v1.NetworkInfo.IPAddress");
        // The scheduler's Call refers to the very same FrameworkInfo descriptor, so messages mix freely.
        assertThat(MesosSchema.fieldType(MesosSchema.fieldType(MesosSchema.SCHEDULER_CALL, "subscribe"), "framework_info"))
                .isSameAs(MesosSchema.FRAMEWORK_INFO);
    }

    @Test
    void aMissingNameFailsWithTheName() {
        assertThatThrownBy(() -> MesosSchema.message(org.apache.mesos.v1.Protos.getDescriptor(), "Offer.Oepration"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the Mesos schema (mesos/v1/mesos.proto) has no message mesos.v1.Offer.Oepration");
        assertThatThrownBy(() -> MesosSchema.fieldType(MesosSchema.SCHEDULER_CALL, "type"))
                .hasMessage("mesos.v1.scheduler.Call.type is not a message field");
    }
}
