package io.mezzo.internal.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body with a size limit. A body over the limit is refused with 413 as soon
 * as the declared length (or the bytes received) pass it, without buffering the rest.
 */
final class Bodies {
    private Bodies() {}

    /** The body, or a failed future after a 413 has already been sent. */
    static Future<Buffer> read(HttpServerRequest request, int limit) {
        Promise<Buffer> promise = Promise.promise();
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    tooLarge(request, limit);
                    promise.fail("body too large");
                    return promise.future();
                }
            } catch (NumberFormatException e) {
                Replies.text(request.response(), 400, "Invalid Content-Length '" + declared + "'");
                promise.fail("bad content length");
                return promise.future();
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                failed[0] = true;
                tooLarge(request, limit);
                promise.tryFail("body too large");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!failed[0]) {
                promise.tryComplete(body);
            }
        });
        request.exceptionHandler(t -> promise.tryFail(t));
        return promise.future();
    }

    private static void tooLarge(HttpServerRequest request, int limit) {
        request.response().putHeader("Connection", "close");
        Replies.text(request.response(), 413, "Request body is larger than the limit of " + limit + " bytes");
    }
}
