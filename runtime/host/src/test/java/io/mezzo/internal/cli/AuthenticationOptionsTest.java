package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuthenticationOptionsTest {
    @Test
    void aFlagThatNeedsCredentialsWithoutThemIsAStartupErrorNamingBoth() {
        MasterCommand master = new MasterCommand();
        new CommandLine(master).parseArgs("--authenticate_agents", "--authenticate-http-readonly");
        assertThatThrownBy(() -> master.authentication.policy())
                .hasMessageContaining("--authenticate-agents").hasMessageContaining("--authenticate-http-readonly")
                .hasMessageContaining("--credentials");
    }

    @Test
    void mesosNamesAndFileUrisAreAcceptedAndShownInStateFlags() {
        MasterCommand master = new MasterCommand();
        new CommandLine(master).parseArgs("--credentials", "file:///etc/mezzo/credentials.json", "--authenticate",
                "--authenticate_http_readwrite");
        var policy = master.authentication.policy();
        assertThat(policy.credentials()).contains(Path.of("/etc/mezzo/credentials.json"));
        assertThat(policy.frameworks()).isTrue();
        assertThat(policy.httpReadwrite()).isTrue();
        assertThat(policy.agents()).isFalse();
        Map<String, String> flags = new LinkedHashMap<>();
        master.authentication.addTo(flags);
        assertThat(flags).containsEntry("authenticate_frameworks", "true").containsEntry("authenticate_agents", "false")
                .containsEntry("credentials", "/etc/mezzo/credentials.json");
    }

    @Test
    void clientsAndAgentsTakeACredentialFile() {
        for (String command : new String[] {"agent", "run", "submit", "teardown", "local", "state"}) {
            java.io.StringWriter out = new java.io.StringWriter();
            assertThat(ScriptCommandsTest.cli(out, new java.io.StringWriter()).execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("--credential=FILE");
        }
    }
}
