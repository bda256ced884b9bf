package io.mezzo.internal.scheduler;

import io.mezzo.internal.wire.RecordIo;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one SUBSCRIBE response body: splits the RecordIO stream into records and queues them
 * for the stream thread, then queues {@link StreamSignal.Ended}. Holding the subscription lets
 * the connection drop a silent stream at once ({@link #cancel()}), which a blocking
 * {@code InputStream} read would not allow.
 */
final class EventStreamSubscriber implements HttpResponse.BodySubscriber<Void> {
    /** Largest event the client accepts, as the master's own limit on agent messages. */
    private static final long MAX_EVENT_BYTES = 16L * 1024 * 1024;

    private final long attempt;
    private final BlockingQueue<StreamSignal> signals;
    private final RecordIo.Decoder decoder = new RecordIo.Decoder(MAX_EVENT_BYTES);
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    EventStreamSubscriber(long attempt, BlockingQueue<StreamSignal> signals) {
        this.attempt = attempt;
        this.signals = signals;
    }

    /** Stops reading and lets the HTTP client drop the connection. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                for (byte[] record : decoder.feed(bytes)) {
                    signals.add(new StreamSignal.Record(attempt, record));
                }
            }
        } catch (IllegalStateException e) {
            subscription.cancel();
            end("the event stream is malformed: " + e.getMessage());
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        end("the event stream broke: " + error);
    }

    @Override
    public void onComplete() {
        end(decoder.atBoundary() ? "the master closed the event stream"
                : "the event stream ended inside a record");
    }

    private void end(String why) {
        if (!body.isDone()) {
            body.complete(null);
            signals.add(new StreamSignal.Ended(attempt, why));
        }
    }
}
