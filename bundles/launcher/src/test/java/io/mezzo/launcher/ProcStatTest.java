package io.mezzo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void processGroupIsFifthFieldEvenWhenCommandNameHoldsSpacesAndParentheses() {
        String stat = "4321 (odd) name (x) 2) S 1 777 778 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0";
        assertThat(ProcStat.parseProcessGroup(stat)).isEqualTo(OptionalLong.of(777));
    }

    @Test
    void malformedStatHasNoProcessGroup() {
        assertThat(ProcStat.parseProcessGroup("4321 sleep S 1")).isEmpty();
        assertThat(ProcStat.parseProcessGroup("4321 (sleep) S")).isEmpty();
    }

    @Test
    void goneProcessHasNoProcessGroup() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        assertThat(ProcStat.processGroupOf(process.pid())).isEmpty();
    }
}
