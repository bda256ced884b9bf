package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminationTest {

    @ParameterizedTest(name = "JDK exit value {0}")
    @CsvSource({
        "0,   Command exited with status 0",
        "1,   Command exited with status 1",
        "128, Command exited with status 128",            // 128 + 0: there is no signal 0
        "129, Command terminated with signal Hangup",
        "130, Command terminated with signal Interrupt",
        "137, Command terminated with signal Killed",
        "143, Command terminated with signal Terminated",
        "134, Command terminated with signal Aborted",
        "139, Command terminated with signal Segmentation fault",
        "192, Command terminated with signal Signal 64",  // the highest signal on Linux
        "193, Command exited with status 193",
        "255, Command exited with status 255",
    })
    void decodesJdkExitValuesInMesosWords(int exitValue, String description) {
        assertThat(Termination.fromJdkExitValue(exitValue).describe()).isEqualTo(description);
    }

    @Test
    void decodesToTheRightShape() {
        assertThat(Termination.fromJdkExitValue(0)).isEqualTo(new Termination.Exited(0));
        assertThat(Termination.fromJdkExitValue(128)).isEqualTo(new Termination.Exited(128));
        assertThat(Termination.fromJdkExitValue(129)).isEqualTo(new Termination.Signaled(1));
        assertThat(Termination.fromJdkExitValue(143)).isEqualTo(new Termination.Signaled(15));
        assertThat(Termination.fromJdkExitValue(137)).isEqualTo(new Termination.Signaled(9));
        assertThat(Termination.fromJdkExitValue(192)).isEqualTo(new Termination.Signaled(64));
        assertThat(Termination.fromJdkExitValue(193)).isEqualTo(new Termination.Exited(193));
    }

    @Test
    void onlyAZeroExitSucceeds() {
        assertThat(new Termination.Exited(0).succeeded()).isTrue();
        assertThat(new Termination.Exited(1).succeeded()).isFalse();
        assertThat(new Termination.Signaled(15).succeeded()).isFalse();
        assertThat(new Termination.Unknown("recovered").succeeded()).isFalse();
    }

    @Test
    void unknownSaysWhy() {
        assertThat(new Termination.Unknown("recovered by pid").describe())
                .startsWith("Command terminated").contains("recovered by pid");
    }
}
