package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * How a framework script ended.
 *
 * @param result what the script passed to {@code ctx.finish(result)} ({@code null} otherwise)
 * @param reason why it ended, for people ("finished", "callback 'offers' ran longer than 10s")
 */
public record FrameworkOutcome(Kind kind, JsonNode result, String reason) {
    public enum Kind {
        /** The script called {@code ctx.finish(result)}. */
        FINISHED,
        /** The script or its session failed; {@code reason} says how. */
        FAILED,
        /** Stopped from outside (teardown, deleted script, shutdown). */
        STOPPED
    }

    public FrameworkOutcome {
        if (kind == null || reason == null) {
            throw new IllegalArgumentException("a framework outcome needs a kind and a reason");
        }
        result = result == null ? NullNode.getInstance() : result;
    }
}
