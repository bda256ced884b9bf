package io.mezzo.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuietLogsTest {
    private static final Logger MASTER = Logger.getLogger("io.mezzo.internal.master");
    private static final Logger AGENT = Logger.getLogger("io.mezzo.internal.agent");
    private static final Logger HTTP = Logger.getLogger("io.mezzo.internal.http");

    @BeforeEach
    void levels() {
        MASTER.setLevel(null);
        AGENT.setLevel(Level.FINE);
        HTTP.setLevel(Level.SEVERE);
    }

    @AfterEach
    void reset() {
        MASTER.setLevel(null);
        AGENT.setLevel(null);
        HTTP.setLevel(null);
    }

    @Test
    void quietWhileAppliedThenEachLevelBackTheLeaderPartsFirst() {
        QuietLogs quiet = new QuietLogs();
        quiet.apply();
        assertThat(MASTER.getLevel()).isEqualTo(Level.WARNING);
        assertThat(AGENT.getLevel()).isEqualTo(Level.WARNING);
        assertThat(HTTP.getLevel()).as("already quieter than WARNING: left alone").isEqualTo(Level.SEVERE);

        quiet.restoreLeaderParts();
        assertThat(MASTER.getLevel()).as("inherited again").isNull();
        assertThat(AGENT.getLevel()).as("the rehearsal's agents are still closing").isEqualTo(Level.WARNING);

        quiet.restore();
        assertThat(AGENT.getLevel()).isEqualTo(Level.FINE);
        assertThat(HTTP.getLevel()).isEqualTo(Level.SEVERE);
    }

    @Test
    void appliedAfterTheLeaderPartsWereGivenBackItLeavesThemAlone() {
        QuietLogs quiet = new QuietLogs();
        quiet.restoreLeaderParts();
        quiet.apply();
        assertThat(MASTER.getLevel()).isNull();
        assertThat(AGENT.getLevel()).isEqualTo(Level.WARNING);
        quiet.restore();
        assertThat(AGENT.getLevel()).isEqualTo(Level.FINE);
    }
}
