package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --[no-]rehearsal} on the master: a standby rehearses leading unless told not to. */
class RehearsalOptionTest {

    private static MasterCommand master(String... args) {
        MasterCommand command = new MasterCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static java.util.Map<String, String> flags(String... args) {
        MasterCommand command = master(args);
        return command.master.flags(command.common, "");
    }

    @Test
    void onByDefaultAndOffWhenAsked() {
        assertThat(master().master.clustering(Optional.empty()).rehearse()).isTrue();
        assertThat(master("--no-rehearsal").master.clustering(Optional.empty()).rehearse()).isFalse();
        assertThat(flags("--no-rehearsal")).containsEntry("rehearsal", "false");
    }

    @Test
    void helpNamesTheFlag() {
        StringWriter out = new StringWriter();
        assertThat(ScriptCommandsTest.cli(out, new StringWriter()).execute("master", "--help")).isZero();
        assertThat(out.toString()).contains("--[no-]rehearsal");
    }
}
