package io.mezzo.internal.http;

import java.util.function.Consumer;

/**
 * Tells the master a stream closed exactly once, whichever comes first: the connection
 * closing, or the master naming who the stream belongs to (the id of the framework or agent
 * it registered). Used on one event loop, so it needs no locking.
 */
final class StreamClosure<I> {
    private final Consumer<I> onClosed;
    private I owner;
    private boolean closed;

    StreamClosure(Consumer<I> onClosed) {
        this.onClosed = onClosed;
    }

    /** The master registered the stream as {@code id}'s. */
    void owner(I id) {
        owner = id;
        if (closed) {
            onClosed.accept(id);
        }
    }

    /** The connection closed. */
    void closed() {
        closed = true;
        if (owner != null) {
            onClosed.accept(owner);
        }
    }
}
