package dev.sovereign.gateway.ingress;

import dev.sovereign.config.Limits;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Reads a request body within the gateway's limits, for every endpoint that takes one: the size limit, declared
 * ({@code content-length}) and received; the process-wide memory budget ({@link BodyBudget}), charged as the body
 * grows and given back when its request is done; and the idle timeout, after which a body that stopped arriving is
 * refused and its connection closed. Each refusal answers in the caller's API format. One per event loop.
 */
public final class BodyReader {
    /** What becomes of a body being read. */
    public interface Receiver {
        /**
         * The whole body. {@code release} gives its share of the memory budget back; run it once the request is done
         * with the body.
         */
        void received(Buffer body, Runnable release);

        /**
         * The body was refused while being read (too large, over the budget, stalled) or the client went away: the
         * answer, if the client can still get one, is written; the budget is already given back.
         */
        void refused(Outcome outcome);
    }

    private final Vertx vertx;
    private final Limits limits;
    private final BodyBudget budget;

    public BodyReader(Vertx vertx, Limits limits, BodyBudget budget) {
        this.vertx = vertx;
        this.limits = limits;
        this.budget = budget;
    }

    /**
     * Refuses at once a body whose declared length exceeds the limit or the budget: the answer is written and the
     * result is {@code false}. Otherwise runs {@code started}, reads the body, hands it to {@code receiver} and returns
     * {@code true}.
     */
    public boolean read(HttpServerRequest req, Exchange ex, Runnable started, Receiver receiver) {
        long max = limits.maxBodyBytes();
        long length = declaredLength(req);
        if (length > max) {
            tooLarge(ex, max);
            return false;
        }
        long[] held = {Math.max(length, 0)};
        if (held[0] > 0 && !budget.reserve(held[0])) {
            overBudget(ex);
            return false;
        }
        Runnable release = () -> {
            budget.release(held[0]);
            held[0] = 0;
        };
        started.run();
        Buffer body = Buffer.buffer(length > 0 ? (int) length : 4096);
        boolean[] done = {false};
        long idleMs = limits.bodyIdleTimeout().toMillis();
        long[] idle = {0};
        Runnable stalled = () -> {
            if (done[0]) return;
            done[0] = true;
            release.run();
            // the body stopped arriving: refuse it, and close the connection it holds
            req.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> req.connection().close());
            receiver.refused(fail(
                    ex,
                    new GatewayFailure(
                            FailureKind.REQUEST_TIMEOUT,
                            "The request body stopped arriving for " + idleMs + " ms; send it whole.")));
        };
        idle[0] = vertx.setTimer(idleMs, id -> stalled.run());
        req.handler(chunk -> {
            if (done[0]) return;
            vertx.cancelTimer(idle[0]);
            idle[0] = vertx.setTimer(idleMs, id -> stalled.run());
            long grown = (long) body.length() + chunk.length();
            Outcome refusal = null;
            if (grown > max) {
                refusal = tooLarge(ex, max);
            } else if (grown > held[0]) {
                if (budget.reserve(grown - held[0])) {
                    held[0] = grown;
                } else {
                    refusal = overBudget(ex);
                }
            }
            if (refusal != null) {
                done[0] = true;
                vertx.cancelTimer(idle[0]);
                release.run();
                receiver.refused(refusal);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> {
            vertx.cancelTimer(idle[0]);
            if (done[0]) return;
            done[0] = true;
            release.run();
            receiver.refused(Outcome.failed(499, "client.disconnected", true));
        });
        req.endHandler(v -> {
            vertx.cancelTimer(idle[0]);
            if (done[0]) return;
            done[0] = true;
            receiver.received(body, release);
        });
        return true;
    }

    /** The declared {@code content-length}, or -1 when there is none or it is not a number. */
    private static long declaredLength(HttpServerRequest req) {
        String declared = req.getHeader("content-length");
        if (declared == null) return -1;
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 413; the rest of the body is not read, and an HTTP/1 connection closes once the answer is out. */
    private static Outcome tooLarge(Exchange ex, long max) {
        closeAfterAnswer(ex);
        return fail(
                ex,
                new GatewayFailure(
                        FailureKind.BODY_TOO_LARGE,
                        "The request body exceeds the gateway's limit of " + max + " bytes."));
    }

    /** 503 with {@code retry-after}: the bodies being read already hold the memory budget; the connection closes. */
    private static Outcome overBudget(Exchange ex) {
        closeAfterAnswer(ex);
        ex.response().putHeader("retry-after", "1");
        return fail(
                ex,
                new GatewayFailure(
                        FailureKind.OVERLOADED,
                        "The gateway is reading as many request bodies as its memory budget allows; retry shortly."));
    }

    private static void closeAfterAnswer(Exchange ex) {
        if (ex.request().version() != HttpVersion.HTTP_2) {
            ex.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> ex.request().connection().close());
        }
    }

    private static Outcome fail(Exchange ex, GatewayFailure f) {
        ex.fail(f);
        return Outcome.failed(f.kind().status(), f.kind().key(), false);
    }
}
