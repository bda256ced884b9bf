package io.mezzo.internal.http;

import io.mezzo.internal.wire.RecordIo;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * A chunked response carrying RecordIO records, one record per chunk (some Mesos clients
 * parse exactly one per chunk). {@link #send} and {@link #close} may be called from any
 * thread (the master's): they hop onto the connection's event loop, which keeps order.
 *
 * <p>Memory is bounded: a client that stops reading until the write queue holds more than
 * {@code maxQueuedBytes} is disconnected, which the master treats like any disconnection.
 */
final class EventStream<E> {
    private static final Logger LOG = System.getLogger(EventStream.class.getName());

    private final Context context;
    private final HttpServerResponse response;
    private final Function<E, byte[]> encoder;
    private final String description;
    private boolean closed;

    EventStream(Context context, HttpServerResponse response, String contentType, int maxQueuedBytes,
                Function<E, byte[]> encoder, String description) {
        this.context = context;
        this.response = response;
        this.encoder = encoder;
        this.description = description;
        response.setChunked(true);
        response.setStatusCode(200);
        response.putHeader("Content-Type", contentType);
        response.setWriteQueueMaxSize(maxQueuedBytes);
    }

    HttpServerResponse response() {
        return response;
    }

    void send(E event) {
        context.runOnContext(v -> write(event));
    }

    void close() {
        context.runOnContext(v -> {
            if (!closed) {
                closed = true;
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
                response.reset();
            }
        });
    }

    private void write(E event) {
        if (closed || response.closed() || response.ended()) {
            return;
        }
        if (response.writeQueueFull()) {
            LOG.log(Level.WARNING, description + " is not reading its event stream; disconnecting it");
            closed = true;
            response.reset();
            return;
        }
        byte[] record;
        try {
            record = RecordIo.encode(encoder.apply(event));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot encode " + event.getClass().getSimpleName() + " for " + description, e);
            return;
        }
        response.write(Buffer.buffer(record));
    }
}
