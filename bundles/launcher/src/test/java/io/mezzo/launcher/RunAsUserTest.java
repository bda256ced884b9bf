package io.mezzo.launcher;

import static io.mezzo.launcher.Tasks.PATH_ONLY;
import static io.mezzo.launcher.Tasks.awaitTermination;
import static io.mezzo.launcher.Tasks.read;
import static io.mezzo.launcher.Tasks.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mezzo.api.CommandSpec;
import io.mezzo.api.Termination;
import io.mezzo.spi.LaunchException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAsUserTest {
    private static final CommandSpec WHO_AM_I = CommandSpec.shell("id -un; id -u; id -g");

    @TempDir
    Path sandbox;

    @Test
    void rootAgentRunsTaskAsRequestedUser() throws Exception {
        AgentIdentity agent = AgentIdentity.current();
        assumeTrue(agent.root(), "needs an agent running as root");
        UserAccounts.Account nobody = new UserAccounts(Optional.empty()).find("nobody").orElseThrow();
        ProcessLauncher launcher = new ProcessLauncher(HostTools.locate(), agent);

        Termination how = awaitTermination(launcher.launch(spec(sandbox, WHO_AM_I, PATH_ONLY, Optional.of("nobody"))));

        assertThat(how).isEqualTo(new Termination.Exited(0));
        assertThat(read(sandbox.resolve("stdout")))
                .isEqualTo("nobody\n" + nobody.uid() + "\n" + nobody.gid() + "\n");
    }

    @Test
    void taskAsAgentsOwnUserNeedsNoPrivilege() throws Exception {
        String self = System.getProperty("user.name");
        ProcessLauncher launcher = new ProcessLauncher(HostTools.locate(), new AgentIdentity(self, false));

        Termination how = awaitTermination(launcher.launch(spec(sandbox, WHO_AM_I, PATH_ONLY, Optional.of(self))));

        assertThat(how).isEqualTo(new Termination.Exited(0));
        assertThat(read(sandbox.resolve("stdout"))).startsWith(self + "\n");
    }

    @Test
    void otherUserWithoutRootIsLaunchExceptionSayingWhy() {
        ProcessLauncher launcher = new ProcessLauncher(HostTools.locate(), new AgentIdentity("alice", false));

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, WHO_AM_I, PATH_ONLY, Optional.of("nobody"))))
                .isInstanceOf(LaunchException.class)
                .hasMessage("cannot run as user 'nobody': the agent runs as 'alice', not root");
    }

    @Test
    void unknownUserIsLaunchExceptionNamingIt() {
        ProcessLauncher launcher = new ProcessLauncher(HostTools.locate(), new AgentIdentity("root", true));

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, WHO_AM_I, PATH_ONLY, Optional.of("mezzo-no-such-user"))))
                .isInstanceOf(LaunchException.class)
                .hasMessage("unknown user 'mezzo-no-such-user'");
    }

    @Test
    void userNameThatLooksLikeAnOptionIsRefused() {
        ProcessLauncher launcher = new ProcessLauncher(HostTools.locate(), new AgentIdentity("root", true));

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, WHO_AM_I, PATH_ONLY, Optional.of("--help"))))
                .isInstanceOf(LaunchException.class)
                .hasMessage("invalid user name '--help'");
    }
}
