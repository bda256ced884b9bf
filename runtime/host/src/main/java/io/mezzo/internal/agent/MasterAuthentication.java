package io.mezzo.internal.agent;

import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentAuthentication;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.security.Credential;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * The agent's half of the agent API's challenge–response exchange (docs/agent-api.md,
 * "Authentication"): CRAM-MD5 through the JDK's SASL client, over AUTHENTICATE and
 * AUTHENTICATE_STEP calls, ending in a token for one REGISTER. Runs on the agent's event
 * loop; the SASL work is a keyed hash, nothing that blocks. The secret never leaves the SASL
 * client and is never logged.
 */
final class MasterAuthentication {
    /** A CRAM-MD5 exchange takes one step; a master that keeps challenging is not trusted. */
    private static final int MAX_STEPS = 8;
    private static final long CALL_TIMEOUT_MS = 30_000;
    private static final int MAX_MESSAGE_CHARS = 500;

    private MasterAuthentication() {}

    /** The master refused the exchange (or answered it wrongly); the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** A token from {@code master} for {@code credential}; fails with {@link Refused}, or a transport failure. */
    static Future<String> token(HttpClient http, MasterAddress master, Credential credential) {
        SaslClient sasl;
        try {
            sasl = Sasl.createSaslClient(new String[] {AgentAuthentication.CRAM_MD5}, null, "mezzo", master.host(),
                    null, callbacks(credential));
        } catch (SaslException e) {
            return Future.failedFuture(new Refused("cannot start a CRAM-MD5 client: " + e.getMessage()));
        }
        if (sasl == null) {
            return Future.failedFuture(new Refused("this JDK offers no CRAM-MD5 SASL client"));
        }
        Future<String> token = call(http, master, new AgentCall.Authenticate(AgentAuthentication.CRAM_MD5))
                .compose(reply -> step(http, master, sasl, reply, 0));
        return token.andThen(ar -> dispose(sasl));
    }

    private static Future<String> step(HttpClient http, MasterAddress master, SaslClient sasl,
                                       AgentAuthentication.Reply reply, int steps) {
        if (reply.token().isPresent()) {
            return Future.succeededFuture(reply.token().get());
        }
        if (steps >= MAX_STEPS) {
            return Future.failedFuture(new Refused("the master sent more than " + MAX_STEPS + " challenges"));
        }
        byte[] response;
        try {
            response = sasl.evaluateChallenge(Base64.getDecoder().decode(reply.challenge().orElseThrow()));
        } catch (SaslException | IllegalArgumentException e) {
            return Future.failedFuture(new Refused("cannot answer the master's challenge: " + e.getMessage()));
        }
        AgentCall.AuthenticateStep next = new AgentCall.AuthenticateStep(reply.session().orElseThrow(),
                Base64.getEncoder().encodeToString(response == null ? new byte[0] : response));
        return call(http, master, next).compose(answer -> step(http, master, sasl, answer, steps + 1));
    }

    private static Future<AgentAuthentication.Reply> call(HttpClient http, MasterAddress master, AgentCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(master.host())
                .setPort(master.port())
                .setURI(AgentProtocol.PATH)
                .setTimeout(CALL_TIMEOUT_MS)
                .putHeader(HttpHeaders.CONTENT_TYPE, AgentProtocol.CONTENT_TYPE)
                .putHeader(HttpHeaders.ACCEPT, AgentProtocol.CONTENT_TYPE);
        Buffer body = Buffer.buffer(MezzoJson.write(call));
        return http.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().compose(answer -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(new Refused("the master answered " + response.statusCode() + ": "
                                + text(answer)));
                    }
                    try {
                        return Future.succeededFuture(MezzoJson.read(answer.getBytes(), AgentAuthentication.Reply.class));
                    } catch (IllegalArgumentException e) {
                        return Future.failedFuture(new Refused("the master's answer is not an authentication reply: "
                                + e.getMessage()));
                    }
                }));
    }

    private static CallbackHandler callbacks(Credential credential) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(credential.principal());
                } else if (callback instanceof PasswordCallback password) {
                    password.setPassword(credential.secret().toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }

    private static void dispose(SaslClient sasl) {
        try {
            sasl.dispose();
        } catch (SaslException e) {
            // Nothing is held that outlives the client.
        }
    }

    private static String text(Buffer body) {
        String s = body.toString(StandardCharsets.UTF_8).strip();
        return s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) + "..." : s;
    }
}
