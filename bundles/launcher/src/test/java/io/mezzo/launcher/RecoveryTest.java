package io.mezzo.launcher;

import static io.mezzo.launcher.Tasks.awaitFirstLine;
import static io.mezzo.launcher.Tasks.awaitGone;
import static io.mezzo.launcher.Tasks.awaitTermination;
import static io.mezzo.launcher.Tasks.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.ContainerId;
import io.mezzo.api.Termination;
import io.mezzo.spi.RunningContainer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second launcher (as after the bundle was replaced) takes over running tasks by pid. */
class RecoveryTest {
    private final ProcessLauncher original = new ProcessLauncher();
    private final ProcessLauncher replacement = new ProcessLauncher();

    @TempDir
    Path sandbox;

    @Test
    void livePidIsRecoveredAndItsGroupCanBeTerminated() throws Exception {
        RunningContainer started = original.launch(shell(sandbox, "sleep 300 & echo $!; wait"));
        long child = Long.parseLong(awaitFirstLine(sandbox.resolve("stdout")));

        Optional<RunningContainer> recovered = replacement.recover(ContainerId.of("recovered"), started.pid());

        assertThat(recovered).isPresent();
        assertThat(recovered.get().id()).isEqualTo(ContainerId.of("recovered"));
        assertThat(recovered.get().pid()).isEqualTo(started.pid());
        recovered.get().terminate();
        assertThat(awaitTermination(recovered.get())).isEqualTo(new Termination.Unknown("recovered process"));
        assertThat(awaitTermination(started)).isEqualTo(new Termination.Signaled(15));
        awaitGone(child);
    }

    @Test
    void recoveredRootThatEndsTakesItsGroupWithIt() throws Exception {
        // A group leader this JVM's launchers did not start, so only the recovered container
        // can be the one cleaning up after it.
        Path stdout = sandbox.resolve("stdout");
        Process foreign = new ProcessBuilder("setsid", "/bin/sh", "-c", "sleep 300 & echo $!; wait")
                .redirectOutput(stdout.toFile())
                .start();
        long child = Long.parseLong(awaitFirstLine(stdout));
        RunningContainer recovered = replacement.recover(ContainerId.of("foreign"), foreign.pid()).orElseThrow();

        foreign.destroyForcibly(); // the root alone: its child would otherwise live on

        assertThat(awaitTermination(recovered)).isEqualTo(new Termination.Unknown("recovered process"));
        awaitGone(child);
    }

    @Test
    void recoveredProcessThatLeadsNoGroupIsSignalledAlone() throws Exception {
        Process plain = new ProcessBuilder("sleep", "300").start(); // in this JVM's process group
        RunningContainer recovered = replacement.recover(ContainerId.of("plain"), plain.pid()).orElseThrow();

        recovered.destroy();

        assertThat(awaitTermination(recovered)).isEqualTo(new Termination.Unknown("recovered process"));
        assertThat(plain.waitFor()).isEqualTo(128 + 9);
    }

    @Test
    void deadPidIsNotRecovered() throws Exception {
        RunningContainer ended = original.launch(shell(sandbox, "exit 0"));
        awaitTermination(ended);

        assertThat(replacement.recover(ContainerId.of("gone"), ended.pid())).isEmpty();
    }

    @Test
    void zombieIsNotRecovered() throws Exception {
        // The root never waits for its child, which stays a zombie once it has exited.
        RunningContainer parent = original.launch(shell(sandbox, "true & echo $!; exec sleep 300"));
        try {
            long zombie = Long.parseLong(awaitFirstLine(sandbox.resolve("stdout")));
            awaitGone(zombie);
            assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).as("the JDK's view").contains(true);

            assertThat(replacement.recover(ContainerId.of("zombie"), zombie)).isEmpty();
        } finally {
            parent.destroy();
        }
        awaitTermination(parent);
    }

    @Test
    void agentItselfIsNeverRecovered() {
        assertThat(replacement.recover(ContainerId.of("self"), ProcessHandle.current().pid())).isEmpty();
    }
}
