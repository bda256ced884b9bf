package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The update manager alone: a fake clock, timers run inline, a sender that records. */
class StatusUpdateStreamsTest {
    private static final FrameworkId FW = new FrameworkId("fw-1");
    private static final FrameworkId OTHER = new FrameworkId("fw-2");

    private final FakeTime time = new FakeTime();
    private final List<String> sent = new ArrayList<>();
    private final StatusUpdateStreams streams = new StatusUpdateStreams(time, Runnable::run,
            (fw, status) -> sent.add(fw + "/" + status.taskId() + ":" + status.state()));
    private final StatusFactory statuses = new StatusFactory(time, new SplittableRandom(1));

    private TaskStatus status(String task, TaskState state) {
        return statuses.status(new StatusFactory.Origin(new TaskId(task), new AgentId("a"), Optional.empty(),
                OptionalLong.empty()), state, StatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty());
    }

    private static UUID uuid(TaskStatus s) {
        return s.uuid().orElseThrow();
    }

    @Test
    void onlyTheHeadIsInFlightAndAnAckReleasesTheNext() {
        streams.resume();
        TaskStatus starting = status("t", TaskState.TASK_STARTING);
        TaskStatus running = status("t", TaskState.TASK_RUNNING);
        TaskStatus finished = status("t", TaskState.TASK_FINISHED);
        streams.enqueue(FW, starting);
        streams.enqueue(FW, running);
        streams.enqueue(FW, finished);
        assertThat(sent).containsExactly("fw-1/t:TASK_STARTING");

        assertThat(streams.acknowledge(new TaskId("t"), uuid(starting))).contains(starting);
        assertThat(sent).containsExactly("fw-1/t:TASK_STARTING", "fw-1/t:TASK_RUNNING");
        streams.acknowledge(new TaskId("t"), uuid(running));
        streams.acknowledge(new TaskId("t"), uuid(finished));
        assertThat(sent).hasSize(3).last().isEqualTo("fw-1/t:TASK_FINISHED");
        assertThat(streams.pending(new TaskId("t"))).isZero();
    }

    @Test
    void duplicateAndUnknownAcksAreIgnored() {
        streams.resume();
        TaskStatus starting = status("t", TaskState.TASK_STARTING);
        TaskStatus running = status("t", TaskState.TASK_RUNNING);
        streams.enqueue(FW, starting);
        streams.enqueue(FW, running);

        // An ack for the second update, before the first is acknowledged, changes nothing.
        assertThat(streams.acknowledge(new TaskId("t"), uuid(running))).isEmpty();
        assertThat(streams.acknowledge(new TaskId("x"), uuid(starting))).isEmpty();
        assertThat(streams.pending(new TaskId("t"))).isEqualTo(2);

        streams.acknowledge(new TaskId("t"), uuid(starting));
        assertThat(streams.acknowledge(new TaskId("t"), uuid(starting))).isEmpty();
        assertThat(streams.pending(new TaskId("t"))).isEqualTo(1);
        assertThat(sent).containsExactly("fw-1/t:TASK_STARTING", "fw-1/t:TASK_RUNNING");
    }

    @Test
    void headIsResentWithDoublingBackoffCappedAtTenMinutes() {
        streams.resume();
        streams.enqueue(FW, status("t", TaskState.TASK_STARTING));
        // Resends at 10, 30, 70, 150, 310, 630 s; then every 600 s: 1230, 1830.
        long[] resendAt = {10, 30, 70, 150, 310, 630, 1230, 1830};
        long now = 0;
        for (int i = 0; i < resendAt.length; i++) {
            time.advance(Duration.ofSeconds(resendAt[i] - now - 1));
            assertThat(sent).as("before %d s", resendAt[i]).hasSize(i + 1);
            time.advance(Duration.ofSeconds(1));
            assertThat(sent).as("at %d s", resendAt[i]).hasSize(i + 2);
            now = resendAt[i];
        }
    }

    @Test
    void nothingIsSentWhilePausedAndEveryHeadGoesOutOnResume() {
        TaskStatus a = status("a", TaskState.TASK_STARTING);
        streams.enqueue(FW, a);
        streams.enqueue(OTHER, status("b", TaskState.TASK_STARTING));
        time.advance(Duration.ofMinutes(5));
        assertThat(sent).isEmpty();

        streams.resume();
        assertThat(sent).containsExactly("fw-1/a:TASK_STARTING", "fw-2/b:TASK_STARTING");

        streams.pause();
        time.advance(Duration.ofMinutes(30));
        assertThat(sent).hasSize(2);
        assertThat(streams.retryAt(new TaskId("a"))).isEmpty();

        // Backoff starts over: the first resend after resuming is 10 s later.
        streams.resume();
        assertThat(sent).hasSize(4);
        assertThat(streams.retryAt(new TaskId("a"))).contains(time.instant().plusSeconds(10));
    }

    @Test
    void droppedFrameworkSendsNothingMore() {
        streams.resume();
        streams.enqueue(FW, status("a", TaskState.TASK_STARTING));
        streams.enqueue(FW, status("a", TaskState.TASK_RUNNING));
        streams.enqueue(OTHER, status("b", TaskState.TASK_STARTING));

        streams.dropFramework(FW);
        time.advance(Duration.ofSeconds(10));

        assertThat(streams.pending(new TaskId("a"))).isZero();
        assertThat(sent).containsExactly("fw-1/a:TASK_STARTING", "fw-2/b:TASK_STARTING", "fw-2/b:TASK_STARTING");
    }
}
