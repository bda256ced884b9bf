package io.mezzo.internal.http;

import io.vertx.core.http.HttpServerResponse;

/** Plain-text answers, as Mesos gives them: the body is the message. */
final class Replies {
    static final String TEXT = "text/plain; charset=utf-8";

    private Replies() {}

    static void text(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", TEXT).end(message);
    }

    static void empty(HttpServerResponse response, int status) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).end();
    }

    static void json(HttpServerResponse response, int status, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
