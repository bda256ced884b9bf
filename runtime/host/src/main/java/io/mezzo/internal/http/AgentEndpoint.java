package io.mezzo.internal.http;

import io.mezzo.api.AgentId;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.AgentStream;
import io.mezzo.internal.master.CallResult;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.protocol.AgentAuthentication;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.security.Caller;
import io.mezzo.spi.Action;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * {@code POST /api/v1/agent}: Mezzo's own agent protocol (docs/agent-api.md). REGISTER opens
 * a RecordIO stream of {@link AgentEvent}s; UPDATE and HEARTBEAT are answered 202 when made
 * on the agent's current stream. REGISTER needs {@code register_agents} for the agent's
 * hostname (403 otherwise, 503 when the authorizer cannot decide).
 */
final class AgentEndpoint {
    private static final Logger LOG = System.getLogger(AgentEndpoint.class.getName());

    private final Master master;
    private final RealmAuthentication authentication;
    private final AgentAuthenticationCalls authenticationCalls;

    AgentEndpoint(Master master, RealmAuthentication authentication) {
        this.master = master;
        this.authentication = authentication;
        this.authenticationCalls = new AgentAuthenticationCalls(authentication);
    }

    void handle(HttpServerRequest request, Caller caller) {
        if (ApiRequests.check(request, false).isEmpty()) {
            return;
        }
        Context context = Vertx.currentContext();
        Bodies.read(request, AgentProtocol.MAX_MESSAGE_BYTES).onSuccess(body -> {
            AgentCall call;
            try {
                call = MezzoJson.read(body.getBytes(), AgentCall.class);
            } catch (IllegalArgumentException e) {
                Replies.text(request.response(), 400, "Failed to parse agent call: " + e.getMessage());
                return;
            }
            if (call instanceof AgentCall.Register register) {
                register(request, context, register, caller);
            } else if (call instanceof AgentCall.Authenticate a) {
                authenticationCalls.authenticate(request, a);
            } else if (call instanceof AgentCall.AuthenticateStep step) {
                authenticationCalls.step(request, step);
            } else {
                String streamId = request.getHeader(AgentProtocol.STREAM_ID_HEADER);
                if (streamId == null) {
                    Replies.text(request.response(), 400, "Agent calls other than REGISTER must carry the '"
                            + AgentProtocol.STREAM_ID_HEADER + "' header");
                    return;
                }
                master.agentCall(streamId, call).whenComplete((result, failure) -> context.runOnContext(v ->
                        reply(request, result, failure)));
            }
        });
    }

    private void register(HttpServerRequest request, Context context, AgentCall.Register call, Caller caller) {
        boolean required = authentication.context().map(c -> c.policy().agents()).orElse(false);
        if (required && caller.principal().isEmpty()) {
            LOG.log(Level.WARNING, "refusing REGISTER of agent " + call.agentInfo().hostname() + " at "
                    + RealmAuthentication.peer(request) + ": it did not authenticate");
            authentication.agentUnauthorized(request, "Agents must authenticate: send AUTHENTICATE first, then"
                    + " REGISTER with 'Authorization: " + AgentAuthentication.SCHEME + " <token>'");
            return;
        }
        caller.principal().ifPresent(p -> LOG.log(Level.INFO, "agent " + call.agentInfo().hostname() + " at "
                + RealmAuthentication.peer(request) + " registers as principal '" + p + "'"));
        String hostname = call.agentInfo().hostname();
        if (!AuthorizationReplies.allowed(request.response(),
                master.authorizer().check(caller, Action.REGISTER_AGENT, hostname),
                () -> "Not authorized to register an agent on host '" + hostname + "' as " + caller)) {
            return;
        }
        String streamId = UUID.randomUUID().toString();
        request.response().putHeader(AgentProtocol.STREAM_ID_HEADER, streamId);
        request.response().putHeader(MasterHttpServer.EPOCH_HEADER, Long.toString(master.epoch()));
        EventStream<AgentEvent> events = new EventStream<>(context, request.response(), AgentProtocol.CONTENT_TYPE,
                AgentProtocol.MAX_MESSAGE_BYTES, MezzoJson::write, "agent at " + call.agentInfo().hostname());
        StreamClosure<AgentId> closure = new StreamClosure<>(id -> master.agentStreamClosed(id, streamId));
        request.response().closeHandler(v -> closure.closed());
        master.registerAgent(call, new AgentStream() {
            @Override
            public String streamId() {
                return streamId;
            }

            @Override
            public java.util.Optional<String> peerIp() {
                return java.util.Optional.ofNullable(request.remoteAddress()).map(a -> a.hostAddress());
            }

            @Override
            public void send(AgentEvent event) {
                events.send(event);
            }

            @Override
            public void close() {
                events.close();
            }
        }).whenComplete((id, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "agent registration failed", failure);
                Replies.text(request.response(), 500, "Registration failed: " + failure.getMessage());
                return;
            }
            closure.owner(id);
        }));
    }

    private static void reply(HttpServerRequest request, CallResult result, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.ERROR, "agent call failed", failure);
            Replies.text(request.response(), 503, "The master could not handle the call: " + failure.getMessage());
        } else if (result instanceof CallResult.Accepted) {
            Replies.empty(request.response(), 202);
        } else if (result instanceof CallResult.Invalid r) {
            Replies.text(request.response(), 400, r.message());
        } else if (result instanceof CallResult.Forbidden r) {
            Replies.text(request.response(), 403, r.message());
        }
    }
}
