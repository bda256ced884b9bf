package io.mezzo.internal.http;

import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.security.AuthorizationResult;
import io.mezzo.internal.security.AuthorizedView;
import io.vertx.core.http.HttpServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an HTTP endpoint answers an authorization that did not allow: 403 with what was
 * refused, or 503 "Authorization failure: ..." when the authorizer could not decide (never
 * an allow).
 */
final class AuthorizationReplies {
    private static final Logger LOG = System.getLogger(AuthorizationReplies.class.getName());

    private AuthorizationReplies() {}

    /** True when {@code result} allows; otherwise answers the request and returns false. */
    static boolean allowed(HttpServerResponse response, AuthorizationResult result, Supplier<String> refused) {
        if (result instanceof AuthorizationResult.Allowed) {
            return true;
        }
        if (result instanceof AuthorizationResult.Failed failed) {
            failure(response, failed.reason());
        } else {
            String why = refused.get();
            LOG.log(Level.INFO, () -> "refused (403): " + why);
            Replies.text(response, 403, why);
        }
        return false;
    }

    /** The snapshot as the caller may see it; empty after answering 503. */
    static Optional<MasterSnapshot> visible(HttpServerResponse response, AuthorizedView.Outcome outcome) {
        if (outcome instanceof AuthorizedView.Outcome.Visible visible) {
            return Optional.of(visible.snapshot());
        }
        failure(response, ((AuthorizedView.Outcome.Failed) outcome).reason());
        return Optional.empty();
    }

    private static void failure(HttpServerResponse response, String reason) {
        LOG.log(Level.WARNING, () -> "answering 503: authorization failure: " + reason);
        Replies.text(response, 503, "Authorization failure: " + reason);
    }
}
