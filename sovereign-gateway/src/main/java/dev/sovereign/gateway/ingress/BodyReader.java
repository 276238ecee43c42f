package dev.sovereign.gateway.ingress;

import dev.sovereign.config.Limits;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.SilenceTimer;
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
        long reserved = Math.max(length, 0);
        if (reserved > 0 && !budget.reserve(reserved)) {
            overBudget(ex);
            return false;
        }
        started.run();
        new Reading(req, ex, receiver, reserved, length).start();
        return true;
    }

    /** One body being read: what it holds of the budget, its idle timer, and whether it is done. */
    private final class Reading {
        private final HttpServerRequest req;
        private final Exchange ex;
        private final Receiver receiver;
        private final Buffer body;
        private final long idleMs = limits.bodyIdleTimeout().toMillis();
        private final SilenceTimer silence;
        private long held;
        private boolean done;

        Reading(HttpServerRequest req, Exchange ex, Receiver receiver, long reserved, long length) {
            this.req = req;
            this.ex = ex;
            this.receiver = receiver;
            this.held = reserved;
            this.body = Buffer.buffer(length > 0 ? (int) length : 4096);
            this.silence = new SilenceTimer(vertx, limits.bodyIdleTimeout(), this::stalled);
        }

        void start() {
            silence.start();
            req.handler(this::chunk);
            req.exceptionHandler(t -> refuse(Outcome.failed(499, "client.disconnected", true)));
            req.endHandler(v -> {
                silence.cancel();
                if (done) return;
                done = true;
                receiver.received(body, this::release);
            });
        }

        private void chunk(Buffer chunk) {
            if (done) return;
            silence.activity();
            long grown = (long) body.length() + chunk.length();
            long max = limits.maxBodyBytes();
            if (grown > max) {
                refuse(tooLarge(ex, max));
            } else if (grown > held && !budget.reserve(grown - held)) {
                refuse(overBudget(ex));
            } else {
                held = Math.max(held, grown);
                body.appendBuffer(chunk);
            }
        }

        /** The body stopped arriving: refuse it, and close the connection it holds. */
        private void stalled() {
            if (done) return;
            req.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> req.connection().close());
            refuse(fail(
                    ex,
                    new GatewayFailure(
                            FailureKind.REQUEST_TIMEOUT,
                            "The request body stopped arriving for " + idleMs + " ms; send it whole.")));
        }

        private void refuse(Outcome outcome) {
            silence.cancel();
            if (done) return;
            done = true;
            release();
            receiver.refused(outcome);
        }

        /** Gives the body's share of the budget back; once. */
        private void release() {
            budget.release(held);
            held = 0;
        }
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
