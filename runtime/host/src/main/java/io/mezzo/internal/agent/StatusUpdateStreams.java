package io.mezzo.internal.agent;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.time.TimeSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The agent's status update manager, with Mesos's semantics: per task an ordered stream of
 * updates of which exactly one, the head, is in flight. The head is sent when it becomes
 * the head (if the agent is registered) and resent with backoff (10 s, doubling, at most
 * 10 min) until the master passes on the framework's acknowledgement of its uuid; then the
 * next one goes. While unregistered nothing is sent; on (re)registration every head is
 * sent at once and its backoff starts over.
 *
 * <p>Confined to the agent's actor; timers only post back to it.
 */
final class StatusUpdateStreams {
    static final Duration RETRY_MIN = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(10);
    private static final Logger LOG = System.getLogger(StatusUpdateStreams.class.getName());

    /** Hands one update to the master; fire and forget, the retry covers losses. */
    interface Sender {
        void send(FrameworkId framework, TaskStatus status);
    }

    private final TimeSource time;
    private final Executor actor;
    private final Sender sender;
    private final Map<TaskId, Stream> streams = new LinkedHashMap<>();
    private boolean active;

    StatusUpdateStreams(TimeSource time, Executor actor, Sender sender) {
        this.time = time;
        this.actor = actor;
        this.sender = sender;
    }

    private static final class Stream {
        final TaskId task;
        final FrameworkId framework;
        final Deque<TaskStatus> pending = new ArrayDeque<>();
        Duration interval = RETRY_MIN;
        TimeSource.Cancellable retry;
        Instant retryAt;
        /** Bumped on every (re)send and cancel, so a timer that fired late knows it is stale. */
        long attempt;

        Stream(TaskId task, FrameworkId framework) {
            this.task = task;
            this.framework = framework;
        }
    }

    /** Appends a status (which must carry a uuid) to its task's stream. */
    void enqueue(FrameworkId framework, TaskStatus status) {
        if (status.uuid().isEmpty()) {
            throw new IllegalArgumentException("status update for task '" + status.taskId() + "' has no uuid");
        }
        Stream stream = streams.computeIfAbsent(status.taskId(), id -> new Stream(id, framework));
        stream.pending.addLast(status);
        if (stream.pending.size() == 1 && active) {
            transmit(stream);
        }
    }

    /**
     * Takes the acknowledgement of {@code uuid} for {@code task}. Returns the acknowledged
     * status when it was the stream's head; duplicates and unknown acks are ignored.
     */
    Optional<TaskStatus> acknowledge(TaskId task, UUID uuid) {
        Stream stream = streams.get(task);
        TaskStatus head = stream == null ? null : stream.pending.peekFirst();
        if (head == null || !head.uuid().equals(Optional.of(uuid))) {
            LOG.log(Level.DEBUG, () -> "ignoring acknowledgement " + uuid + " for task '" + task
                    + "': not the update in flight (duplicate or unknown)");
            return Optional.empty();
        }
        stream.pending.removeFirst();
        stopRetrying(stream);
        stream.interval = RETRY_MIN;
        if (stream.pending.isEmpty()) {
            streams.remove(task);
        } else if (active) {
            transmit(stream);
        }
        return Optional.of(head);
    }

    /** The agent is registered: send every head now, backoff from the start. */
    void resume() {
        active = true;
        for (Stream stream : streams.values()) {
            stopRetrying(stream);
            stream.interval = RETRY_MIN;
            transmit(stream);
        }
    }

    /** The agent lost its master: stop retrying until {@link #resume}. */
    void pause() {
        active = false;
        streams.values().forEach(this::stopRetrying);
    }

    /** Forgets every pending update of {@code framework}'s tasks; nothing of them is sent any more. */
    void dropFramework(FrameworkId framework) {
        for (Iterator<Stream> it = streams.values().iterator(); it.hasNext(); ) {
            Stream stream = it.next();
            if (stream.framework.equals(framework)) {
                stopRetrying(stream);
                it.remove();
            }
        }
    }

    /** Updates of {@code task} not yet acknowledged, the one in flight included. */
    int pending(TaskId task) {
        Stream stream = streams.get(task);
        return stream == null ? 0 : stream.pending.size();
    }

    /** The updates of {@code task} not yet acknowledged, oldest (the one in flight) first. */
    List<TaskStatus> pendingUpdates(TaskId task) {
        Stream stream = streams.get(task);
        return stream == null ? List.of() : List.copyOf(stream.pending);
    }

    /** When the update in flight for {@code task} is resent next, if it is being retried. */
    Optional<Instant> retryAt(TaskId task) {
        Stream stream = streams.get(task);
        return stream == null ? Optional.empty() : Optional.ofNullable(stream.retryAt);
    }

    private void transmit(Stream stream) {
        TaskStatus head = stream.pending.peekFirst();
        if (head == null) {
            return;
        }
        // Arm the retry before sending, so whoever sees the update also sees the retry armed.
        long attempt = ++stream.attempt;
        Duration wait = stream.interval;
        stream.retryAt = time.instant().plus(wait);
        stream.retry = time.schedule(wait, () -> actor.execute(() -> retry(stream, attempt)));
        sender.send(stream.framework, head);
    }

    private void retry(Stream stream, long attempt) {
        if (!active || stream.attempt != attempt || streams.get(stream.task) != stream) {
            return;
        }
        stream.interval = min(stream.interval.multipliedBy(2), RETRY_MAX);
        TaskStatus head = stream.pending.peekFirst();
        LOG.log(Level.DEBUG, () -> "resending unacknowledged " + head.state() + " of task '" + stream.task + "'");
        transmit(stream);
    }

    private void stopRetrying(Stream stream) {
        stream.attempt++;
        stream.retryAt = null;
        if (stream.retry != null) {
            stream.retry.cancel();
            stream.retry = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
