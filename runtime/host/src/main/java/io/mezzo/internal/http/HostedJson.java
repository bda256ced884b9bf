package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.hosting.Hosted;

/** A hosted framework script as JSON, in {@code /state}'s snake_case. */
final class HostedJson {
    private HostedJson() {}

    /** The short form {@code /state} lists under {@code hosted_frameworks}. */
    static ObjectNode summary(Hosted h) {
        ObjectNode out = LegacyJson.NODES.objectNode();
        out.put("id", h.id());
        out.put("script", h.script());
        out.put("origin", h.origin().name());
        out.put("state", h.state().name());
        out.put("framework_id", h.frameworkId().orElse(""));
        out.put("reason", h.reason().orElse(""));
        return out;
    }

    /** The full view {@code /mezzo/frameworks} answers with: the summary, when it came and its result. */
    static ObjectNode full(Hosted h) {
        ObjectNode out = summary(h);
        out.put("submitted_at", LegacyJson.seconds(h.submittedAt()));
        out.set("result", h.result());
        return out;
    }
}
