package dev.sovereign.gateway.provider;

import dev.sovereign.classify.Classification;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.provider.resilience.AttemptFailure;
import dev.sovereign.gateway.provider.resilience.ProviderGuard;
import dev.sovereign.gateway.translate.TranslatedRequest;
import dev.sovereign.gateway.translate.Translator;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.gateway.wire.Usage;
import dev.sovereign.policy.Decision;
import io.github.resilience4j.retry.Retry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Provider stage of a forwarded request: its decision's targets, tried in order.
 *
 * <p>Design note. Each target is its provider and model: the first is where the policy sent the request, the next
 * ones are the route's fallbacks that the guarantees allow for it ({@link
 * dev.sovereign.policy.Policy#withPermittedFallbacks}), so no fallback crosses a boundary the policy would not let
 * the request cross. A target is let through by its provider's {@link ProviderGuard} (circuit breaker, concurrency
 * limit). While nothing of the answer has reached the client, a retryable failure is retried on the same target as
 * the guard's retry plan says (the provider's {@code retry-after} or a backoff), then the next target takes over;
 * once the first byte is out, the answer is the client's, failures included. Before the request goes to a fallback
 * target, a {@code fallback} audit event naming it is committed, as the decision was for the first. One instance
 * per event loop; one {@link Run} per request, confined to its event loop.
 */
public final class RouteAttempts {
    /** Names the fields a translation left out ({@code translation.drop_unsupported}). */
    public static final String DROPPED_HEADER = "x-sovereign-dropped-fields";

    private final Vertx vertx;
    private final Map<String, Upstream> upstreams;
    private final Map<String, ProviderGuard> guards;
    private final Forwarder forwarder;
    private final Translator translator;
    private final Auditor auditor;
    private final AttemptMetrics metrics;
    private final Tracer tracer;

    public RouteAttempts(
            Vertx vertx,
            Map<String, Upstream> upstreams,
            Map<String, ProviderGuard> guards,
            Forwarder forwarder,
            Translator translator,
            Auditor auditor,
            AttemptMetrics metrics,
            Tracer tracer) {
        this.vertx = vertx;
        this.tracer = tracer;
        this.metrics = metrics;
        this.upstreams = Map.copyOf(upstreams);
        this.guards = Map.copyOf(guards);
        this.forwarder = forwarder;
        this.translator = translator;
        this.auditor = auditor;
    }

    /** Sends {@code transformed} to {@code decision}'s first target, falling back as it must; never fails. */
    public Future<Outcome> run(
            Exchange exchange, Transformed transformed, Classification classification, Decision decision) {
        List<Decision> targets = new ArrayList<>(1 + decision.fallbacks().size());
        targets.add(decision);
        for (Decision.Target t : decision.fallbacks()) targets.add(decision.at(t));
        return new Run(exchange, transformed, classification, targets).start();
    }

    /**
     * The format {@code request} must be translated into for {@code upstream}, or {@code null} when it leaves in its
     * own: the provider serves the client's format, or the operation does not translate (embeddings have no
     * Anthropic equivalent; {@code count_tokens} for an OpenAI-format provider is estimated by the gateway).
     */
    public static WireFormat translation(InboundRequest request, Upstream upstream) {
        if (upstream == null || !request.operation().translates()) return null;
        WireFormat format = upstream.adapter().upstreamFormat(request.api());
        return format == request.api() ? null : format;
    }

    /**
     * Whether {@code upstream} can take {@code request}: it is configured, and serves embeddings when they are asked
     * for. The pipeline refuses the first target that cannot; a fallback that cannot is passed over.
     */
    public static boolean serves(Upstream upstream, InboundRequest request) {
        return upstream != null
                && (request.operation() != Operation.EMBEDDINGS
                        || upstream.adapter().servesEmbeddings());
    }

    private static final TextMapSetter<MultiMap> HEADERS = (headers, name, value) -> headers.set(name, value);

    private final class Run {
        final Exchange exchange;
        final Transformed transformed;
        final Classification classification;
        final List<Decision> targets;
        final Context context = Vertx.currentContext();
        final Promise<Outcome> done = Promise.promise();
        int index;
        /** Attempts made at target {@link #index}. */
        int tries;

        Retry.AsyncContext<AttemptFailure> retries;
        /** What the gate decided for the failure it took over: retry after this many ms, or -1 for the next target. */
        long retryInMs;

        AttemptFailure lastFailure;

        Run(Exchange exchange, Transformed transformed, Classification classification, List<Decision> targets) {
            this.exchange = exchange;
            this.transformed = transformed;
            this.classification = classification;
            this.targets = targets;
        }

        Future<Outcome> start() {
            target(0);
            return done.future();
        }

        /** Goes to target {@code i}: recorded first when it is a fallback. */
        void target(int i) {
            index = i;
            tries = 0;
            retries = null;
            Decision d = targets.get(i);
            Upstream upstream = upstreams.get(d.providerId());
            if (i > 0 && !serves(upstream, transformed.request())) {
                next(AttemptFailure.transport(FailureKind.NO_ROUTE.key()));
                return;
            }
            Trip routed = exchange.trip().routed(d, translation(transformed.request(), upstream));
            exchange.advance(routed);
            Future<Void> recorded = i == 0
                    ? Future.succeededFuture()
                    : auditor.fallback(context, routed, classification, lastFailure.status(), lastFailure.key());
            recorded.onComplete(ar -> {
                if (ar.failed()) finish(failed(GatewayFailure.of(ar.cause())));
                else attempt(d, upstream);
            });
        }

        /** One attempt at target {@link #index}, if its guard lets it through. */
        void attempt(Decision d, Upstream upstream) {
            InboundRequest request = transformed.request();
            if (exchange.clientGone()) {
                finish(Outcome.failed(499, "client.disconnected", true));
                return;
            }
            if (request.operation() == Operation.COUNT_TOKENS && !upstream.countsTokens()) {
                finish(countLocally(exchange, request));
                return;
            }
            ProviderGuard guard = guards.get(d.providerId());
            ProviderGuard.Admission admission = guard.admit();
            if (!admission.admitted()) {
                refused(d, admission.refusal());
                return;
            }
            ProviderGuard.Permit permit = admission.permit();
            Span span = attemptSpan(d);
            Forwarder.Attempt attempt;
            try {
                attempt = prepare(d, upstream, request, span);
            } catch (GatewayFailure f) {
                permit.abandoned();
                span.setStatus(StatusCode.ERROR, f.kind().key());
                span.end();
                // A fallback that cannot take the request (a field its format cannot carry) is passed over.
                if (index > 0 && hasNext())
                    next(AttemptFailure.transport(f.kind().key()));
                else finish(failed(f));
                return;
            }
            retryInMs = Long.MIN_VALUE;
            forwarder.forward(exchange, attempt).onComplete(ar -> {
                Outcome outcome = ar.result();
                if (retryInMs != Long.MIN_VALUE) {
                    permit.failed(lastFailure);
                    span.setStatus(StatusCode.ERROR, lastFailure.key());
                    span.setAttribute("sovereign.then", retryInMs >= 0 ? "retry" : "next_target");
                    span.end();
                    if (retryInMs >= 0) {
                        metrics.retried(d.providerId());
                        vertx.setTimer(Math.max(1, retryInMs), t -> retry(d, upstream));
                    } else {
                        next(lastFailure);
                    }
                    return;
                }
                span.setAttribute("http.response.status_code", outcome.status());
                if (outcome.errorKey() != null) span.setStatus(StatusCode.ERROR, outcome.errorKey());
                span.end();
                report(permit, outcome);
                finish(outcome);
            });
        }

        /** The span of one attempt, a child of the request's: the provider, the model, which target and which try. */
        Span attemptSpan(Decision d) {
            if (!exchange.span().getSpanContext().isValid()) return Span.getInvalid(); // not traced
            return tracer.spanBuilder("sovereign.provider.attempt")
                    .setParent(io.opentelemetry.context.Context.root().with(exchange.span()))
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute("sovereign.provider", d.providerId())
                    .setAttribute("gen_ai.request.model", d.upstreamModel())
                    .setAttribute("sovereign.target", index)
                    .setAttribute("sovereign.try", ++tries)
                    .startSpan();
        }

        void retry(Decision d, Upstream upstream) {
            if (exchange.clientGone()) {
                finish(Outcome.failed(499, "client.disconnected", true));
                return;
            }
            attempt(d, upstream);
        }

        Forwarder.Attempt prepare(Decision d, Upstream upstream, InboundRequest request, Span span) {
            TranslatedRequest translated = translate(request, upstream);
            InboundRequest outgoing = translated == null ? request : translated.request();
            MultiMap headers = translated == null ? exchange.request().headers() : translated.headers();
            UpstreamRequest prepared = upstream.adapter().prepare(outgoing, d.upstreamModel(), headers);
            prepared.headers().set(Exchange.REQUEST_ID, exchange.requestId());
            // the provider (or a proxy before it) sees this attempt's span as its parent, never the client's own
            prepared.headers().remove("traceparent").remove("tracestate");
            W3CTraceContextPropagator.getInstance()
                    .inject(io.opentelemetry.context.Context.root().with(span), prepared.headers(), HEADERS);
            return new Forwarder.Attempt(
                    request,
                    upstream.config().id(),
                    upstream.client(),
                    upstream.config().timeouts(),
                    prepared,
                    transformed.answerRestorer(),
                    translated == null ? null : translated.answer(),
                    this::takeOver);
        }

        /**
         * Translate: the request in its provider's format, when the provider does not serve the client's ({@code
         * null} when it leaves as it is). Fields left out by {@code translation.drop_unsupported} are named in a
         * response header.
         */
        TranslatedRequest translate(InboundRequest request, Upstream upstream) {
            WireFormat target = exchange.trip().translatedTo();
            if (target == null) return null;
            TranslatedRequest translated =
                    translator.request(request, target, upstream.config().translation());
            if (!translated.dropped().isEmpty()) {
                exchange.response().putHeader(DROPPED_HEADER, String.join(", ", translated.dropped()));
            }
            return translated;
        }

        /** The forwarder's gate: takes a failure over when this target may be retried or another target remains. */
        boolean takeOver(AttemptFailure failure) {
            if (retries == null)
                retries = guards.get(targets.get(index).providerId()).retries();
            long delay = retries.onResult(failure);
            if (delay < 0 && !(failure.retryable() && hasNext())) return false;
            lastFailure = failure;
            retryInMs = delay;
            return true;
        }

        /** The guard refused the target: the next one takes over, or the client learns why none could. */
        void refused(Decision d, ProviderGuard.Refusal refusal) {
            String key = refusal == ProviderGuard.Refusal.BUSY
                    ? FailureKind.PROVIDER_BUSY.key()
                    : FailureKind.PROVIDER_UNAVAILABLE.key();
            if (hasNext()) {
                next(AttemptFailure.transport(key));
                return;
            }
            String why =
                    lastFailure == null ? "" : " after the route's earlier targets failed (" + lastFailure.key() + ")";
            finish(failed(
                    refusal == ProviderGuard.Refusal.BUSY
                            ? new GatewayFailure(
                                    FailureKind.PROVIDER_BUSY,
                                    "Provider '" + d.providerId() + "' has as many requests in flight as it is allowed"
                                            + why + "; retry shortly.")
                            : new GatewayFailure(
                                    FailureKind.PROVIDER_UNAVAILABLE,
                                    "Provider '" + d.providerId() + "' is failing and is not being called for now" + why
                                            + "; retry shortly.")));
        }

        boolean hasNext() {
            return index + 1 < targets.size();
        }

        void next(AttemptFailure failure) {
            lastFailure = failure;
            if (hasNext()) {
                metrics.fellBack(
                        targets.get(index).providerId(), targets.get(index + 1).providerId());
                target(index + 1);
                return;
            }
            finish(failed(new GatewayFailure(
                    FailureKind.PROVIDER_UNAVAILABLE,
                    "No target of this request's route could take it (last: " + failure.key() + ").")));
        }

        /** Tells the guard how the call went: a provider fault counts against its breaker, a client's error not. */
        void report(ProviderGuard.Permit permit, Outcome outcome) {
            if (outcome.cancelled()) {
                permit.abandoned();
                return;
            }
            String key = outcome.errorKey();
            boolean fault = key != null
                    && (outcome.status() == 429
                            || outcome.status() >= 500
                            || key.startsWith("sovereign.upstream_")
                            || (outcome.streamed() && key.startsWith("upstream.")));
            if (fault) permit.failed(AttemptFailure.transport(key));
            else permit.succeeded();
        }

        Outcome failed(GatewayFailure f) {
            exchange.fail(f);
            return Outcome.failed(f.kind().status(), f.kind().key(), false);
        }

        void finish(Outcome outcome) {
            done.tryComplete(outcome);
        }
    }

    private static Outcome countLocally(Exchange exchange, InboundRequest request) {
        long tokens = TokenEstimate.inputTokens(request.body());
        exchange.response().putHeader("content-type", "application/json").putHeader("x-sovereign-estimate", "true");
        exchange.response().end("{\"input_tokens\":" + tokens + "}");
        return new Outcome(200, new Usage(tokens, -1, -1, -1), System.nanoTime(), null, false, false);
    }
}
