package dev.sovereign.gateway.wire;

import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.Decision;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * One client request as it moves through the pipeline: the server request and response, the ids and
 * facts gathered so far, and the one place that writes an error to the client in the format of the API
 * it called. Confined to the request's event loop.
 */
public final class Exchange {
    public static final String REQUEST_ID = "x-sovereign-request-id";
    public static final String RULE = "x-sovereign-rule";
    public static final String ROUTE = "x-sovereign-route";
    public static final String ERROR_KEY = "x-sovereign-error";

    private final HttpServerRequest request;
    private final String requestId;
    private final long startNanos;
    private final ErrorBodies errors;
    private final WireFormat api;
    private Principal principal;
    private Decision decision;
    private WireFormat translatedTo;
    private Runnable onClientGone;
    private boolean audited;
    private boolean clientGone;

    public Exchange(HttpServerRequest request, String requestId, long startNanos, WireFormat api, ErrorBodies errors) {
        this.request = request;
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.api = api;
        this.errors = errors;
        HttpServerResponse response = request.response();
        response.putHeader(REQUEST_ID, requestId);
        // whichever path writes the head (an answer, an error, a refusal), it names the decision in force then
        response.headersEndHandler(v -> {
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
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The API format errors are written in. */
    public WireFormat api() {
        return api;
    }

    public Principal principal() {
        return principal;
    }

    public void principal(Principal principal) {
        this.principal = principal;
    }

    public Decision decision() {
        return decision;
    }

    /**
     * Records the decision (the route attempts record each target's in turn); the response's head names the rule and
     * provider of the last one when it is written.
     */
    public void decided(Decision decision) {
        this.decision = decision;
    }

    /** The format the request is translated into for its provider, or {@code null} when it leaves in its own. */
    public WireFormat translatedTo() {
        return translatedTo;
    }

    public void translatedTo(WireFormat format) {
        this.translatedTo = format;
    }

    /** Marks that a decision event was recorded, so that a completion event follows. */
    public void audited() {
        this.audited = true;
    }

    public boolean isAudited() {
        return audited;
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
            response.write(errors.streamEvent(api, failure.kind(), failure.getMessage(), requestId));
            response.end();
            return;
        }
        response.setStatusCode(failure.kind().status());
        response.putHeader("content-type", "application/json");
        response.putHeader(ERROR_KEY, failure.kind().key());
        for (Map.Entry<String, String> h : failure.headers().entrySet()) {
            response.putHeader(h.getKey(), h.getValue());
        }
        response.end(errors.body(api, failure.kind(), failure.getMessage(), requestId));
    }
}
