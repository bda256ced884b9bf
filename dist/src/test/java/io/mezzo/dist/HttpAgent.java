package io.mezzo.dist;

import io.mezzo.api.AgentId;
import io.mezzo.api.Resources;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An agent that runs nothing, over the real agent protocol: it registers with
 * {@code POST /api/v1/agent} and keeps the events of its stream for the test.
 */
final class HttpAgent implements AutoCloseable {
    private final String masterUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
    private InputStream body;

    HttpAgent(String masterUrl) {
        this.masterUrl = masterUrl;
    }

    /** Registers with these total resources; returns the id from REGISTERED. */
    AgentId register(String hostname, Resources total) throws Exception {
        AgentCall.Register call = new AgentCall.Register(Optional.empty(), new AgentInfo(hostname, 5051, total,
                List.of()), List.of(), List.of(), "test");
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl + AgentProtocol.PATH))
                .header("Content-Type", AgentProtocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(MezzoJson.write(call))).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("REGISTER answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        body = response.body();
        RecordIoReader.start("agent-stream", body, record -> events.add(MezzoJson.read(record, AgentEvent.class)));
        return next(AgentEvent.Registered.class).agentId();
    }

    /** The next event of {@code type}, skipping heartbeats and anything else before it. */
    <E extends AgentEvent> E next(Class<E> type) throws InterruptedException {
        long deadline = System.nanoTime() + Waits.EVENT.toNanos();
        while (true) {
            AgentEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + type.getSimpleName() + " agent event within " + Waits.EVENT);
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
