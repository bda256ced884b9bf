package io.mezzo.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MasterConfigTest {
    private static final MasterConfig DEFAULTS = MasterConfig.defaults("localhost", "127.0.0.1", 5050);

    @Test
    void anAgentIsUnreachableAfterTheMissedPingsTimesTheTimeout() {
        assertThat(DEFAULTS.agentSilenceLimit()).isEqualTo(Duration.ofSeconds(75));
        assertThat(DEFAULTS.withAgentPing(Duration.ofMillis(1500), 3).agentSilenceLimit())
                .isEqualTo(Duration.ofMillis(4500));
        assertThat(DEFAULTS.withAgentPing(Duration.ofSeconds(2, 999_999_999), 7).agentSilenceLimit())
                .isEqualTo(Duration.ofSeconds(2, 999_999_999).multipliedBy(7));
    }
}
