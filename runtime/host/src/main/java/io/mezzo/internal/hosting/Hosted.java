package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Optional;

/**
 * What the master knows about one hosted framework script, as {@code /state} and
 * {@code GET /mezzo/frameworks} show it.
 *
 * @param id          the hosting's own id ({@code hosted-3}); a script has it before (and even
 *                    without) a framework id
 * @param script      the script's name ({@code pi.js})
 * @param frameworkId the id the master assigned, once the script subscribed
 * @param reason      why it ended (empty while it runs)
 * @param result      what it passed to {@code ctx.finish} (JSON null otherwise)
 */
public record Hosted(String id, String script, Origin origin, State state, Optional<String> frameworkId,
                     Optional<String> reason, JsonNode result, Instant submittedAt) {

    /** How the script came to the master. */
    public enum Origin {
        /** {@code POST /mezzo/frameworks} ({@code mezzo submit}). */
        SUBMITTED,
        /** A {@code *.js} file in the master's deploy directory. */
        DEPLOY_DIR
    }

    public enum State {
        RUNNING,
        FINISHED,
        FAILED,
        STOPPED;

        public boolean ended() {
            return this != RUNNING;
        }
    }

    public Hosted {
        if (id == null || script == null || origin == null || state == null || frameworkId == null
                || reason == null || submittedAt == null) {
            throw new IllegalArgumentException("a hosted framework view needs every field (result may be null)");
        }
        result = result == null ? NullNode.getInstance() : result;
    }
}
