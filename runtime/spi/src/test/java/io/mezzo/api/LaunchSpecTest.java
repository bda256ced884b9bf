package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LaunchSpec and CommandSpec: what reaches a process must be representable in exec(2). */
class LaunchSpecTest {

    private static final ContainerId CONTAINER = ContainerId.of("c-1");
    private static final Path SANDBOX = Path.of("/var/lib/mezzo/sandbox").toAbsolutePath();
    private static final CommandSpec SLEEP = CommandSpec.shell("sleep 1");
    private static final Resources CPUS = Resources.parse("cpus:0.1");

    private static LaunchSpec withEnvironment(Map<String, String> environment) {
        return new LaunchSpec(CONTAINER, SANDBOX, SLEEP, environment, Optional.empty(), CPUS);
    }

    @Test
    void acceptsACompleteSpecAndSortsAndCopiesTheEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/bin", "HOME", "/root", "EMPTY", ""));
        LaunchSpec spec = new LaunchSpec(CONTAINER, SANDBOX, SLEEP, env, Optional.of("nobody"), CPUS);
        env.put("LATE", "x");

        assertThat(spec.environment().keySet()).containsExactly("EMPTY", "HOME", "PATH");
        assertThat(spec.environment()).containsEntry("EMPTY", "");   // an empty value is a value
        assertThatThrownBy(() -> spec.environment().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSandboxMustBeAbsolute() {
        assertThatThrownBy(() -> new LaunchSpec(CONTAINER, Path.of("relative/dir"), SLEEP, Map.of(), Optional.empty(), CPUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative/dir");
        assertThatThrownBy(() -> new LaunchSpec(CONTAINER, null, SLEEP, Map.of(), Optional.empty(), CPUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void everyFieldIsRequired() {
        assertThatThrownBy(() -> new LaunchSpec(null, SANDBOX, SLEEP, Map.of(), Optional.empty(), CPUS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchSpec(CONTAINER, SANDBOX, null, Map.of(), Optional.empty(), CPUS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchSpec(CONTAINER, SANDBOX, SLEEP, Map.of(), null, CPUS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchSpec(CONTAINER, SANDBOX, SLEEP, Map.of(), Optional.empty(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A=B", "=A", "A\0B"})
    void environmentNamesMustBeNonEmptyWithoutEqualsOrNul(String name) {
        // execve's "NAME=value" strings: a '=' in the name would shift it into the value.
        assertThatThrownBy(() -> withEnvironment(Map.of(name, "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment variable name");
    }

    @Test
    void environmentValuesMayHoldEqualsButNotNulOrNull() {
        assertThat(withEnvironment(Map.of("OPTS", "a=b=c")).environment()).containsEntry("OPTS", "a=b=c");
        assertThatThrownBy(() -> withEnvironment(Map.of("V", "a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("V", null);
        assertThatThrownBy(() -> withEnvironment(nullValue)).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "v");
        assertThatThrownBy(() -> withEnvironment(nullName)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shellCommandsRunTheWholeValue() {
        CommandSpec shell = CommandSpec.shell("echo hi && exit 3");
        assertThat(shell.shell()).isTrue();
        assertThat(shell.value()).isEqualTo("echo hi && exit 3");
        assertThat(shell.arguments()).isEmpty();
    }

    @Test
    void commandArgumentsAreCopied() {
        List<String> args = new ArrayList<>(List.of("ls", "-l"));
        CommandSpec command = new CommandSpec(false, "/bin/ls", args);
        args.add("/etc");
        assertThat(command.arguments()).containsExactly("ls", "-l");
    }

    @Test
    void commandsRefuseNulAndEmptyValues() {
        // A C string ends at NUL: "rm -rf /tmp/x\0y" would silently run a different command.
        assertThatThrownBy(() -> CommandSpec.shell("echo a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new CommandSpec(false, "/bin/echo", List.of("echo", "a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> CommandSpec.shell("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.shell(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
