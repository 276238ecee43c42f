package dev.sovereign.gateway.dashboard;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Brings the outcome of a {@link CompletionStage} back to the Vert.x context that waits for it. */
final class OnLoop {
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    private OnLoop() {}

    /**
     * Logs that the sessions' store could not be asked: a warning at most every 10 seconds (a dashboard polls, and an
     * outage would fill the log), else at debug level. The failure never holds a session id nor a password.
     */
    static void unavailable(Logger log, Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("dashboard sessions cannot be asked: {}", failure.toString());
        } else {
            log.debug("dashboard sessions cannot be asked: {}", failure.toString());
        }
    }

    /**
     * A future completed with the stage's outcome on the calling thread's Vert.x context: at once when the stage is
     * already complete (the in-memory stores), else through the context when the stage completes on another thread
     * (a Redis client's). Without a current context, on whatever thread completes the stage.
     */
    static <T> Future<T> future(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        stage.whenComplete((value, failure) -> {
            if (context == null || Vertx.currentContext() == context) {
                complete(promise, value, failure);
            } else {
                context.runOnContext(v -> complete(promise, value, failure));
            }
        });
        return promise.future();
    }

    private static <T> void complete(Promise<T> promise, T value, Throwable failure) {
        if (failure == null) {
            promise.complete(value);
        } else {
            promise.fail(
                    failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure);
        }
    }
}
