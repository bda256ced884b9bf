package io.mezzo.internal.agent;

import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentAuthentication;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.internal.wire.RecordIo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One registration with one master, over HTTP: the REGISTER call whose response is the
 * event stream, and the calls made on that registration. It keeps no agent state; it only
 * turns HTTP into {@link Listener} calls, which it runs on the agent's actor. A connection
 * that ended (refused, lost or closed) reports nothing more.
 *
 * <p>All HTTP work runs on one Vert.x context (event loop) shared by the agent's
 * connections. Vert.x drops response chunks that arrive before a handler is set; on the
 * connection's own event loop the handler is set in the same turn as the response head is
 * seen, so the first event of a stream cannot slip past, even on a pooled connection.
 */
final class MasterConnection {
    private static final Logger LOG = System.getLogger(MasterConnection.class.getName());
    /** Calls answer at once; a master that takes longer is in trouble, and the retry covers the call. */
    private static final long CALL_TIMEOUT_MS = 30_000;
    private static final int MAX_ERROR_CHARS = 1000;
    /**
     * The leadership epoch of the master that answers (REGISTER) or of the leader it names
     * ({@code /redirect}, a 307). Belongs in {@code AgentProtocol} beside the stream id header.
     */
    static final String EPOCH_HEADER = AgentProtocol.EPOCH_HEADER;

    /** What a connection reports, on the actor. */
    interface Listener {
        /**
         * The master accepted REGISTER (200) and its stream is open; {@code epoch} is its
         * {@code Mezzo-Epoch} header, when it sent one.
         */
        void opened(MasterConnection connection, OptionalLong epoch);

        void event(MasterConnection connection, AgentEvent event);

        /**
         * REGISTER was answered with something else than 200; {@code redirect} is a 307's
         * {@code Location}, {@code epoch} its {@code Mezzo-Epoch} (the leader's), when given.
         */
        void refused(MasterConnection connection, int status, String message, Optional<MasterAddress> redirect,
                     OptionalLong epoch);

        /** The master refused the agent's authentication before REGISTER (the message says why). */
        void authenticationFailed(MasterConnection connection, String why);

        /** The stream failed or ended after the master answered REGISTER. */
        void lost(MasterConnection connection, String why);

        /** The master could not be reached at all: REGISTER got no answer. */
        void unreachable(MasterConnection connection, String why);

        /**
         * A call on this registration was answered with something else than 202; {@code redirect}
         * is a 307's {@code Location} (the leader), {@code epoch} its {@code Mezzo-Epoch}, when given.
         */
        void callRejected(MasterConnection connection, AgentCall call, int status, String message,
                          Optional<MasterAddress> redirect, OptionalLong epoch);
    }

    private final HttpClient http;
    private final Context loop;
    private final Executor actor;
    private final MasterAddress master;
    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile HttpClientRequest stream;
    private volatile String streamId;
    private volatile Optional<MasterAddress> lostLeader = Optional.empty();

    MasterConnection(HttpClient http, Context loop, Executor actor, MasterAddress master, Listener listener) {
        this.http = http;
        this.loop = loop;
        this.actor = actor;
        this.master = master;
        this.listener = listener;
    }

    MasterAddress master() {
        return master;
    }

    /** The {@code Mezzo-Stream-Id} of the open stream. */
    Optional<String> streamId() {
        return Optional.ofNullable(streamId);
    }

    /**
     * Sends REGISTER, first authenticating with {@code credential} when there is one (a fresh
     * token for every REGISTER); the answer arrives through the listener. {@code lostLeader},
     * the master the agent just lost, is named in {@link LeaderHeaders#LOST_LEADER} so that a
     * standby still naming it holds REGISTER until it knows the next leader.
     */
    void open(AgentCall.Register register, Optional<Credential> credential, Optional<MasterAddress> lostLeader) {
        this.lostLeader = lostLeader;
        Buffer body = Buffer.buffer(MezzoJson.write(register));
        loop.runOnContext(v -> {
            if (credential.isEmpty()) {
                openOnLoop(body, Optional.empty());
                return;
            }
            MasterAuthentication.token(http, master, credential.get()).onComplete(token -> {
                if (ended.get()) {
                    return;
                }
                if (token.succeeded()) {
                    openOnLoop(body, Optional.of(token.result()));
                } else if (token.cause() instanceof MasterAuthentication.Refused refused) {
                    end(() -> listener.authenticationFailed(this, refused.getMessage()));
                } else {
                    end(() -> listener.unreachable(this, "cannot reach master " + master + ": "
                            + describe(token.cause())));
                }
            });
        });
    }

    private void openOnLoop(Buffer body, Optional<String> token) {
        RequestOptions options = options(Optional.empty());
        lostLeader.ifPresent(l -> options.putHeader(LeaderHeaders.LOST_LEADER, l.toString()));
        token.ifPresent(t -> options.putHeader(HttpHeaders.AUTHORIZATION, AgentAuthentication.SCHEME + " " + t));
        http.request(options)
                .compose(request -> {
                    stream = request;
                    if (ended.get()) {
                        request.reset();
                        return Future.failedFuture("closed before REGISTER was sent");
                    }
                    return request.send(body);
                })
                .onSuccess(this::answered)
                .onFailure(e -> end(() -> listener.unreachable(this, unreachable(e))));
    }

    private void answered(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            response.body().onComplete(ar -> {
                String message = ar.succeeded() ? text(ar.result()) : "";
                Optional<MasterAddress> redirect = response.statusCode() == 307
                        ? redirectTarget(response.getHeader(HttpHeaders.LOCATION)) : Optional.empty();
                OptionalLong epoch = epochHeader(response.getHeader(EPOCH_HEADER), master);
                end(() -> listener.refused(this, response.statusCode(), message, redirect, epoch));
            });
            return;
        }
        String id = response.getHeader(AgentProtocol.STREAM_ID_HEADER);
        if (id == null || id.isBlank()) {
            abort("master " + master + " opened a stream without a " + AgentProtocol.STREAM_ID_HEADER + " header");
            return;
        }
        streamId = id;
        OptionalLong epoch = epochHeader(response.getHeader(EPOCH_HEADER), master);
        post(() -> listener.opened(this, epoch));
        RecordIo.Decoder decoder = new RecordIo.Decoder(AgentProtocol.MAX_MESSAGE_BYTES);
        response.handler(chunk -> {
            if (ended.get()) {
                return;
            }
            try {
                for (byte[] record : decoder.feed(chunk.getBytes())) {
                    AgentEvent event = MezzoJson.read(record, AgentEvent.class);
                    post(() -> listener.event(this, event));
                }
            } catch (RuntimeException e) {
                abort("master " + master + " sent a malformed event: " + e.getMessage());
            }
        });
        response.exceptionHandler(e -> end(() -> listener.lost(this, "stream from master " + master
                + " failed: " + describe(e))));
        response.endHandler(v -> end(() -> listener.lost(this, "master " + master + " ended the stream")));
    }

    /** Sends a call on this registration; anything but 202 is reported, transport failures only logged. */
    void send(AgentCall call) {
        Optional<String> id = streamId();
        if (id.isEmpty() || ended.get()) {
            return;
        }
        Buffer body = Buffer.buffer(MezzoJson.write(call));
        loop.runOnContext(v -> sendOnLoop(call, id.get(), body));
    }

    private void sendOnLoop(AgentCall call, String id, Buffer body) {
        http.request(options(Optional.of(id)).setTimeout(CALL_TIMEOUT_MS))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), text(b),
                        response.statusCode() == 307 ? redirectTarget(response.getHeader(HttpHeaders.LOCATION))
                                : Optional.empty(),
                        epochHeader(response.getHeader(EPOCH_HEADER), master))))
                .onSuccess(answer -> {
                    if (answer.status() != 202) {
                        post(() -> listener.callRejected(this, call, answer.status(), answer.message(),
                                answer.redirect(), answer.epoch()));
                    }
                })
                .onFailure(e -> LOG.log(Level.DEBUG, () -> "call " + name(call) + " to master " + master
                        + " failed: " + describe(e)));
    }

    private record Answer(int status, String message, Optional<MasterAddress> redirect, OptionalLong epoch) {}

    /** Ends this registration: closes the stream's connection; the listener hears nothing more. */
    void close() {
        ended.set(true);
        loop.runOnContext(v -> closeStream());
    }

    /** On the loop: reports the loss and closes the stream's connection. */
    private void abort(String why) {
        end(() -> listener.lost(this, why));
        closeStream();
    }

    private void closeStream() {
        HttpClientRequest request = stream;
        if (request != null && request.connection() != null) {
            request.connection().close();
        }
    }

    private RequestOptions options(Optional<String> id) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(master.host())
                .setPort(master.port())
                .setURI(AgentProtocol.PATH)
                .putHeader(HttpHeaders.CONTENT_TYPE, AgentProtocol.CONTENT_TYPE)
                .putHeader(HttpHeaders.ACCEPT, AgentProtocol.CONTENT_TYPE);
        id.ifPresent(value -> options.putHeader(AgentProtocol.STREAM_ID_HEADER, value));
        return options;
    }

    /** Reads {@code //host:port/path} or {@code http://host:port/path}. */
    static Optional<MasterAddress> redirectTarget(String location) {
        if (location == null) {
            return Optional.empty();
        }
        String rest = location.strip();
        int scheme = rest.indexOf("//");
        if (scheme < 0) {
            return Optional.empty();
        }
        rest = rest.substring(scheme + 2);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return Optional.of(MasterAddress.parse(authority));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring redirect to unusable location '" + location + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Reads a {@code Mezzo-Epoch} value; a missing one is empty, a malformed one is logged and empty. */
    static OptionalLong epochHeader(String value, MasterAddress from) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long epoch = Long.parseLong(value.strip());
            if (epoch >= 0) {
                return OptionalLong.of(epoch);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(Level.WARNING, "ignoring malformed " + EPOCH_HEADER + " '" + value + "' from master " + from);
        return OptionalLong.empty();
    }

    private void end(Runnable report) {
        if (ended.compareAndSet(false, true)) {
            post(report);
        }
    }

    private void post(Runnable report) {
        try {
            actor.execute(report);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "agent closed; dropping a report from master " + master);
        }
    }

    private static String text(Buffer body) {
        String s = body.toString(StandardCharsets.UTF_8).strip();
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) + "..." : s;
    }

    private static String name(AgentCall call) {
        return call.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /** Why REGISTER could not be sent; a failed TLS handshake says so, and what usually causes it. */
    private String unreachable(Throwable e) {
        return ClientTls.handshakeFailure(e)
                .map(why -> "TLS handshake with master " + master + " failed: " + why)
                .orElseGet(() -> "cannot reach master " + master + ": " + describe(e));
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
