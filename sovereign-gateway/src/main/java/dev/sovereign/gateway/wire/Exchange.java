package dev.sovereign.gateway.wire;

import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.Decision;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * One client request's connection as it moves through the pipeline: the server request and response, the latest
 * {@link Trip} (the facts gathered so far, as a value), and the one place that writes an error to the client in the
 * format of the API it called. Confined to the request's event loop.
 */
public final class Exchange {
    public static final String REQUEST_ID = "x-sovereign-request-id";
    public static final String RULE = "x-sovereign-rule";
    public static final String ROUTE = "x-sovereign-route";
    public static final String ERROR_KEY = "x-sovereign-error";

    private final HttpServerRequest request;
    private final ErrorBodies errors;
    private Trip trip;
    private Span span = Span.getInvalid();
    private Runnable onClientGone;
    private boolean clientGone;

    public Exchange(HttpServerRequest request, String requestId, long startNanos, WireFormat api, ErrorBodies errors) {
        this.request = request;
        this.trip = Trip.started(requestId, startNanos, api);
        this.errors = errors;
        HttpServerResponse response = request.response();
        response.putHeader(REQUEST_ID, requestId);
        // whichever path writes the head (an answer, an error, a refusal), it names the decision in force then
        response.headersEndHandler(v -> {
            Decision decision = trip.decision();
            if (decision == null) return;
            response.putHeader(RULE, decision.ruleId());
            if (decision.providerId() != null) response.putHeader(ROUTE, decision.providerId());
        });
        response.closeHandler(v -> {
            if (response.ended()) return;
            clientGone = true;
            if (onClientGone != null) onClientGone.run();
        });
    }

    public HttpServerRequest request() {
        return request;
    }

    public HttpServerResponse response() {
        return request.response();
    }

    public String requestId() {
        return trip.requestId();
    }

    public long startNanos() {
        return trip.startNanos();
    }

    /** The API format errors are written in. */
    public WireFormat api() {
        return trip.api();
    }

    /** The request's trace span (an invalid one, recording nothing, unless tracing is on). */
    public Span span() {
        return span;
    }

    /** The request's trace span from now on; it ends at completion. */
    public void traced(Span requestSpan) {
        this.span = java.util.Objects.requireNonNull(requestSpan);
    }

    /** A child span of the request's, for one stage, started now. */
    public Span stage(io.opentelemetry.api.trace.Tracer tracer, String name) {
        if (!span.getSpanContext().isValid()) return Span.getInvalid(); // not traced: nothing to build
        return tracer.spanBuilder(name)
                .setParent(io.opentelemetry.context.Context.root().with(span))
                .startSpan();
    }

    /** What is known of the request now. */
    public Trip trip() {
        return trip;
    }

    /**
     * Takes {@code next} as what is known of the request from now on; the response's head names the decision of the
     * latest when it is written.
     *
     * @throws IllegalArgumentException when {@code next} is another request's
     */
    public void advance(Trip next) {
        if (!next.requestId().equals(trip.requestId())
                || next.startNanos() != trip.startNanos()
                || next.api() != trip.api()) {
            throw new IllegalArgumentException("a trip of another request");
        }
        this.trip = next;
    }

    public boolean clientGone() {
        return clientGone;
    }

    /** Runs {@code action} when the client disconnects before the response ends (at most once). */
    public void onClientGone(Runnable action) {
        this.onClientGone = action;
    }

    public ErrorBodies errors() {
        return errors;
    }

    /**
     * Reports a failure: as an error response while nothing has been sent, as the format's in-stream
     * error event once a stream has begun; nothing when the client has gone.
     */
    public void fail(GatewayFailure failure) {
        HttpServerResponse response = request.response();
        if (clientGone || response.ended() || response.closed()) return;
        if (response.headWritten()) {
            response.write(errors.streamEvent(trip.api(), failure.kind(), failure.getMessage(), trip.requestId()));
            response.end();
            return;
        }
        response.setStatusCode(failure.kind().status());
        response.putHeader("content-type", "application/json");
        response.putHeader(ERROR_KEY, failure.kind().key());
        for (Map.Entry<String, String> h : failure.headers().entrySet()) {
            response.putHeader(h.getKey(), h.getValue());
        }
        response.end(errors.body(trip.api(), failure.kind(), failure.getMessage(), trip.requestId()));
    }
}
