package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the agent reads epochs off the wire. */
class EpochWireTest {
    private static final MasterAddress FROM = MasterAddress.parse("127.0.0.1:5050");

    @Test
    void epochHeaderIsANonNegativeNumberOrNothing() {
        assertThat(MasterConnection.epochHeader("7", FROM)).hasValue(7);
        assertThat(MasterConnection.epochHeader(" 0 ", FROM)).hasValue(0);
        assertThat(MasterConnection.epochHeader(null, FROM)).isEmpty();
        assertThat(MasterConnection.epochHeader("", FROM)).isEmpty();
        assertThat(MasterConnection.epochHeader("-1", FROM)).isEmpty();
        assertThat(MasterConnection.epochHeader("seven", FROM)).isEmpty();
    }

    @Test
    void registeredCarriesItsEpoch() {
        String json = "{\"type\":\"REGISTERED\",\"agent_id\":\"a1\",\"master_id\":\"m1\","
                + "\"heartbeat_interval\":15000000000,\"epoch\":7}";
        AgentEvent event = MezzoJson.read(json.getBytes(StandardCharsets.UTF_8), AgentEvent.class);
        assertThat(((AgentEvent.Registered) event).epoch()).isEqualTo(7);
    }

    @Test
    void redirectLocationIsProtocolRelativeOrAbsolute() {
        assertThat(MasterConnection.redirectTarget("//10.0.0.2:5050")).contains(MasterAddress.parse("10.0.0.2:5050"));
        assertThat(MasterConnection.redirectTarget("http://m2:5051/api/v1/agent"))
                .contains(MasterAddress.parse("m2:5051"));
        assertThat(MasterConnection.redirectTarget("/no/authority")).isEmpty();
    }
}
