package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --acls} on the master and local commands: handed to the authorizer as given, shown without contents. */
class AuthorizationOptionsTest {

    private static MasterCommand master(String... args) {
        MasterCommand command = new MasterCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void aclsAreHandedToTheAuthorizerAsGiven() {
        String json = "{\"permissive\":false,\"run_tasks\":[{\"principals\":{\"type\":\"ANY\"},"
                + "\"users\":{\"values\":[\"web\"]}}]}";
        assertThat(master("--acls", json).authorization.settings().acls()).contains(json);
        assertThat(master("--acls", "file:///etc/mezzo/acls.json").authorization.settings().acls())
                .contains("file:///etc/mezzo/acls.json");
        assertThat(master().authorization.settings().acls()).as("none given: allow all").isEmpty();
        assertThat(master("--acls", " ").authorization.settings().acls()).isEqualTo(Optional.empty());
    }

    @Test
    void stateFlagsShowThePathNotTheFileContents() {
        assertThat(master("--acls", "/etc/mezzo/acls.json").authorization.flags())
                .containsExactly(Map.entry("acls", "/etc/mezzo/acls.json"));
        assertThat(master().authorization.flags()).containsExactly(Map.entry("acls", ""));
    }

    @Test
    void masterAndLocalHelpNameTheFlag() {
        for (String command : List.of("master", "local")) {
            StringWriter out = new StringWriter();
            assertThat(ScriptCommandsTest.cli(out, new StringWriter()).execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("--acls=JSON|PATH");
        }
    }
}
