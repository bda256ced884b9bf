package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.TaskId;
import io.mezzo.api.Termination;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCheckpointTest {
    @TempDir
    Path work;

    private static TaskStatus status(TaskState state) {
        return new StatusFactory(new FakeTime(), new SplittableRandom(1)).status(
                new StatusFactory.Origin(new TaskId("t"), new AgentId("a-1"), Optional.of(new ContainerId("c-1")),
                        OptionalLong.of(42)), state, StatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty());
    }

    private static AgentCheckpoint.Task task(String container) {
        TaskStatus running = status(TaskState.TASK_RUNNING);
        return new AgentCheckpoint.Task(AgentHarness.FW, AgentHarness.framework(AgentHarness.FW),
                AgentHarness.task("t", "sleep 1"), new ContainerId(container), Optional.of("/sandbox"),
                OptionalLong.of(42), OptionalLong.of(1_700_000_000_000L), running, List.of(running), true, false);
    }

    @Test
    void recordsComeBackAsTheyWereWritten() {
        AgentCheckpoint checkpoint = AgentCheckpoint.in(work);
        assertThat(checkpoint.agentId()).isEmpty();
        assertThat(checkpoint.tasks()).isEmpty();

        checkpoint.saveAgentId(new AgentId("a-1"));
        checkpoint.save(task("c-1"));
        checkpoint.save(task("c-2"));
        checkpoint.remove(new ContainerId("c-2"));

        AgentCheckpoint again = AgentCheckpoint.in(work);
        assertThat(again.agentId()).contains(new AgentId("a-1"));
        assertThat(again.tasks()).containsExactly(task("c-1"));
    }

    @Test
    void unreadableRecordIsSetAsideAndLeftOutAndATemporaryFileRemoved() throws Exception {
        AgentCheckpoint checkpoint = AgentCheckpoint.in(work);
        checkpoint.save(task("c-1"));
        Path tasks = work.resolve(AgentCheckpoint.DIRECTORY).resolve("tasks");
        Files.writeString(tasks.resolve("c-2.json"), "{\"framework_id\": \"fw-1\", \"task\": ");
        Files.writeString(tasks.resolve(".tmp-c-3.json"), "half a rec");

        assertThat(checkpoint.tasks()).containsExactly(task("c-1"));
        assertThat(Files.exists(tasks.resolve("c-2.json.unreadable"))).isTrue();
        assertThat(Files.exists(tasks.resolve(".tmp-c-3.json"))).isFalse();
        assertThat(checkpoint.tasks()).as("read again").containsExactly(task("c-1"));
    }

    @Test
    void recordedExitStatusReadsAsTheJdkWouldHaveReportedIt() throws Exception {
        Files.writeString(work.resolve(RecordedExit.FILE), "3\n");
        assertThat(RecordedExit.read(work)).contains(new Termination.Exited(3));
        Files.writeString(work.resolve(RecordedExit.FILE), "143\n");
        assertThat(RecordedExit.read(work)).contains(new Termination.Signaled(15));
        Files.writeString(work.resolve(RecordedExit.FILE), "garbage");
        assertThat(RecordedExit.read(work)).isEmpty();
        Files.delete(work.resolve(RecordedExit.FILE));
        assertThat(RecordedExit.read(work)).isEmpty();
    }
}
