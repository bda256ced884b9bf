package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static final List<MasterAddress> MASTERS = List.of(MasterAddress.parse("m1:5050"));
    private static final Resources RESOURCES = Resources.parse("cpus:1");

    @Test
    void defaultsAreTheMesosOnes() {
        AgentConfig config = AgentConfig.of(MASTERS, Path.of("work"), "h", RESOURCES);
        assertThat(config.workDir().isAbsolute()).isTrue();
        assertThat(config.workDir().getFileName()).isEqualTo(Path.of("work"));
        assertThat(config.defaultKillGracePeriod()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.registrationBackoffFactor()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.switchUser()).isFalse();
        assertThat(config.port()).isZero();
        assertThat(config.leaderProbeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.withLeaderProbeInterval(Duration.ZERO).withSwitchUser(true).leaderProbeInterval())
                .isZero();
    }

    @Test
    void invalidSettingsAreRejectedWithTheirValue() {
        Path work = Path.of("/w");
        assertThatThrownBy(() -> AgentConfig.of(List.of(), work, "h", RESOURCES)).hasMessageContaining("master");
        assertThatThrownBy(() -> AgentConfig.of(MASTERS, work, " ", RESOURCES)).hasMessageContaining("hostname");
        assertThatThrownBy(() -> new AgentConfig(MASTERS, work, "h", 70000, RESOURCES, List.of(),
                Duration.ofSeconds(3), false, Duration.ofSeconds(1))).hasMessageContaining("70000");
        assertThatThrownBy(() -> AgentConfig.of(MASTERS, work, "h", RESOURCES)
                .withDefaultKillGracePeriod(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> new AgentConfig(MASTERS, work, "h", 0, RESOURCES, List.of(),
                Duration.ofSeconds(3), false, Duration.ZERO)).hasMessageContaining("backoff factor");
        assertThatThrownBy(() -> AgentConfig.of(MASTERS, work, "h", RESOURCES)
                .withLeaderProbeInterval(Duration.ofMillis(-5))).hasMessageContaining("leader probe interval")
                .hasMessageContaining("PT-0.005S");
    }
}
