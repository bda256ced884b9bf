package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.hosting.Hosted;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.security.Caller;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Mezzo's own hosting API, under {@code /mezzo/} so it never meets a Mesos path:
 * {@code POST /mezzo/frameworks} hosts a script ({@code {"script", "source", "files", "params"}};
 * 201 with its view, 400 naming what is wrong, a script that does not load included),
 * {@code GET /mezzo/frameworks} lists them, {@code POST /mezzo/frameworks/stop}
 * ({@code {"id"}} or {@code {"framework_id"}}) stops one (200, or 404).
 */
final class HostingEndpoint {
    private static final Logger LOG = System.getLogger(HostingEndpoint.class.getName());
    static final String FRAMEWORKS = "/mezzo/frameworks";
    static final String STOP = "/mezzo/frameworks/stop";
    /** A script and its task scripts; {@code mezzo submit} sends at most 1 MiB of files. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final HostedFrameworks hosted;

    HostingEndpoint(HostedFrameworks hosted) {
        this.hosted = hosted;
    }

    void frameworks(HttpServerRequest request, Caller caller) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            ArrayNode list = LegacyJson.NODES.arrayNode();
            hosted.list().forEach(h -> list.add(HostedJson.full(h)));
            ObjectNode out = LegacyJson.NODES.objectNode();
            out.set("hosted_frameworks", list);
            Replies.json(request.response(), 200, MezzoJson.write(out));
            return;
        }
        if (ApiRequests.check(request, false).isEmpty()) {
            return;
        }
        Context context = Vertx.currentContext();
        Bodies.read(request, MAX_BODY).onSuccess(body -> {
            Submission submission;
            try {
                submission = Submission.parse(body.getBytes());
            } catch (IllegalArgumentException e) {
                Replies.text(request.response(), 400, e.getMessage());
                return;
            }
            hosted.submit(submission.script, submission.params, Hosted.Origin.SUBMITTED, caller.principal())
                    .whenComplete((h, failure) -> context.runOnContext(v -> answerSubmit(request, h, failure)));
        });
    }

    private static void answerSubmit(HttpServerRequest request, Hosted h, Throwable failure) {
        if (failure == null) {
            Replies.json(request.response(), 201, MezzoJson.write(HostedJson.full(h)));
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ScriptException) {
            Replies.text(request.response(), 400, cause.getMessage());
        } else {
            LOG.log(Level.ERROR, "hosting a submitted script failed", cause);
            Replies.text(request.response(), 503, "The master cannot host scripts now: " + cause.getMessage());
        }
    }

    void stop(HttpServerRequest request, Caller caller) {
        if (ApiRequests.check(request, false).isEmpty()) {
            return;
        }
        Bodies.read(request, 64 * 1024).onSuccess(body -> {
            JsonNode json;
            try {
                json = MezzoJson.mapper().readTree(body.getBytes());
            } catch (IOException e) {
                Replies.text(request.response(), 400, "Failed to parse body as JSON: " + e.getMessage());
                return;
            }
            String id = json == null ? "" : json.path("id").asText("");
            String frameworkId = json == null ? "" : json.path("framework_id").asText("");
            if (id.isEmpty() == frameworkId.isEmpty()) {
                Replies.text(request.response(), 400, "Expecting exactly one of 'id' (hosted-N) and 'framework_id'");
                return;
            }
            Optional<Hosted> stopped = id.isEmpty()
                    ? hosted.stopByFrameworkId(frameworkId, "stopped through " + STOP)
                    : hosted.stop(id, "stopped through " + STOP);
            if (stopped.isEmpty()) {
                Replies.text(request.response(), 404, id.isEmpty()
                        ? "No hosted framework has framework id '" + frameworkId + "'"
                        : "No hosted framework '" + id + "'");
                return;
            }
            Replies.json(request.response(), 200, MezzoJson.write(HostedJson.full(stopped.get())));
        });
    }

    /** A parsed {@code POST /mezzo/frameworks} body. */
    private record Submission(ScriptSource script, ObjectNode params) {
        static Submission parse(byte[] body) {
            JsonNode json;
            try {
                json = MezzoJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("Failed to parse body as JSON: " + e.getMessage(), e);
            }
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("Expecting a JSON object {\"script\", \"source\", \"files\","
                        + " \"params\"}");
            }
            String name = text(json, "script");
            if (!name.endsWith(".js") || name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("'script' must be a file name ending in .js, not '" + name + "'");
            }
            String source = text(json, "source");
            Map<String, String> files = new LinkedHashMap<>();
            JsonNode given = json.path("files");
            if (!given.isMissingNode() && !given.isNull()) {
                if (!given.isObject()) {
                    throw new IllegalArgumentException("'files' must be an object of relative path to text");
                }
                given.fields().forEachRemaining(f -> {
                    if (!f.getValue().isTextual()) {
                        throw new IllegalArgumentException("files['" + f.getKey() + "'] must be a string");
                    }
                    files.put(f.getKey(), f.getValue().asText());
                });
            }
            ObjectNode params = MezzoJson.mapper().createObjectNode();
            JsonNode p = json.path("params");
            if (!p.isMissingNode() && !p.isNull()) {
                if (!p.isObject()) {
                    throw new IllegalArgumentException("'params' must be an object of name to string");
                }
                p.fields().forEachRemaining(f -> {
                    if (!f.getValue().isValueNode()) {
                        throw new IllegalArgumentException("params['" + f.getKey() + "'] must be a string");
                    }
                    params.put(f.getKey(), f.getValue().asText());
                });
            }
            return new Submission(ScriptSource.of(name, source, files), params);
        }

        private static String text(JsonNode json, String field) {
            JsonNode v = json.get(field);
            if (v == null || !v.isTextual() || v.asText().isEmpty()) {
                throw new IllegalArgumentException("Expecting '" + field + "' to be a non-empty string");
            }
            return v.asText();
        }
    }
}
