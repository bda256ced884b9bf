package io.mezzo.internal.http;

import io.mezzo.internal.protocol.AgentAuthentication;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthenticationUnavailable;
import io.mezzo.internal.security.BasicCredentials;
import io.mezzo.internal.security.Caller;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.spi.AuthenticationStep;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides who made a request before its handler runs, per the route's {@link Realm}: HTTP
 * Basic for the scheduler, read-only and read-write realms when their flag is on (hosted
 * scripts' own credentials first, then the authenticator plugin), an agent token for the agent
 * API, nothing for {@link Realm#NONE}. The handler runs at once, on the event loop, with the
 * caller; a refusal is answered 401 (held back by the authenticator's delay on the master's
 * clock, never by blocking), an authenticator that cannot answer 503.
 */
final class RealmAuthentication {
    private static final Logger LOG = System.getLogger(RealmAuthentication.class.getName());
    static final String AUTHORIZATION = "Authorization";

    private final Optional<AuthenticationContext> context;
    private final TimeSource time;

    RealmAuthentication(Optional<AuthenticationContext> context, TimeSource time) {
        this.context = context;
        this.time = time;
    }

    Optional<AuthenticationContext> context() {
        return context;
    }

    /** Runs {@code handler} with the caller, or answers the request itself. */
    void authenticate(HttpServerRequest request, Realm realm, Consumer<Caller> handler) {
        switch (realm) {
            case NONE:
                handler.accept(Caller.ANONYMOUS);
                return;
            case AGENT:
                agent(request, handler);
                return;
            case SCHEDULER:
            case READONLY:
            case READWRITE:
                if (context.isPresent() && required(context.get(), realm)) {
                    basic(context.get(), request, realm, handler);
                } else {
                    handler.accept(Caller.ANONYMOUS);
                }
                return;
        }
        throw new AssertionError(realm);
    }

    private static boolean required(AuthenticationContext context, Realm realm) {
        switch (realm) {
            case SCHEDULER:
                return context.policy().frameworks();
            case READONLY:
                return context.policy().httpReadonly();
            case READWRITE:
                return context.policy().httpReadwrite();
            case AGENT:
                return context.policy().agents();
            case NONE:
                return false;
        }
        throw new AssertionError(realm);
    }

    private void basic(AuthenticationContext context, HttpServerRequest request, Realm realm, Consumer<Caller> handler) {
        String realmName = realm.basicName().orElseThrow();
        String header = request.getHeader(AUTHORIZATION);
        if (header == null) {
            unauthorized(request, realmName, "Missing credentials: this endpoint needs HTTP Basic authentication"
                    + " (realm " + realmName + ")", Duration.ZERO);
            return;
        }
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(header);
        } catch (IllegalArgumentException e) {
            unauthorized(request, realmName, "Malformed 'Authorization' header: " + e.getMessage(), Duration.ZERO);
            return;
        }
        Optional<String> hosted = context.hosted().check(credentials.principal(), credentials.secret());
        if (hosted.isPresent()) {
            handler.accept(Caller.of(hosted.get()));
            return;
        }
        String peer = peer(request);
        AuthenticationStep step;
        try {
            step = context.authenticator().basic(credentials.principal(), credentials.secret(), peer);
        } catch (AuthenticationUnavailable e) {
            unavailable(request, e);
            return;
        }
        if (step instanceof AuthenticationStep.Authenticated a) {
            handler.accept(Caller.of(a.principal()));
        } else if (step instanceof AuthenticationStep.Refused r) {
            LOG.log(Level.WARNING, "HTTP Basic authentication of principal '" + credentials.principal() + "' from "
                    + peer + " for " + request.path() + " refused: " + r.reason());
            unauthorized(request, realmName, "Authentication failed: " + r.reason(), r.delay());
        } else {
            unavailable(request, new AuthenticationUnavailable("the authenticator answered HTTP Basic with "
                    + step.getClass().getSimpleName()));
        }
    }

    /**
     * A {@code Mezzo-Agent} token becomes the caller (it is spent); no header is an anonymous
     * caller, which the agent endpoint refuses to register when agents must authenticate.
     */
    private void agent(HttpServerRequest request, Consumer<Caller> handler) {
        String header = request.getHeader(AUTHORIZATION);
        if (header == null) {
            handler.accept(Caller.ANONYMOUS);
            return;
        }
        String value = header.strip();
        String prefix = AgentAuthentication.SCHEME + " ";
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            agentUnauthorized(request, "Malformed 'Authorization' header: expecting '" + prefix + "<token>'");
            return;
        }
        String token = value.substring(prefix.length()).strip();
        String peer = peer(request);
        Optional<String> principal = context.flatMap(c -> c.agentTokens().redeem(token, peer));
        if (principal.isEmpty()) {
            LOG.log(Level.WARNING, "agent at " + peer + " presented an unknown, spent or expired token");
            agentUnauthorized(request, "Invalid agent token: it is unknown, was already used, expired, or was"
                    + " issued to another address; authenticate again");
            return;
        }
        handler.accept(Caller.of(principal.get()));
    }

    /** 401 for the agent API, naming the mechanisms to authenticate with. */
    void agentUnauthorized(HttpServerRequest request, String message) {
        List<String> mechanisms = context.map(c -> c.authenticator().mechanisms()).orElse(List.of());
        String offered = String.join(",", mechanisms.isEmpty() ? List.of(AgentAuthentication.CRAM_MD5) : mechanisms);
        request.response().putHeader("WWW-Authenticate", AgentAuthentication.SCHEME + " mechanisms=\"" + offered + "\"");
        Replies.text(request.response(), 401, message);
    }

    private void unauthorized(HttpServerRequest request, String realmName, String message, Duration delay) {
        later(request, delay, () -> {
            request.response().putHeader("WWW-Authenticate", "Basic realm=\"" + realmName + "\"");
            Replies.text(request.response(), 401, message);
        });
    }

    static void unavailable(HttpServerRequest request, AuthenticationUnavailable e) {
        LOG.log(Level.WARNING, "cannot authenticate a request for " + request.path() + ": " + e.getMessage());
        Replies.text(request.response(), 503, "authenticator unavailable: " + e.getMessage());
    }

    /**
     * Runs {@code answer} on the request's event loop after {@code delay} on the master's
     * clock: a refusal is held back without blocking the loop.
     */
    void later(HttpServerRequest request, Duration delay, Runnable answer) {
        if (delay.isZero()) {
            answer.run();
            return;
        }
        Context loop = Vertx.currentContext();
        time.schedule(delay, () -> loop.runOnContext(v -> answer.run()));
    }

    static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }
}
