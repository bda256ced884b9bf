package io.mezzo.launcher;

import static io.mezzo.launcher.Tasks.awaitFirstLine;
import static io.mezzo.launcher.Tasks.awaitGone;
import static io.mezzo.launcher.Tasks.awaitLines;
import static io.mezzo.launcher.Tasks.awaitTermination;
import static io.mezzo.launcher.Tasks.isRunning;
import static io.mezzo.launcher.Tasks.processGroupOf;
import static io.mezzo.launcher.Tasks.read;
import static io.mezzo.launcher.Tasks.sessionOf;
import static io.mezzo.launcher.Tasks.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.Termination;
import io.mezzo.spi.RunningContainer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signals reach the whole process group, and nothing in it outlives the task. */
class ProcessGroupTest {
    /** Starts a background child, reports its pid on stdout, and waits for it. */
    private static final String WITH_CHILD = "sleep 300 & echo $!; wait";

    private final ProcessLauncher launcher = new ProcessLauncher();

    @TempDir
    Path sandbox;

    @Test
    void taskLeadsItsOwnSessionAndProcessGroup() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "echo started; sleep 300"));
        try {
            awaitFirstLine(sandbox.resolve("stdout")); // the command runs, so setsid has run

            assertThat(processGroupOf(container.pid())).isEqualTo(container.pid());
            assertThat(sessionOf(container.pid())).isEqualTo(container.pid());
            assertThat(processGroupOf(ProcessHandle.current().pid())).isNotEqualTo(container.pid());
        } finally {
            container.destroy();
        }
        awaitTermination(container);
    }

    @Test
    void terminateEndsTaskWithSigterm() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "echo started; sleep 100"));
        awaitFirstLine(sandbox.resolve("stdout"));

        container.terminate();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Signaled(15));
    }

    @Test
    void terminateRightAfterLaunchStillEndsTask() throws Exception {
        // No wait for the command to start: setsid may not have made the group yet.
        RunningContainer container = launcher.launch(shell(sandbox, "sleep 100"));

        container.terminate();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Signaled(15));
    }

    @Test
    void terminateReachesBackgroundChildren() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, WITH_CHILD));
        long child = Long.parseLong(awaitFirstLine(sandbox.resolve("stdout")));
        assertThat(isRunning(child)).isTrue();

        container.terminate();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Signaled(15));
        awaitGone(child);
    }

    @Test
    void terminateReachesEveryProcessInTheGroupNotJustTheRoot() throws Exception {
        // The root survives SIGTERM and waits for its child, which records that SIGTERM reached
        // it. Had only the root been signalled, the child would sleep on and the task not end.
        String child = "(trap 'echo child-term > child-marker; exit' TERM; echo child-ready; sleep 300 & wait) &";
        String root = "trap 'echo root-term' TERM; echo root-ready; wait; wait";
        RunningContainer container = launcher.launch(shell(sandbox, child + " " + root));
        assertThat(awaitLines(sandbox.resolve("stdout"), 2)).containsExactlyInAnyOrder("child-ready", "root-ready");

        container.terminate();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));
        assertThat(read(sandbox.resolve("child-marker"))).isEqualTo("child-term\n");
    }

    @Test
    void destroyKillsTaskThatIgnoresSigterm() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "trap '' TERM; " + WITH_CHILD));
        long child = Long.parseLong(awaitFirstLine(sandbox.resolve("stdout")));

        container.terminate();
        container.destroy();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Signaled(9));
        awaitGone(child);
    }

    @Test
    void childrenDoNotOutliveRootThatExitsOnItsOwn() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "sleep 300 & echo $!; exit 4"));

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(4));
        long child = Long.parseLong(read(sandbox.resolve("stdout")).strip());
        awaitGone(child);
    }

    @Test
    void signalsAfterExitAreHarmless() throws Exception {
        RunningContainer container = launcher.launch(shell(sandbox, "exit 0"));
        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));

        container.terminate();
        container.destroy();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));
    }

    @Test
    void withoutKillProgramGroupIsStillSignalledMemberByMember() throws Exception {
        ProcessLauncher launcher = withoutKillProgram();
        RunningContainer container = launcher.launch(shell(sandbox, WITH_CHILD));
        long child = Long.parseLong(awaitFirstLine(sandbox.resolve("stdout")));

        container.terminate();

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Signaled(15));
        awaitGone(child);
    }

    @Test
    void withoutKillProgramOrphansAreStillKilledWhenRootExits() throws Exception {
        ProcessLauncher launcher = withoutKillProgram();
        RunningContainer container = launcher.launch(shell(sandbox, "sleep 300 & echo $!"));

        assertThat(awaitTermination(container)).isEqualTo(new Termination.Exited(0));
        awaitGone(Long.parseLong(read(sandbox.resolve("stdout")).strip()));
    }

    private static ProcessLauncher withoutKillProgram() {
        HostTools tools = HostTools.locate();
        return new ProcessLauncher(new HostTools(tools.setsid(), tools.setpriv(), Optional.empty(), tools.getent()),
                AgentIdentity.current());
    }
}
