package dev.sovereign.gateway.wire;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body of at most a given size. A body declared or found larger fails with {@code
 * sovereign.body_too_large} as soon as that is known, without buffering the rest. Runs on the request's event loop.
 */
public final class BoundedBody {
    private BoundedBody() {}

    /** The whole body, or a failed future ({@link GatewayFailure}) when it exceeds {@code max} bytes or breaks off. */
    public static Future<Buffer> read(HttpServerRequest req, long max) {
        String declared = req.getHeader("content-length");
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > max) {
            return Future.failedFuture(tooLarge(max));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (promise.future().isComplete()) return;
            if (body.length() + chunk.length() > max) {
                promise.tryFail(tooLarge(max));
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> promise.tryFail(
                new GatewayFailure(FailureKind.INVALID_REQUEST, "The request body could not be read.")));
        req.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }

    private static GatewayFailure tooLarge(long max) {
        return new GatewayFailure(
                FailureKind.BODY_TOO_LARGE, "The request body exceeds the limit of " + max + " bytes here.");
    }
}
