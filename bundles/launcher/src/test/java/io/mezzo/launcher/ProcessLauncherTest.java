package io.mezzo.launcher;

import static io.mezzo.launcher.Tasks.PATH_ONLY;
import static io.mezzo.launcher.Tasks.awaitTermination;
import static io.mezzo.launcher.Tasks.read;
import static io.mezzo.launcher.Tasks.shell;
import static io.mezzo.launcher.Tasks.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.CommandSpec;
import io.mezzo.api.Termination;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.RunningContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLauncherTest {
    private final ProcessLauncher launcher = new ProcessLauncher();

    @TempDir
    Path sandbox;

    @Test
    void shellCommandWritesToSandboxStdoutAndExitsZero() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "echo hello"));

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));
        assertThat(read(sandbox.resolve("stdout"))).isEqualTo("hello\n");
        assertThat(read(sandbox.resolve("stderr"))).isEmpty();
    }

    @Test
    void exitStatusIsReported() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "exit 3"));

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(3));
    }

    @Test
    void stderrGoesToSandboxStderr() throws Exception {
        awaitTermination(launcher.launch(shell(sandbox, "echo oops >&2")));

        assertThat(read(sandbox.resolve("stderr"))).isEqualTo("oops\n");
        assertThat(read(sandbox.resolve("stdout"))).isEmpty();
    }

    @Test
    void outputIsAppendedNotTruncated() throws Exception {
        awaitTermination(launcher.launch(shell(sandbox, "echo first")));
        awaitTermination(launcher.launch(shell(sandbox, "echo second")));

        assertThat(read(sandbox.resolve("stdout"))).isEqualTo("first\nsecond\n");
    }

    @Test
    void commandRunsInSandboxWithStdinEmpty() throws Exception {
        awaitTermination(launcher.launch(shell(sandbox, "pwd; cat; echo end")));

        assertThat(read(sandbox.resolve("stdout"))).isEqualTo(sandbox.toRealPath() + "\nend\n");
    }

    @Test
    void nonShellCommandGetsArgumentsUnsplitWithoutArgvZero() throws Exception {
        CommandSpec printf = new CommandSpec(false, "/usr/bin/printf", List.of("argv0", "[%s]", "a b", "c"));

        Termination how = awaitTermination(launcher.launch(spec(sandbox, printf, PATH_ONLY, Optional.empty())));

        assertThat(how).isEqualTo(new Termination.Exited(0));
        assertThat(read(sandbox.resolve("stdout"))).isEqualTo("[a b][c]");
    }

    @Test
    void nonShellProgramWithoutSlashIsFoundInTasksPath() throws Exception {
        CommandSpec echo = new CommandSpec(false, "echo", List.of("echo", "found"));

        awaitTermination(launcher.launch(spec(sandbox, echo, PATH_ONLY, Optional.empty())));

        assertThat(read(sandbox.resolve("stdout"))).isEqualTo("found\n");
    }

    @Test
    void environmentIsExactlyTheGivenOne() throws Exception {
        assertThat(System.getenv()).as("the JVM has variables that could leak").isNotEmpty();
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "MEZZO_GIVEN", "a value");
        CommandSpec env = new CommandSpec(false, "/usr/bin/env", List.of("env"));

        awaitTermination(launcher.launch(spec(sandbox, env, environment, Optional.empty())));

        assertThat(read(sandbox.resolve("stdout")).lines())
                .containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "MEZZO_GIVEN=a value");
    }

    @Test
    void missingExecutableIsLaunchExceptionNamingIt() {
        CommandSpec missing = new CommandSpec(false, "/no/such/program", List.of());

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, missing, PATH_ONLY, Optional.empty())))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'/no/such/program'")
                .hasMessageContaining("No such file or directory");
        assertThat(sandbox.resolve("stdout")).doesNotExist();
    }

    @Test
    void programMissingFromPathIsLaunchExceptionNamingIt() {
        CommandSpec missing = new CommandSpec(false, "mezzo-no-such-program", List.of());

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, missing, PATH_ONLY, Optional.empty())))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'mezzo-no-such-program'")
                .hasMessageContaining("No such file or directory")
                .hasMessageContaining("PATH=/usr/bin:/bin");
    }

    @Test
    void fileWithoutExecuteBitIsLaunchException() throws Exception {
        Path script = Files.writeString(sandbox.resolve("script"), "#!/bin/sh\necho no\n");
        CommandSpec notExecutable = new CommandSpec(false, "./script", List.of());

        assertThatThrownBy(() -> launcher.launch(spec(sandbox, notExecutable, PATH_ONLY, Optional.empty())))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'./script'")
                .hasMessageContaining("Permission denied");
        assertThat(script).exists();
    }

    @Test
    void failedStartIsLaunchExceptionWithTheOsError() {
        HostTools broken = new HostTools(Optional.of(Path.of("/no/such/setsid")), Optional.empty(),
                Optional.empty(), Optional.empty());
        ProcessLauncher launcher = new ProcessLauncher(broken, AgentIdentity.current());

        assertThatThrownBy(() -> launcher.launch(shell(sandbox, "echo never")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'echo never'")
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void missingSandboxIsLaunchExceptionNamingIt() {
        Path missing = sandbox.resolve("not-created");

        assertThatThrownBy(() -> launcher.launch(shell(missing, "echo never")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void sandboxThatIsAFileIsLaunchException() throws Exception {
        Path file = Files.createFile(sandbox.resolve("file"));

        assertThatThrownBy(() -> launcher.launch(shell(file, "echo never")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'" + file + "' is not a directory");
    }

    @Test
    void concurrentLaunchesEachRunTheirOwnTask() throws Exception {
        int tasks = 8;
        ExecutorService workers = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<RunningContainer>> launched = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Path own = Files.createDirectory(sandbox.resolve("task-" + i));
                String command = "echo task-" + i;
                launched.add(workers.submit(() -> launcher.launch(shell(own, command))));
            }
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                RunningContainer container = launched.get(i).get(10, TimeUnit.SECONDS);
                pids.add(container.pid());
                assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));
                assertThat(read(sandbox.resolve("task-" + i).resolve("stdout"))).isEqualTo("task-" + i + "\n");
            }
            assertThat(pids).doesNotHaveDuplicates();
        } finally {
            workers.shutdownNow();
        }
    }
}
