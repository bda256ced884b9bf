package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.TimeSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes the agent's task statuses: each with a fresh uuid (so it is delivered reliably), the
 * time it was made, the agent id and the executor id, which for command tasks is the task id.
 * Confined to the agent's actor (the random generator is not thread-safe).
 */
final class StatusFactory {
    private final TimeSource time;
    private final RandomGenerator random;

    StatusFactory(TimeSource time, RandomGenerator random) {
        this.time = time;
        this.random = random;
    }

    /** What every status of one task run shares. */
    record Origin(TaskId task, AgentId agent, Optional<ContainerId> container, OptionalLong pid) {
        Origin withProcess(ContainerId id, long processId) {
            return new Origin(task, agent, Optional.of(id), OptionalLong.of(processId));
        }
    }

    TaskStatus status(Origin origin, TaskState state, StatusSource source, Optional<Reason> reason,
                      Optional<String> message) {
        return status(origin, state, source, reason, message, Optional.empty());
    }

    /** With {@code data}, e.g. a JS task's result. */
    TaskStatus status(Origin origin, TaskState state, StatusSource source, Optional<Reason> reason,
                      Optional<String> message, Optional<Blob> data) {
        return new TaskStatus(origin.task(), state, source, reason, message, data,
                Optional.of(origin.agent()), Optional.of(origin.task().value()), time.epochSeconds(),
                Optional.of(uuid()), origin.container(), origin.pid());
    }

    /** A version-4 UUID drawn from the injected generator, so tests can make them repeatable. */
    UUID uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
