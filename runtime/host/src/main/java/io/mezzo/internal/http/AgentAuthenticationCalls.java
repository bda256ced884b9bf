package io.mezzo.internal.http;

import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentAuthentication;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthenticationUnavailable;
import io.mezzo.internal.security.AuthenticatorHost;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationStep;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Base64;
import java.util.Optional;

/**
 * AUTHENTICATE and AUTHENTICATE_STEP on the agent API: the master's half of the agent's
 * challenge–response exchange (docs/agent-api.md, "Authentication"). The exchange itself is
 * the authenticator plugin's; this keeps it in a session between calls and turns its end into
 * a token for one REGISTER.
 */
final class AgentAuthenticationCalls {
    private static final Logger LOG = System.getLogger(AgentAuthenticationCalls.class.getName());

    private final RealmAuthentication authentication;

    AgentAuthenticationCalls(RealmAuthentication authentication) {
        this.authentication = authentication;
    }

    void authenticate(HttpServerRequest request, AgentCall.Authenticate call) {
        Optional<AuthenticationContext> context = authentication.context();
        if (context.isEmpty()) {
            Replies.text(request.response(), 503, "authenticator unavailable: this master authenticates nobody");
            return;
        }
        String peer = RealmAuthentication.peer(request);
        AuthenticatorHost.Exchange exchange;
        AuthenticationStep first;
        try {
            exchange = context.get().authenticator().start(call.mechanism(), peer);
            first = exchange.begin();
        } catch (AuthenticationException e) {
            Replies.text(request.response(), 400, "Cannot authenticate with mechanism '" + call.mechanism() + "': "
                    + e.getMessage());
            return;
        } catch (AuthenticationUnavailable e) {
            RealmAuthentication.unavailable(request, e);
            return;
        }
        if (first instanceof AuthenticationStep.Challenge challenge) {
            Optional<String> session = context.get().agentTokens().open(exchange, peer);
            if (session.isEmpty()) {
                exchange.abort();
                LOG.log(Level.WARNING, "refusing AUTHENTICATE from " + peer + ": too many exchanges in progress");
                Replies.text(request.response(), 503, "Too many authentications in progress; retry later");
                return;
            }
            reply(request, AgentAuthentication.Reply.challenge(session.get(), encode(challenge)));
        } else {
            finish(context.get(), request, peer, first);
        }
    }

    void step(HttpServerRequest request, AgentCall.AuthenticateStep call) {
        Optional<AuthenticationContext> context = authentication.context();
        String peer = RealmAuthentication.peer(request);
        Optional<AuthenticatorHost.Exchange> exchange = context.flatMap(c -> c.agentTokens().take(call.session(), peer));
        if (exchange.isEmpty()) {
            authentication.agentUnauthorized(request, "Unknown or expired authentication session; send AUTHENTICATE"
                    + " again");
            return;
        }
        byte[] response;
        try {
            response = Base64.getDecoder().decode(call.response());
        } catch (IllegalArgumentException e) {
            exchange.get().abort();
            Replies.text(request.response(), 400, "AUTHENTICATE_STEP 'response' is not valid Base64; the session"
                    + " is over");
            return;
        }
        AuthenticationStep next;
        try {
            next = exchange.get().respond(response);
        } catch (AuthenticationUnavailable e) {
            RealmAuthentication.unavailable(request, e);
            return;
        }
        if (next instanceof AuthenticationStep.Challenge challenge) {
            context.get().agentTokens().resume(call.session(), exchange.get(), peer);
            reply(request, AgentAuthentication.Reply.challenge(call.session(), encode(challenge)));
        } else {
            finish(context.get(), request, peer, next);
        }
    }

    /** The exchange ended: a token for the principal, or a 401 after the refusal's delay. */
    private void finish(AuthenticationContext context, HttpServerRequest request, String peer,
                        AuthenticationStep step) {
        if (step instanceof AuthenticationStep.Authenticated a) {
            LOG.log(Level.INFO, "agent at " + peer + " authenticated as principal '" + a.principal() + "'");
            reply(request, AgentAuthentication.Reply.token(context.agentTokens().issue(a.principal(), peer)));
        } else if (step instanceof AuthenticationStep.Refused r) {
            LOG.log(Level.WARNING, "authentication of agent at " + peer + " refused: " + r.reason());
            authentication.later(request, r.delay(), () -> authentication.agentUnauthorized(request,
                    "Authentication failed: " + r.reason()));
        } else {
            throw new AssertionError(step);
        }
    }

    private static String encode(AuthenticationStep.Challenge challenge) {
        return Base64.getEncoder().encodeToString(challenge.data());
    }

    private static void reply(HttpServerRequest request, AgentAuthentication.Reply reply) {
        Replies.json(request.response(), 200, MezzoJson.write(reply));
    }
}
