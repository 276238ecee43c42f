package dev.sovereign.gateway;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ingress.BodyReader;
import dev.sovereign.gateway.ingress.ClientAuthentication;
import dev.sovereign.gateway.ingress.Requests;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.policy.ExplainRequest;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Explanation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * {@code POST /v1/sovereign/explain}: what the gateway would do with a request, without forwarding it. The body is read
 * within the same limits as a prompt's ({@link BodyReader}).
 */
final class ExplainEndpoint {
    private final GatewayRuntime runtime;
    private final Json json;
    private final ErrorBodies errors;
    private final ClientAuthentication authentication;
    private final BodyReader bodies;

    ExplainEndpoint(
            GatewayRuntime runtime,
            Json json,
            ErrorBodies errors,
            ClientAuthentication authentication,
            BodyReader bodies) {
        this.runtime = runtime;
        this.json = json;
        this.errors = errors;
        this.authentication = authentication;
        this.bodies = bodies;
    }

    /** What explains and assesses requests: the policy in force (the built-in default when there is no file). */
    Explainer explainer() {
        return Explainer.of(runtime.decider().inForce().policy(), runtime.classifier());
    }

    /**
     * {@code POST /v1/sovereign/explain}: classifies and decides a request body as {@code /v1/messages} or {@code
     * /v1/chat/completions} would ({@code ?api=anthropic|openai}, else guessed from the headers), for the caller's
     * key, workload and labels, and answers with the explanation instead of forwarding. Findings carry offsets, never
     * values.
     */
    void serve(HttpServerRequest req) {
        String apiParam = req.getParam("api");
        WireFormat api = "anthropic".equals(apiParam)
                ? WireFormat.ANTHROPIC
                : "openai".equals(apiParam) ? WireFormat.OPENAI : Requests.guessApi(req);
        Exchange ex = Requests.exchange(req, api, errors);
        if (req.method() != HttpMethod.POST) {
            ex.fail(new GatewayFailure(
                    FailureKind.METHOD_NOT_ALLOWED,
                    "Method " + req.method() + " is not allowed here; use POST.",
                    Map.of("allow", "POST"),
                    null));
            return;
        }
        if (apiParam != null && !apiParam.equals("anthropic") && !apiParam.equals("openai")) {
            ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, "api must be anthropic or openai"));
            return;
        }
        try {
            ex.advance(ex.trip().authenticated(authentication.authenticate(req)));
        } catch (GatewayFailure f) {
            ex.fail(f);
            return;
        }
        bodies.read(req, ex, () -> {}, new BodyReader.Receiver() {
            @Override
            public void received(Buffer body, Runnable release) {
                try {
                    explain(req, ex, api, body);
                } finally {
                    release.run();
                }
            }

            @Override
            public void refused(Outcome outcome) {
                // the answer is written; an explanation is not audited
            }
        });
    }

    private void explain(HttpServerRequest req, Exchange ex, WireFormat api, Buffer body) {
        try {
            var parsed = json.parseObject(body);
            Explanation explanation = explainer()
                    .explain(new ExplainRequest(
                            api,
                            null,
                            parsed,
                            body.length(),
                            ex.trip().principal().keyId(),
                            ex.trip().principal().team(),
                            ex.trip().principal().workload(),
                            Pipeline.labels(req.getHeader(Pipeline.LABELS_HEADER))));
            req.response().putHeader("content-type", "application/json").end(json.buffer(explanation.toJsonTree()));
        } catch (GatewayFailure f) {
            ex.fail(f);
        } catch (IllegalArgumentException e) {
            ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
        }
    }
}
