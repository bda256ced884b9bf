package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterAddressTest {

    @Test
    void parsesHostPortAndLists() {
        assertThat(MasterAddress.parse("m1:5050")).isEqualTo(new MasterAddress("m1", 5050));
        assertThat(MasterAddress.parse("[::1]:5050")).isEqualTo(new MasterAddress("::1", 5050));
        assertThat(new MasterAddress("::1", 5050).toString()).isEqualTo("[::1]:5050");
        assertThat(MasterAddress.parseList(" m1:5050, m2:5051,")).containsExactly(
                new MasterAddress("m1", 5050), new MasterAddress("m2", 5051));
    }

    @Test
    void badAddressesAreNamedInTheError() {
        assertThatThrownBy(() -> MasterAddress.parse("m1")).hasMessageContaining("'m1'");
        assertThatThrownBy(() -> MasterAddress.parse("m1:http")).hasMessageContaining("'m1:http'");
        assertThatThrownBy(() -> MasterAddress.parse("m1:70000")).hasMessageContaining("'m1:70000'");
        assertThatThrownBy(() -> MasterAddress.parse("::1:5050")).hasMessageContaining("IPv6");
        assertThatThrownBy(() -> MasterAddress.parseList(" , ")).hasMessageContaining("names no master");
    }

    @Test
    void redirectLocationsYieldTheLeader() {
        assertThat(MasterConnection.redirectTarget("//m2:5050/api/v1/agent"))
                .contains(new MasterAddress("m2", 5050));
        assertThat(MasterConnection.redirectTarget("http://m2:5050/api/v1/agent"))
                .contains(new MasterAddress("m2", 5050));
        assertThat(MasterConnection.redirectTarget("//m2:5050")).contains(new MasterAddress("m2", 5050));
        assertThat(MasterConnection.redirectTarget("/api/v1/agent")).isEqualTo(Optional.empty());
        assertThat(MasterConnection.redirectTarget(null)).isEmpty();
    }

    @Test
    void registrationBackoffDoublesUpToAMinute() {
        Duration factor = Duration.ofSeconds(1);
        assertThat(MasterLink.backoffBound(factor, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MasterLink.backoffBound(factor, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MasterLink.backoffBound(factor, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(MasterLink.backoffBound(factor, 6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MasterLink.backoffBound(factor, 1000)).isEqualTo(Duration.ofMinutes(1));
    }
}
