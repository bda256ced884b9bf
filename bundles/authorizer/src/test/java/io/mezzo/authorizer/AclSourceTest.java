package io.mezzo.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --acls value is the JSON itself or the path of a file holding it, as in Mesos. */
class AclSourceTest {
    private static final String ONLY_ROOT_IS_OFF = """
            {"run_tasks": [{"principals": {"type": "NONE"}, "users": {"values": ["root"]}}]}
            """;

    @TempDir
    Path dir;

    @Test
    void inlineJsonMayStartWithWhitespace() {
        Acls acls = Acls.of("\n   " + ONLY_ROOT_IS_OFF);

        assertThat(acls.allows("fw", Action.RUN_TASK, "root")).isFalse();
        assertThat(acls.allows("fw", Action.RUN_TASK, "nobody")).isTrue();
    }

    @Test
    void aPlainPathIsReadAsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("acls.json"), ONLY_ROOT_IS_OFF);

        Acls acls = Acls.of(file.toString());

        assertThat(acls.allows("fw", Action.RUN_TASK, "root")).isFalse();
        assertThat(acls.allows("fw", Action.RUN_TASK, "nobody")).isTrue();
    }

    @Test
    void aFileUrlIsReadAsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("acls.json"), ONLY_ROOT_IS_OFF);

        Acls acls = Acls.of("file://" + file);

        assertThat(acls.allows("fw", Action.RUN_TASK, "root")).isFalse();
        assertThat(acls.allows("fw", Action.RUN_TASK, "nobody")).isTrue();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("no-such-acls.json");

        assertThatThrownBy(() -> open("file://" + missing))
                .isInstanceOf(AuthorizationException.class)
                .hasMessage("invalid ACLs: cannot read ACLs file '" + missing + "': no such file");
    }

    @Test
    void aDirectoryIsNotAnAclFile() {
        assertThatThrownBy(() -> open(dir.toString()))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageStartingWith("invalid ACLs: cannot read ACLs file '" + dir + "': ");
    }

    @Test
    void aBadFileIsNamedInTheMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("acls.json"), "{\"run_tasks\": {}}");

        assertThatThrownBy(() -> open(file.toString()))
                .isInstanceOf(AuthorizationException.class)
                .hasMessage("invalid ACLs in file '" + file + "': run_tasks: must be an array of ACL entries, not object");
    }

    @Test
    void aFileMustHoldAnObject() throws IOException {
        Path file = Files.writeString(dir.resolve("acls.json"), "[]");

        assertThatThrownBy(() -> open(file.toString()))
                .isInstanceOf(AuthorizationException.class)
                .hasMessage("invalid ACLs in file '" + file + "': ACLs must be a JSON object, not array");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("acls.json"), " \n");

        assertThatThrownBy(() -> open(file.toString()))
                .isInstanceOf(AuthorizationException.class)
                .hasMessage("invalid ACLs in file '" + file + "': ACLs are empty: expected a JSON object");
    }

    @Test
    void aBlankValueIsRefusedRatherThanAllowingEverything() {
        assertThatThrownBy(() -> open("  "))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("--acls is empty");
    }

    private static void open(String aclsValue) throws AuthorizationException {
        new LocalAuthorizer().open(new AuthorizationSettings(Optional.of(aclsValue)));
    }
}
