package io.mezzo.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.time.TimeSource;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The Mesos v1 Scheduler API over HTTP/1.1 in JSON: SUBSCRIBE opens a RecordIO event stream,
 * every other call is a POST carrying the stream's {@code Mesos-Stream-Id}.
 *
 * <p>One daemon thread owns the subscription. It reacts to {@link StreamSignal}s from the HTTP
 * client, its timers and {@link #close()}, and delivers events to the listener in order.
 * A broken or silent stream (nothing for {@value #MISSED_HEARTBEATS} heartbeat intervals) is
 * re-subscribed with the framework id, with exponential backoff on the {@link TimeSource};
 * 307 answers are followed; a master that cannot be reached gives way at once to the one after it
 * in the list (each master once in a row, then the backoff applies). The
 * session ends ({@link Listener#onClosed}) when the master refuses SUBSCRIBE with a 4xx, or
 * ends the stream after an {@code ERROR} event (a refused, removed or failed-over framework).
 */
public final class HttpSchedulerConnection implements SchedulerConnection {
    private static final Logger LOG = System.getLogger(HttpSchedulerConnection.class.getName());
    static final String STREAM_ID = "Mesos-Stream-Id";
    static final int MISSED_HEARTBEATS = 5;
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MasterTurns turns;
    private final TimeSource time;
    private final HttpClient http;
    private final SchedulerCalls calls;
    private final BlockingQueue<StreamSignal> signals = new LinkedBlockingQueue<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;
    // Written by the stream thread, read by send().
    private volatile URI master;
    private volatile Optional<String> streamId = Optional.empty();
    private volatile Optional<JsonNode> frameworkId = Optional.empty();
    private volatile boolean ended;
    /** A TEARDOWN is on its way or accepted: the stream's end is then the session's end, not a loss. */
    private volatile boolean tearingDown;

    // Owned by the stream thread.
    private ObjectNode frameworkInfo;
    private Listener listener;
    private long attempt;
    private boolean opened;
    private int redirects;
    private Optional<String> lastError = Optional.empty();
    /** The master whose stream was lost, told to the next ones until subscribed ({@link LeaderHeaders#LOST_LEADER}). */
    private Optional<String> lostLeader = Optional.empty();
    private Duration backoff = MIN_BACKOFF;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private EventStreamSubscriber stream;
    private TimeSource.Cancellable watchdog;

    /**
     * @param masters base URIs of the masters to try in turn, e.g. {@code http://127.0.0.1:5050}
     * @param time    drives the backoff and the heartbeat watchdog
     * @param headers extra headers for every request (e.g. {@code Authorization}), asked for
     *                anew each time so credentials may change; never logged
     */
    public HttpSchedulerConnection(List<URI> masters, TimeSource time, Supplier<Map<String, String>> headers) {
        this(masters, time, headers, Optional.empty());
    }

    /**
     * As above, and with {@code tls} whom to trust for {@code https://} masters (the JDK's
     * default trust without it). Host names are verified either way.
     */
    public HttpSchedulerConnection(List<URI> masters, TimeSource time, Supplier<Map<String, String>> headers,
                                   Optional<SSLContext> tls) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("a scheduler connection needs at least one master URI");
        }
        for (URI uri : masters) {
            if (uri.getScheme() == null || uri.getAuthority() == null) {
                throw new IllegalArgumentException("invalid master URI '" + uri + "': expected e.g. http://host:5050");
            }
        }
        this.turns = new MasterTurns(masters);
        this.time = time;
        this.master = turns.first();
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        tls.ifPresent(client::sslContext);
        this.http = client.build();
        this.calls = new SchedulerCalls(http, headers);
    }

    public HttpSchedulerConnection(List<URI> masters, TimeSource time) {
        this(masters, time, Map::of);
    }

    @Override
    public void start(ObjectNode info, Listener events) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the scheduler connection was already started");
        }
        this.frameworkInfo = info.deepCopy();
        this.listener = events;
        if (info.hasNonNull("id")) {
            frameworkId = Optional.of(info.get("id").deepCopy());
        }
        Thread t = new Thread(this::run, "mezzo-scheduler-" + info.path("name").asText("framework"));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The framework id once SUBSCRIBED arrived (or the one it was started with). */
    public Optional<String> frameworkId() {
        return frameworkId.map(id -> id.path("value").asText());
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode call) {
        if (closed.get() || ended) {
            return CompletableFuture.failedFuture(new IllegalStateException("the scheduler connection is closed"));
        }
        Optional<JsonNode> id = frameworkId;
        if (id.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "cannot send " + call.path("type").asText("a call") + ": not subscribed yet"));
        }
        ObjectNode body = call.deepCopy();
        body.set("framework_id", id.get().deepCopy());
        if (!"TEARDOWN".equals(call.path("type").asText())) {
            return calls.post(master, body.toString(), streamId);
        }
        tearingDown = true;
        return calls.post(master, body.toString(), streamId).whenComplete((ok, failure) -> {
            if (failure != null) {
                tearingDown = false;
            }
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        signals.add(new StreamSignal.Close());
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the stream thread ----

    private void run() {
        subscribe();
        try {
            while (true) {
                StreamSignal signal = signals.take();
                if (signal instanceof StreamSignal.Close || !handle(signal)) {
                    stopAttempt();
                    return;
                }
            }
        } catch (InterruptedException e) {
            stopAttempt();
            Thread.currentThread().interrupt();
        }
    }

    /** Reacts to one signal; false when the session is over. */
    private boolean handle(StreamSignal signal) {
        if (signal instanceof StreamSignal.Opened s && s.attempt() == attempt) {
            opened = true;
            turns.answered();
            streamId = s.headers().firstValue(STREAM_ID);
            armWatchdog();
        } else if (signal instanceof StreamSignal.Record s && s.attempt() == attempt) {
            return event(s.bytes());
        } else if (signal instanceof StreamSignal.Answered s && s.attempt() == attempt) {
            return answered(s);
        } else if (signal instanceof StreamSignal.Ended s && s.attempt() == attempt) {
            if (tearingDown) {
                return finish(lastError.map(e -> "torn down; the master sent ERROR: " + e)
                        .orElse("torn down"), Level.INFO);
            }
            if (lastError.isPresent()) {
                return finish("master sent ERROR: " + lastError.get());
            }
            if (!opened) {
                return unreachable(s.why());
            }
            lostLeader = Optional.of(master.getRawAuthority());
            turns.answered();
            retryLater(s.why());
        } else if (signal instanceof StreamSignal.Silence s && s.attempt() == attempt) {
            if (opened) {
                lostLeader = Optional.of(master.getRawAuthority());
            }
            retryLater("no event from the master for " + heartbeat.multipliedBy(MISSED_HEARTBEATS).toSeconds() + " s");
        } else if (signal instanceof StreamSignal.Wake s && s.attempt() == attempt) {
            subscribe();
        }
        return true;
    }

    /**
     * The master asked could not be reached (likely the leader that just died): the master after
     * it in the list is asked at once, told whom the client lost, until each was tried once in a
     * row; then the backoff applies. "After it" counts from the master asked, which after a 307
     * need not be the one the client started from.
     */
    private boolean unreachable(String why) {
        master = turns.after(master);
        if (turns.askNow()) {
            LOG.log(Level.INFO, "cannot subscribe (" + why + "); trying master " + master + " now");
            subscribe();
        } else {
            retryLater(why);
        }
        return true;
    }

    private boolean event(byte[] bytes) {
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
        } catch (IOException e) {
            retryLater("the master sent an event that is not JSON: " + e.getMessage());
            return true;
        }
        armWatchdog();
        String type = event.path("type").asText();
        if (type.equals("SUBSCRIBED")) {
            JsonNode subscribed = event.path("subscribed");
            frameworkId = Optional.of(subscribed.path("framework_id").deepCopy());
            frameworkInfo.set("id", subscribed.path("framework_id").deepCopy());
            double seconds = subscribed.path("heartbeat_interval_seconds").asDouble(DEFAULT_HEARTBEAT.toSeconds());
            heartbeat = seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : DEFAULT_HEARTBEAT;
            backoff = MIN_BACKOFF;
            redirects = 0;
            turns.answered();
            lostLeader = Optional.empty();
            armWatchdog();
            LOG.log(Level.INFO, "framework " + frameworkId().orElse("?") + " subscribed at " + master);
        } else if (type.equals("ERROR")) {
            lastError = Optional.of(event.path("error").path("message").asText(""));
        }
        if (!closed.get()) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the scheduler listener failed on a " + type + " event", e);
            }
        }
        return true;
    }

    private boolean answered(StreamSignal.Answered answer) {
        turns.answered();
        int status = answer.status();
        Optional<String> location = answer.headers().firstValue("Location");
        if (status == 307 && location.isPresent()) {
            URI next = SchedulerCalls.redirected(master, location.get());
            if (++redirects <= SchedulerCalls.MAX_REDIRECTS) {
                LOG.log(Level.INFO, "master " + master + " redirected SUBSCRIBE to " + next);
                master = next;
                stopAttempt();
                subscribe();
            } else {
                master = next;
                retryLater("too many redirects, the last to " + next);
            }
            return true;
        }
        if (status >= 400 && status < 500) {
            return finish("master refused SUBSCRIBE: " + status + " " + answer.body().strip());
        }
        retryLater("master " + master + " answered SUBSCRIBE with " + status + " " + answer.body().strip());
        return true;
    }

    private void subscribe() {
        attempt++;
        opened = false;
        lastError = Optional.empty();
        streamId = Optional.empty();
        ObjectNode call = JSON.createObjectNode().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", frameworkInfo);
        frameworkId.ifPresent(id -> call.set("framework_id", id));
        long a = attempt;
        EventStreamSubscriber subscriber = new EventStreamSubscriber(a, signals);
        stream = subscriber;
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() == 200) {
                signals.add(new StreamSignal.Opened(a, info.headers()));
                return subscriber;
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                    body -> {
                        signals.add(new StreamSignal.Answered(a, info.statusCode(), info.headers(), body));
                        return null;
                    });
        };
        HttpRequest request;
        try {
            HttpRequest.Builder builder = calls.request(master).POST(HttpRequest.BodyPublishers.ofString(call.toString()));
            lostLeader.ifPresent(l -> builder.header(LeaderHeaders.LOST_LEADER, l));
            request = builder.build();
        } catch (RuntimeException e) {
            signals.add(new StreamSignal.Ended(a, "cannot build the SUBSCRIBE request: " + e.getMessage()));
            return;
        }
        http.sendAsync(request, handler).whenComplete((response, error) -> {
            if (error != null) {
                signals.add(new StreamSignal.Ended(a, "cannot reach " + request.uri() + ": " + RequestFailures.describe(error)));
            }
        });
        armWatchdog();
    }

    private void armWatchdog() {
        cancelWatchdog();
        long a = attempt;
        watchdog = time.schedule(heartbeat.multipliedBy(MISSED_HEARTBEATS), () -> signals.add(new StreamSignal.Silence(a)));
    }

    private void cancelWatchdog() {
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }

    private void stopAttempt() {
        cancelWatchdog();
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
    }

    private void retryLater(String why) {
        boolean hadStream = opened;
        stopAttempt();
        attempt++;
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        LOG.log(Level.INFO, (hadStream ? "scheduler stream lost (" : "cannot subscribe (") + why
                + "); subscribing to " + master + " in " + wait.toMillis() + " ms");
        long a = attempt;
        watchdog = time.schedule(wait, () -> signals.add(new StreamSignal.Wake(a)));
    }

    private boolean finish(String reason) {
        return finish(reason, Level.WARNING);
    }


    private boolean finish(String reason, Level level) {
        stopAttempt();
        ended = true;
        LOG.log(level, "scheduler session ended: " + reason);
        if (!closed.get()) {
            try {
                listener.onClosed(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the scheduler listener failed on close", e);
            }
        }
        return false;
    }
}
