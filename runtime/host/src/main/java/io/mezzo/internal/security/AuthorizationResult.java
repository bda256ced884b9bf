package io.mezzo.internal.security;

/**
 * What the host makes of an authorizer's answer. {@link Failed} is not a refusal but the
 * absence of an answer (the plugin threw, is missing, or could not read its ACLs): callers
 * turn it into an error of its own (HTTP 503, an ERROR event, a TASK_ERROR), never into an
 * allow.
 */
public sealed interface AuthorizationResult {
    AuthorizationResult ALLOWED = new Allowed();
    AuthorizationResult DENIED = new Denied();

    record Allowed() implements AuthorizationResult {
    }

    record Denied() implements AuthorizationResult {
    }

    /** @param reason why no decision could be had, for the caller's error message */
    record Failed(String reason) implements AuthorizationResult {
        public Failed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an authorization failure needs a reason");
            }
        }
    }
}
