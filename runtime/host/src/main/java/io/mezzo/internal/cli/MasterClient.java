package io.mezzo.internal.cli;

import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.scheduler.RequestFailures;
import io.mezzo.internal.tls.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Small JSON calls to a master for the command line; the first master that answers is used. */
final class MasterClient {
    private final List<URI> masters;
    private final HttpClient http;

    private final Supplier<Map<String, String>> headers;

    MasterClient(List<URI> masters) {
        this(masters, Optional.empty(), Map::of);
    }

    /**
     * @param tls     https masters are verified against it (host names too)
     * @param headers extra headers for every request ({@code Authorization}); never logged
     */
    MasterClient(List<URI> masters, Optional<ClientTls> tls, Supplier<Map<String, String>> headers) {
        this.masters = List.copyOf(masters);
        this.headers = headers;
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10));
        tls.ifPresent(t -> client.sslContext(t.sslContext()));
        this.http = client.build();
    }

    /** The master's answer: its status and body (JSON or the message). */
    record Answer(int status, String body, URI master) {
    }

    Answer post(String path, Object json) throws InterruptedException {
        IOException last = null;
        for (URI master : masters) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(master.resolve(path))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MezzoJson.write(json)));
            headers.get().forEach(builder::header);
            HttpRequest request = builder.build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.body(), master);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no master answered at " + masters.stream().map(URI::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + " ("
                + (last == null ? "no master given" : RequestFailures.describe(last)) + ")");
    }
}
