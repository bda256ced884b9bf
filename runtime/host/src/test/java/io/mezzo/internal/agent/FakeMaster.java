package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.wire.RecordIo;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The master's side of the agent protocol, scripted by a test: it answers REGISTER with an
 * event stream the test can push into (starting with REGISTERED), records every call, and
 * can refuse, redirect, close the stream or acknowledge updates by itself. For leader
 * changes it has a leadership epoch (sent in REGISTERED and, if asked, as a
 * {@code Mezzo-Epoch} header on the stream), answers {@code GET /redirect} as told, and can
 * hang: it then answers nothing and sends nothing, keeping its connections open, as a
 * SIGSTOPped master does.
 */
final class FakeMaster implements AutoCloseable {
    static final AgentId AGENT_ID = new AgentId("agent-1");

    private final HttpServer server;
    final List<AgentCall.Register> registers = new CopyOnWriteArrayList<>();
    /** Each REGISTER's {@code Mezzo-Lost-Leader} header ("" when it had none), in order. */
    final List<String> lostLeaders = new CopyOnWriteArrayList<>();
    final List<AgentCall.Update> updates = new CopyOnWriteArrayList<>();
    final List<AgentCall.Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    /** Stream ids that calls carried that did not match the open stream. */
    final List<String> wrongStreamIds = new CopyOnWriteArrayList<>();

    volatile Duration heartbeatInterval = Duration.ofMinutes(10);
    volatile int updateStatus = 202;
    volatile Optional<MasterAddress> redirectTo = Optional.empty();
    volatile boolean autoAcknowledge;
    /** Sent in REGISTERED. */
    volatile long epoch;
    /** Sent as the stream's {@code Mezzo-Epoch} header when set. */
    volatile Optional<Long> epochHeader = Optional.empty();
    /** Who {@code GET /redirect} names, and with which epoch; empty: 503 No leader elected. */
    volatile Optional<MasterAddress> leader = Optional.empty();
    volatile long leaderEpoch;
    /** When set, UPDATE and HEARTBEAT are answered 307 to this leader, as by a master that stepped down. */
    volatile Optional<MasterAddress> callsRedirectTo = Optional.empty();
    final AtomicInteger probes = new AtomicInteger();
    private volatile boolean hung;
    /** The agent closed the connection of the last stream. */
    volatile boolean streamClosedByAgent;
    private volatile HttpServerResponse stream;
    private volatile String streamId;

    FakeMaster(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    MasterAddress address() {
        return new MasterAddress("127.0.0.1", server.actualPort());
    }

    /** From now on: no answer to anything, nothing pushed, every connection left open. */
    void hang() {
        hung = true;
    }

    private void handle(HttpServerRequest request) {
        if (hung) {
            return;
        }
        if (request.path().equals("/redirect")) {
            redirect(request);
            return;
        }
        if (!request.path().equals(AgentProtocol.PATH)) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            if (hung) {
                return;
            }
            AgentCall call = MezzoJson.read(body.getBytes(), AgentCall.class);
            if (call instanceof AgentCall.Register r) {
                register(request, r);
                return;
            }
            if (callsRedirectTo.isPresent()) {
                request.response().setStatusCode(307)
                        .putHeader("Location", "//" + callsRedirectTo.get() + AgentProtocol.PATH).end();
                return;
            }
            String id = request.getHeader(AgentProtocol.STREAM_ID_HEADER);
            if (id == null || !id.equals(streamId)) {
                wrongStreamIds.add(String.valueOf(id));
                request.response().setStatusCode(400).end("Agent is not registered");
                return;
            }
            if (call instanceof AgentCall.Update u) {
                updates.add(u);
                request.response().setStatusCode(updateStatus).end(updateStatus == 202 ? "" : "Agent is not registered");
                if (autoAcknowledge && updateStatus == 202) {
                    acknowledge(u);
                }
            } else if (call instanceof AgentCall.Heartbeat h) {
                heartbeats.add(h);
                request.response().setStatusCode(202).end();
            }
        });
    }

    private void redirect(HttpServerRequest request) {
        probes.incrementAndGet();
        Optional<MasterAddress> to = leader;
        if (to.isEmpty()) {
            request.response().setStatusCode(503).end("No leader elected");
            return;
        }
        request.response().setStatusCode(307).putHeader("Location", "//" + to.get())
                .putHeader("Mezzo-Epoch", String.valueOf(leaderEpoch)).end();
    }

    private void register(HttpServerRequest request, AgentCall.Register call) {
        lostLeaders.add(Optional.ofNullable(request.getHeader(LeaderHeaders.LOST_LEADER)).orElse(""));
        registers.add(call);
        if (redirectTo.isPresent()) {
            request.response().setStatusCode(307)
                    .putHeader("Location", "//" + redirectTo.get() + AgentProtocol.PATH).end();
            return;
        }
        HttpServerResponse old = stream;
        if (old != null && !old.ended()) {
            old.end();
        }
        streamId = UUID.randomUUID().toString();
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", AgentProtocol.CONTENT_TYPE)
                .putHeader(AgentProtocol.STREAM_ID_HEADER, streamId);
        epochHeader.ifPresent(e -> response.putHeader("Mezzo-Epoch", String.valueOf(e)));
        streamClosedByAgent = false;
        response.closeHandler(v -> {
            if (stream == response) {
                streamClosedByAgent = true;
            }
        });
        stream = response;
        write(response, new AgentEvent.Registered(call.agentId().orElse(AGENT_ID), "master-1", heartbeatInterval,
                epoch));
    }

    void push(AgentEvent event) {
        write(stream, event);
    }

    /** Pushes {@code event} unless the agent closed the stream; answers whether it was written. */
    boolean tryPush(AgentEvent event) {
        HttpServerResponse response = stream;
        if (response == null || response.closed() || response.ended()) {
            return false;
        }
        write(response, event);
        return true;
    }

    void acknowledge(AgentCall.Update update) {
        push(new AgentEvent.Acknowledge(update.frameworkId(), update.status().taskId(), update.status().uuid().get()));
    }

    /** Ends the open stream cleanly, as a master that drops an agent would. */
    void closeStream() {
        HttpServerResponse response = stream;
        streamId = null;
        response.end();
    }

    private static void write(HttpServerResponse response, AgentEvent event) {
        response.write(Buffer.buffer(RecordIo.encode(MezzoJson.write(event))));
    }

    /** The {@code index}th update (0-based), waiting for it to arrive. */
    AgentCall.Update update(int index) {
        Waits.until("update #" + index + " (have " + updates.size() + ": " + states() + ")",
                () -> updates.size() > index);
        return updates.get(index);
    }

    /** The first update after {@code from} matching {@code which}, waiting for it. */
    AgentCall.Update awaitUpdate(Predicate<AgentCall.Update> which) {
        Waits.until("a matching update (have " + states() + ")", () -> updates.stream().anyMatch(which));
        return updates.stream().filter(which).findFirst().orElseThrow();
    }

    AgentCall.Register register(int index) {
        Waits.until("REGISTER #" + index + " (have " + registers.size() + ")", () -> registers.size() > index);
        return registers.get(index);
    }

    List<String> states() {
        return updates.stream().map(u -> u.status().taskId() + ":" + u.status().state()).toList();
    }

    void assertNoWrongStreamIds() {
        assertThat(wrongStreamIds).isEmpty();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
