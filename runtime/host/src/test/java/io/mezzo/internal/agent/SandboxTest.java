package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    private static final AgentId AGENT = new AgentId("a1");
    private static final FrameworkId FW = new FrameworkId("f1");
    private static final TaskId TASK = new TaskId("t1");

    @Test
    void runDirectoryFollowsTheMesosLayout(@TempDir Path work) {
        assertThat(Sandbox.runDirectory(work, AGENT, FW, TASK, new ContainerId("c1")))
                .isEqualTo(work.resolve("slaves/a1/frameworks/f1/executors/t1/runs/c1"));
    }

    @Test
    void latestPointsAtTheNewestRun(@TempDir Path work) throws Exception {
        Path first = Sandbox.create(work, AGENT, FW, TASK, new ContainerId("c1"));
        Path second = Sandbox.create(work, AGENT, FW, TASK, new ContainerId("c2"));

        Path latest = first.getParent().resolve("latest");
        assertThat(Files.readSymbolicLink(latest)).isEqualTo(Path.of("c2"));
        assertThat(latest.toRealPath()).isEqualTo(second.toRealPath());
        assertThat(Files.isDirectory(first)).isTrue();
        try (var entries = Files.list(first.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("c1", "c2", "latest");
        }
    }
}
