package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.ScriptSource;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster keeps of one hosted script so that another master can run it again: its
 * source (or, for a deploy-directory script, only the file's name: the new leader's own scan
 * finds the file), what it was started with, and how far it got.
 *
 * @param frameworkId       the id the master assigned, once the script subscribed; a resumed
 *                          script subscribes with it, so its framework fails over instead of
 *                          registering anew
 * @param submittedAtMillis epoch milliseconds
 * @param deployFile        the file's name in the deploy directory, for {@link Hosted.Origin#DEPLOY_DIR}
 */
public record StoredHosted(String id, String script, Hosted.Origin origin, Hosted.State state,
                           Optional<String> frameworkId, Optional<String> reason, JsonNode result,
                           long submittedAtMillis, String principal, ObjectNode params, String text,
                           Map<String, String> files, Optional<String> deployFile) {
    public StoredHosted {
        if (id == null || script == null || origin == null || state == null || frameworkId == null
                || reason == null || principal == null || params == null || text == null || deployFile == null) {
            throw new IllegalArgumentException("a stored hosted script needs every field (result may be null)");
        }
        result = result == null ? NullNode.getInstance() : result;
        files = files == null ? Map.of() : Map.copyOf(files);
        params = params.deepCopy();
    }

    /** The script as it was submitted (its files included). */
    ScriptSource source() {
        return ScriptSource.of(script, text, files);
    }

    StoredHosted with(Hosted.State newState, Optional<String> newFrameworkId, Optional<String> newReason,
                      JsonNode newResult) {
        return new StoredHosted(id, script, origin, newState, newFrameworkId, newReason, newResult,
                submittedAtMillis, principal, params, text, files, deployFile);
    }
}
