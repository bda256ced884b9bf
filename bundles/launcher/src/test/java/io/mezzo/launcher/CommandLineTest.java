package io.mezzo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.CommandSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @Test
    void shellCommandRunsUnderSetsidAndShDashC() {
        // setsid -- /bin/sh -c 'echo hi; exit 3'
        assertThat(CommandLine.build(SETSID, Optional.empty(), CommandSpec.shell("echo hi; exit 3")))
                .containsExactly("/usr/bin/setsid", "--", "/bin/sh", "-c", "echo hi; exit 3");
    }

    @Test
    void nonShellCommandUsesValueAsProgramAndDropsArgvZero() {
        CommandSpec command = new CommandSpec(false, "/bin/echo", List.of("ignored-argv0", "a b", "-n"));
        // setsid -- /bin/echo 'a b' -n
        assertThat(CommandLine.build(SETSID, Optional.empty(), command))
                .containsExactly("/usr/bin/setsid", "--", "/bin/echo", "a b", "-n");
    }

    @Test
    void nonShellCommandWithoutArgumentsRunsProgramAlone() {
        assertThat(CommandLine.build(SETSID, Optional.empty(), new CommandSpec(false, "true", List.of())))
                .containsExactly("/usr/bin/setsid", "--", "true");
    }

    @Test
    void otherUserIsReachedThroughSetprivWithUidAndPrimaryGroup() {
        var runAs = new CommandLine.RunAs(Path.of("/usr/bin/setpriv"), 1000, 100);
        assertThat(CommandLine.build(SETSID, Optional.of(runAs), CommandSpec.shell("id")))
                .containsExactly("/usr/bin/setsid", "--",
                        "/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--",
                        "/bin/sh", "-c", "id");
    }
}
