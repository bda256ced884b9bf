package io.mezzo.internal.master;

/**
 * A framework's subscription connection as the master sees it. Implemented by the HTTP
 * adapter; both methods are called on the master's thread and must not block: they hand
 * the event to the connection's own event loop.
 */
public interface FrameworkStream {

    /** The {@code Mesos-Stream-Id} of this connection. */
    String streamId();

    void send(SchedulerEvent event);

    /** Ends the stream (after an ERROR event, or on removal). Idempotent. */
    void close();
}
