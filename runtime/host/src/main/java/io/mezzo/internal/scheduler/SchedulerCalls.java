package io.mezzo.internal.scheduler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The requests of a {@link HttpSchedulerConnection}: every call but SUBSCRIBE is a POST that
 * the master answers 202, following at most {@link #MAX_REDIRECTS} 307s to the leader; the
 * SUBSCRIBE request is built here too, with the same headers.
 */
final class SchedulerCalls {
    static final String PATH = "/api/v1/scheduler";
    static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final Supplier<Map<String, String>> headers;

    SchedulerCalls(HttpClient http, Supplier<Map<String, String>> headers) {
        this.http = http;
        this.headers = headers;
    }

    /** POSTs {@code body} on the stream {@code stream}; fails with a {@link SchedulerCallException} unless 202. */
    CompletableFuture<Void> post(URI base, String body, Optional<String> stream) {
        return post(base, body, stream, 0);
    }

    private CompletableFuture<Void> post(URI base, String body, Optional<String> stream, int hops) {
        HttpRequest.Builder request = request(base).POST(HttpRequest.BodyPublishers.ofString(body));
        stream.ifPresent(s -> request.header(HttpSchedulerConnection.STREAM_ID, s));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(response -> {
                    int status = response.statusCode();
                    if (status == 202) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Optional<String> location = response.headers().firstValue("Location");
                    if (status == 307 && location.isPresent() && hops < MAX_REDIRECTS) {
                        return post(redirected(base, location.get()), body, stream, hops + 1);
                    }
                    return CompletableFuture.<Void>failedFuture(new SchedulerCallException(status, response.body()));
                });
    }

    /** A request to the scheduler endpoint of {@code base}, JSON both ways, with the extra headers. */
    HttpRequest.Builder request(URI base) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(PATH))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        headers.get().forEach(b::header);
        return b;
    }

    /** The base URI a 307 points at: Mesos writes {@code //host:port[/path]}, others an absolute URI. */
    static URI redirected(URI from, String location) {
        URI target = from.resolve(location);
        return URI.create(target.getScheme() + "://" + target.getRawAuthority());
    }
}
