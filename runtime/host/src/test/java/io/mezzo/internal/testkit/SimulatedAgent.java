package io.mezzo.internal.testkit;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.StatusSource;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.protocol.ReportedTask;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An agent that runs nothing: it speaks the agent protocol and reports what the test tells
 * it to, so tests can make an agent lie, lag or die at exactly the right moment (in the
 * spirit of Aurora's FakeSlaves).
 */
public final class SimulatedAgent implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
    private InputStream body;
    private String streamId;
    private AgentId agentId;

    public SimulatedAgent(String masterUrl) {
        this.base = masterUrl;
    }

    public AgentId register(String hostname, Resources resources) throws Exception {
        return register(new AgentCall.Register(Optional.empty(), new AgentInfo(hostname, 5051, resources, List.of()),
                List.of(), List.of(), "test"));
    }

    /** Opens a (re-)registration stream and returns the id from REGISTERED. */
    public AgentId register(AgentCall.Register call) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + AgentProtocol.PATH))
                .header("Content-Type", AgentProtocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(MezzoJson.write(call))).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("REGISTER answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        streamId = response.headers().firstValue(AgentProtocol.STREAM_ID_HEADER).orElseThrow();
        body = response.body();
        RecordIoStreamReader.start("sim-agent-stream", body,
                record -> events.add(MezzoJson.read(record, AgentEvent.class)), () -> { });
        AgentEvent.Registered registered = (AgentEvent.Registered) next(e -> e instanceof AgentEvent.Registered);
        agentId = registered.agentId();
        return agentId;
    }

    public AgentId agentId() {
        return agentId;
    }

    public <E extends AgentEvent> E next(Class<E> type) throws InterruptedException {
        return type.cast(next(type::isInstance));
    }

    public AgentEvent next(Predicate<AgentEvent> filter) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            AgentEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching agent event within " + WAIT);
            }
            if (filter.test(e)) {
                return e;
            }
        }
    }

    /** Sends a reliable status update (with a fresh uuid); returns the HTTP status. */
    public int update(FrameworkId framework, io.mezzo.api.TaskId task, TaskState state, String message)
            throws Exception {
        TaskStatus status = new TaskStatus(task, state, StatusSource.SOURCE_EXECUTOR, Optional.empty(),
                Optional.of(message), Optional.empty(), Optional.of(agentId), Optional.of(task.value()), 1.0,
                Optional.of(UUID.randomUUID()), Optional.of(new ContainerId("c-" + task.value())), OptionalLong.of(1));
        return send(new AgentCall.Update(agentId, framework, status));
    }

    public int heartbeat() throws Exception {
        return send(new AgentCall.Heartbeat(agentId));
    }

    public int send(AgentCall call) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + AgentProtocol.PATH))
                .header("Content-Type", AgentProtocol.CONTENT_TYPE)
                .header(AgentProtocol.STREAM_ID_HEADER, streamId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(MezzoJson.write(call))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Re-registration carrying the tasks it still runs. */
    public AgentId reregister(AgentInfo info, List<ReportedTask> tasks, List<io.mezzo.internal.model.FrameworkInfo> fws)
            throws Exception {
        closeStream();
        events.clear();
        return register(new AgentCall.Register(Optional.of(agentId), info, fws, tasks, "test"));
    }

    /** The connection drops and nothing more is heard from this agent (it died). */
    public void die() {
        closeStream();
    }

    private void closeStream() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
