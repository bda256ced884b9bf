package io.mezzo.internal.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The checks every POST API endpoint makes first, in Mesos's order: the method (405 with
 * {@code Allow}), then the presence (400) and kind (415) of {@code Content-Type}.
 */
final class ApiRequests {
    /** How a request body is encoded. */
    enum Encoding { JSON, PROTOBUF }

    private ApiRequests() {}

    /**
     * The body's encoding, or empty once the request was answered with its error.
     *
     * @param protobufAllowed whether {@code application/x-protobuf} is accepted here
     */
    static Optional<Encoding> check(HttpServerRequest request, boolean protobufAllowed) {
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader("Allow", "POST");
            Replies.text(request.response(), 405, "Expecting a POST request, received " + request.method());
            return Optional.empty();
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null) {
            Replies.text(request.response(), 400, "Expecting 'Content-Type' to be present");
            return Optional.empty();
        }
        if (MediaTypes.isJson(contentType)) {
            return Optional.of(Encoding.JSON);
        }
        if (protobufAllowed && MediaTypes.isProtobuf(contentType)) {
            return Optional.of(Encoding.PROTOBUF);
        }
        Replies.text(request.response(), 415, "Expecting 'Content-Type' of " + MediaTypes.JSON
                + (protobufAllowed ? " or " + MediaTypes.PROTOBUF : ""));
        return Optional.empty();
    }
}
