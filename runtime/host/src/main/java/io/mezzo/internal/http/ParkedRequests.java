package io.mezzo.internal.http;

import io.mezzo.internal.time.TimeSource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API requests a master cannot answer yet, held instead of refused. During a failover there
 * is a moment when a standby knows no leader, or still names the one its caller just lost,
 * and when the new leader is still recovering; Mesos answers 503 then and every client backs
 * off, which costs seconds. Held here, a request is looked at again whenever the master's
 * view changes ({@link #wake}) and answered as soon as there is something better to say, or
 * after {@link #LIMIT} with the answer it would have had at once.
 *
 * <p>A held request is paused (its body stays unread in the connection) and its client may
 * hang up meanwhile; at most {@link #MAX} are held, beyond that callers get the answer of the
 * moment. Park and release run on the request's event loop; {@link #wake} on any thread.
 */
final class ParkedRequests {
    /** Longer than a failover takes (about a second), well under clients' timeouts. */
    static final Duration LIMIT = Duration.ofSeconds(3);
    static final int MAX = 10_000;
    static final int WAKE_BATCH = 16;

    private record Parked(Context context, Runnable reconsider, TimeSource.Cancellable timer) {}

    private final TimeSource time;
    private final Map<HttpServerRequest, Parked> parked = new ConcurrentHashMap<>();
    private final AtomicLong wakes = new AtomicLong();

    ParkedRequests(TimeSource time) {
        this.time = time;
    }

    /** Whether {@code request} is held now. */
    boolean holds(HttpServerRequest request) {
        return parked.containsKey(request);
    }

    /** How many wakes there were so far: read it before deciding to {@link #park}. */
    long wakes() {
        return wakes.get();
    }

    /**
     * Holds {@code request}: {@code reconsider} runs on its event loop after every {@link #wake}
     * and must {@link #release} it once it answers; {@code expire} runs there once after {@link
     * #LIMIT} if it is still held (released first). False, holding nothing, when {@link #MAX}
     * requests are held already.
     *
     * @param wakesSeen {@link #wakes()} as read before the caller decided to hold the request: a
     *                  wake since then may have looked at the held requests before this one was
     *                  among them, so it is reconsidered at once instead of waiting for the limit
     */
    boolean park(HttpServerRequest request, long wakesSeen, Runnable reconsider, Runnable expire) {
        if (parked.size() >= MAX) {
            return false;
        }
        Context context = Vertx.currentContext();
        request.pause();
        TimeSource.Cancellable timer = time.schedule(LIMIT, () -> context.runOnContext(v -> {
            if (release(request)) {
                request.resume();
                expire.run();
            }
        }));
        parked.put(request, new Parked(context, reconsider, timer));
        // A client that gives up is forgotten; nothing is written to its closed response.
        request.response().closeHandler(v -> release(request));
        if (wakes.get() != wakesSeen) {
            context.runOnContext(v -> {
                if (holds(request)) {
                    reconsider.run();
                }
            });
        }
        return true;
    }

    /**
     * Stops holding {@code request}; true when it was held. The caller resumes it once its body
     * has a reader.
     */
    boolean release(HttpServerRequest request) {
        Parked held = parked.remove(request);
        if (held == null) {
            return false;
        }
        held.timer().cancel();
        request.response().closeHandler(null);
        return true;
    }

    /**
     * Something changed (a leader is known, this master serves): every held request is looked at
     * again, {@link #WAKE_BATCH} at a time per event loop with a turn of the loop between batches,
     * so that a new leader releasing hundreds of held re-registrations at once still answers
     * other requests meanwhile.
     */
    void wake() {
        // Counted before looking: a request parked from now on either is seen below or sees the count.
        wakes.incrementAndGet();
        Map<Context, Deque<HttpServerRequest>> byLoop = new HashMap<>();
        parked.forEach((request, p) -> byLoop.computeIfAbsent(p.context(), c -> new ArrayDeque<>()).add(request));
        byLoop.forEach((context, queue) -> context.runOnContext(v -> reconsiderSome(context, queue)));
    }

    /** On {@code context}'s loop: the next batch of {@code queue}, those still held (not expired or gone). */
    private void reconsiderSome(Context context, Deque<HttpServerRequest> queue) {
        for (int i = 0; i < WAKE_BATCH && !queue.isEmpty(); i++) {
            Parked held = parked.get(queue.poll());
            if (held != null) {
                held.reconsider().run();
            }
        }
        if (!queue.isEmpty()) {
            // A timer, not runOnContext: the loop reads its sockets before the next batch.
            context.owner().setTimer(1, id -> context.runOnContext(v -> reconsiderSome(context, queue)));
        }
    }
}
