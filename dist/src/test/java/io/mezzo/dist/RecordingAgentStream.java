package io.mezzo.dist;

import io.mezzo.internal.master.AgentStream;
import io.mezzo.internal.protocol.AgentEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An agent's registration stream inside the test: it runs nothing and keeps what the master sends. */
final class RecordingAgentStream implements AgentStream {
    private final String streamId;
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();

    RecordingAgentStream(String streamId) {
        this.streamId = streamId;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void send(AgentEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        // Nothing to release: the test reads the events it kept.
    }

    /** The next event of {@code type}, skipping heartbeats and anything else before it. */
    <E extends AgentEvent> E next(Class<E> type) throws InterruptedException {
        long deadline = System.nanoTime() + Waits.EVENT.toNanos();
        while (true) {
            AgentEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + type.getSimpleName() + " agent event within " + Waits.EVENT);
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }
}
