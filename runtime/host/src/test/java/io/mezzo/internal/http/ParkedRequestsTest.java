package io.mezzo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.time.FakeTime;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Held requests over real loopback HTTP, with the clock standing still unless a test moves it. */
class ParkedRequestsTest {
    private final Vertx vertx = Vertx.vertx();
    private final FakeTime time = new FakeTime();
    private final ParkedRequests parked = new ParkedRequests(time);

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Starts a server whose every request is held, as a standby holds calls, and answered
     * "reconsidered" when looked at again or "expired" after the limit. With {@code wakeBetween}
     * a wake comes after the handler read {@link ParkedRequests#wakes()} and before it holds the
     * request: the race between a new leader starting to serve and a call it is about to hold.
     */
    private int server(boolean wakeBetween, AtomicBoolean held) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            long seen = parked.wakes();
            if (wakeBetween) {
                parked.wake();
            }
            parked.park(request, seen, () -> {
                parked.release(request);
                request.response().end("reconsidered");
            }, () -> request.response().end("expired"));
            held.set(parked.holds(request));
        });
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    private static CompletableFuture<String> get(int port) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
    }

    @Test
    void aRequestHeldJustAfterAWakeItMissedIsLookedAtAgainAtOnce() throws Exception {
        AtomicBoolean held = new AtomicBoolean();
        int port = server(true, held);

        assertThat(get(port).get(10, TimeUnit.SECONDS)).as("the clock never moved").isEqualTo("reconsidered");
        assertThat(held).isTrue();
    }

    @Test
    void withoutAWakeAHeldRequestWaitsForTheNextWakeOrTheLimit() throws Exception {
        AtomicBoolean held = new AtomicBoolean();
        int port = server(false, held);

        CompletableFuture<String> first = get(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!held.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first).isNotDone();
        parked.wake();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("reconsidered");

        held.set(false);
        CompletableFuture<String> second = get(port);
        while (!held.get() && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(5);
        }
        time.advance(ParkedRequests.LIMIT.plus(Duration.ofMillis(1)));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("expired");
    }
}
