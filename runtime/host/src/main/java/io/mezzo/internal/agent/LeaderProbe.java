package io.mezzo.internal.agent;

import io.mezzo.internal.time.TimeSource;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Asks the other masters, one per interval and in turn, who leads ({@code GET /redirect}).
 * A killed leader drops the agent's stream at once, but a hung one (SIGSTOP, a partition)
 * keeps it open and silent for up to five heartbeat intervals; the probe lets the agent
 * learn of the new leader as soon as the survivors have elected it.
 *
 * <p>Cheap and bounded: at most one probe is in flight and it gives up after a short
 * (real-time, I/O) timeout; the interval runs on the agent's {@link TimeSource}. Only a
 * 307 carrying both a {@code Location} and a {@code Mezzo-Epoch} is reported; anything
 * else (503 "No leader elected", a failure, a timeout) says nothing about who leads.
 *
 * <p>Confined to the agent's actor; the HTTP exchange runs on the agent's event loop and
 * posts its answer back.
 */
final class LeaderProbe {
    private static final Logger LOG = System.getLogger(LeaderProbe.class.getName());
    static final String PATH = "/redirect";
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(200);

    /** {@code asked} says {@code leader} leads in term {@code epoch}. */
    record Answer(MasterAddress asked, MasterAddress leader, long epoch) {}

    private final List<MasterAddress> masters;
    private final Duration interval;
    private final long timeoutMs;
    private final HttpClient http;
    private final Context loop;
    private final TimeSource time;
    private final Executor actor;
    private final Supplier<Optional<MasterAddress>> current;
    private final Consumer<Answer> sink;

    private int next;
    private boolean inFlight;
    private boolean closed;
    private TimeSource.Cancellable timer;

    /**
     * @param current the master the agent is talking to now (registered or registering), if any;
     *                it is never probed, and nothing is probed while there is none
     * @param sink    gets every answer that names a leader, on the actor
     */
    LeaderProbe(List<MasterAddress> masters, Duration interval, HttpClient http, Context loop, TimeSource time,
                Executor actor, Supplier<Optional<MasterAddress>> current, Consumer<Answer> sink) {
        this.masters = List.copyOf(masters);
        this.interval = interval;
        Duration timeout = interval.compareTo(MAX_TIMEOUT) < 0 ? interval : MAX_TIMEOUT;
        this.timeoutMs = Math.max(MIN_TIMEOUT.toMillis(), timeout.toMillis());
        this.http = http;
        this.loop = loop;
        this.time = time;
        this.actor = actor;
        this.current = current;
        this.sink = sink;
    }

    /** Starts probing, unless there is no other master to ask or probing is off (a zero interval). */
    void start() {
        if (masters.size() > 1 && !interval.isZero() && !closed && timer == null) {
            arm();
        }
    }

    void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void arm() {
        timer = time.schedule(interval, () -> actor.execute(this::tick));
    }

    private void tick() {
        if (closed) {
            return;
        }
        arm();
        Optional<MasterAddress> talkingTo = current.get();
        if (inFlight || talkingTo.isEmpty()) {
            return;
        }
        Optional<MasterAddress> target = nextOtherThan(talkingTo.get());
        if (target.isPresent()) {
            inFlight = true;
            MasterAddress asked = target.get();
            loop.runOnContext(v -> ask(asked));
        }
    }

    private Optional<MasterAddress> nextOtherThan(MasterAddress self) {
        for (int i = 0; i < masters.size(); i++) {
            MasterAddress candidate = masters.get(next);
            next = (next + 1) % masters.size();
            if (!candidate.equals(self)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** On the loop. */
    private void ask(MasterAddress asked) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(asked.host())
                .setPort(asked.port()).setURI(PATH).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
        http.request(options)
                .compose(request -> request.send())
                .compose(response -> response.end().map(v -> answer(asked, response.statusCode(),
                        response.getHeader(HttpHeaders.LOCATION),
                        response.getHeader(MasterConnection.EPOCH_HEADER))))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.log(Level.DEBUG, () -> "leader probe of master " + asked + " failed: "
                                + ar.cause().getMessage());
                    }
                    Optional<Answer> answer = ar.succeeded() ? ar.result() : Optional.empty();
                    post(() -> done(answer));
                });
    }

    private static Optional<Answer> answer(MasterAddress asked, int status, String location, String epochValue) {
        if (status != 307) {
            LOG.log(Level.DEBUG, () -> "leader probe: master " + asked + " answered " + status);
            return Optional.empty();
        }
        Optional<MasterAddress> leader = MasterConnection.redirectTarget(location);
        OptionalLong epoch = MasterConnection.epochHeader(epochValue, asked);
        if (leader.isEmpty() || epoch.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "leader probe: master " + asked + " answered 307 without a usable Location"
                    + " and " + MasterConnection.EPOCH_HEADER);
            return Optional.empty();
        }
        return Optional.of(new Answer(asked, leader.get(), epoch.getAsLong()));
    }

    private void done(Optional<Answer> answer) {
        inFlight = false;
        if (!closed) {
            answer.ifPresent(sink);
        }
    }

    private void post(Runnable task) {
        try {
            actor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "agent closed; dropping a leader probe answer");
        }
    }
}
