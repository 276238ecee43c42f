package dev.sovereign.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.egress.AnthropicAnswerRestorer;
import dev.sovereign.gateway.egress.OpenAiAnswerRestorer;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.limits.RequestLimits;
import dev.sovereign.gateway.ops.AccessLog;
import dev.sovereign.gateway.ops.AccessLogWriter;
import dev.sovereign.gateway.ops.GatewayMetrics;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.RouteAttempts;
import dev.sovereign.gateway.provider.Transformed;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.translate.AnswerTranslator;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Principal;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.gateway.wire.Usage;
import dev.sovereign.policy.Decision;
import dev.sovereign.policy.Guarantee;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.RedactionGuard;
import dev.sovereign.policy.RequestFacts;
import dev.sovereign.redact.CategorySelector;
import dev.sovereign.redact.Redaction;
import dev.sovereign.redact.Redactor;
import dev.sovereign.redact.Restorer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one prompt-carrying request, stage by stage:
 *
 * <pre>
 * Ingress → Classify → Decide → Limit → Audit (decision) → Transform → Translate → Provider → Egress → Audit (completion)
 * </pre>
 *
 * Ingress, Classify, Decide, Transform and Translate are pure and synchronous (a failure is a thrown {@link
 * GatewayFailure}); Audit, Provider and Egress do I/O and return a future. The decision event is committed before
 * the upstream call starts: if it cannot be, the request fails closed. {@link #serve} is the whole trip: {@link
 * #handle} (the stages up to the answer), then {@link #complete} (the completion event, metrics and the access log
 * line) when the client has its answer; a request refused before its body was whole is completed alone. One instance
 * per event loop.
 *
 * <p>Provider is {@link RouteAttempts}: the decision's targets in order (the policy route's fallbacks that the
 * guarantees allow for this request), each behind its provider's circuit breaker and concurrency limit, retried or
 * passed over only while nothing of the answer has reached the client; a fallback is committed to the trail before
 * the request leaves again. Transform and Translate run per target, since targets may speak different formats.
 *
 * <p>Translate runs only when the provider does not serve the client's format ({@link
 * dev.sovereign.gateway.provider.ProviderAdapter#upstreamFormat}): the redacted request is put into the provider's
 * format before its adapter prepares it, and the answer comes back through an {@link AnswerTranslator} before
 * pseudonyms are restored. A request whose format the provider serves takes no part of that path.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The rule id of a decision the route guard overturned: this prefix, then the guarantee's id. */
    public static final String GUARANTEE_RULE_PREFIX = "guarantee:";

    /** Labels a client declares for its request, comma-separated. */
    public static final String LABELS_HEADER = "x-sovereign-labels";

    private final Ingress ingress;
    private final Classifier classifier;
    private final ActivePolicy policy;
    private final Auditor auditor;
    private final Redactor redactor = new Redactor();
    private final Json json;
    private final Map<String, Upstream> upstreams;
    private final RouteAttempts attempts;
    private final RequestLimits limits;
    private final Completion completion;
    private final Tracer tracer;
    private static final AttributeKey<List<String>> CATEGORIES = AttributeKey.stringArrayKey("sovereign.categories");

    /** What is recorded of every request when the client has its answer, besides its audit event. */
    record Completion(GatewayMetrics metrics, AccessLog accessLog, AccessLogWriter accessLogWriter) {}

    Pipeline(
            Ingress ingress,
            Classifier classifier,
            ActivePolicy policy,
            Auditor auditor,
            Map<String, Upstream> upstreams,
            RouteAttempts attempts,
            RequestLimits limits,
            Completion completion,
            Json json,
            Tracer tracer) {
        this.limits = limits;
        this.tracer = tracer;
        this.completion = completion;
        this.json = json;
        this.ingress = ingress;
        this.classifier = classifier;
        this.policy = policy;
        this.auditor = auditor;
        this.upstreams = Map.copyOf(upstreams);
        this.attempts = attempts;
    }

    /**
     * The whole trip of a request whose body has been read: {@link #handle}, then, when the client has its answer or
     * its error, {@link #complete}. A failure anywhere becomes an error in the client's format.
     */
    public Future<Outcome> serve(Exchange exchange, Operation operation, Buffer body) {
        Future<Outcome> outcome;
        try {
            outcome = handle(exchange, operation, body);
        } catch (GatewayFailure f) {
            outcome = failed(exchange, f);
        } catch (RuntimeException e) {
            LOG.error("request {} failed in the pipeline", exchange.requestId(), e);
            outcome = failed(exchange, GatewayFailure.of(e));
        }
        return outcome.recover(t -> failed(exchange, GatewayFailure.of(t)))
                .onSuccess(o -> complete(exchange, operation, o));
    }

    /**
     * Completion: the request's completion event, its metrics and its access log line, whether it was answered,
     * refused at any stage or its body never arrived whole.
     */
    public void complete(Exchange exchange, Operation operation, Outcome outcome) {
        Trip trip = exchange.trip();
        Decision decision = trip.decision();
        String provider = decision != null && decision.providerId() != null ? decision.providerId() : "none";
        int status = outcome.status();
        var cost = auditor.completion(trip, operation.id(), outcome, System.nanoTime());
        Usage usage = outcome.usage();
        trip.allowance()
                .settle(
                        usage.known() ? Math.max(0, usage.inputTokens()) + Math.max(0, usage.outputTokens()) : -1,
                        cost == null ? -1 : cost.microUsd(),
                        !usage.known() && outcome.status() != 200); // providers do not bill refusals and errors
        endSpan(exchange.span(), trip, outcome);
        GatewayMetrics metrics = completion.metrics();
        metrics.finished(trip.api().id(), operation.id(), provider, status, trip.startNanos(), outcome);
        if (cost != null) metrics.spend(provider, cost.price(), cost.microUsd());
        if (completion.accessLog().enabled()) {
            String model = decision == null ? null : decision.upstreamModel();
            completion
                    .accessLogWriter()
                    .write(completion
                            .accessLog()
                            .line(trip, operation.id(), model, status, outcome, System.nanoTime()));
        }
    }

    /** The request's span, ended with what became of it: never text, only ids, counts and the status. */
    private static void endSpan(Span span, Trip trip, Outcome outcome) {
        if (!span.isRecording()) return;
        span.setAttribute("http.response.status_code", outcome.status());
        Decision d = trip.decision();
        if (d != null && d.providerId() != null) {
            span.setAttribute("sovereign.provider", d.providerId());
            span.setAttribute("gen_ai.request.model", d.upstreamModel());
        }
        if (trip.principal() != null) {
            span.setAttribute("sovereign.key", trip.principal().keyId());
            span.setAttribute("sovereign.workload", trip.principal().workload());
        }
        if (outcome.usage().inputTokens() >= 0)
            span.setAttribute("gen_ai.usage.input_tokens", outcome.usage().inputTokens());
        if (outcome.usage().outputTokens() >= 0)
            span.setAttribute("gen_ai.usage.output_tokens", outcome.usage().outputTokens());
        if (outcome.errorKey() != null) {
            span.setAttribute("error.type", outcome.errorKey());
            span.setStatus(StatusCode.ERROR, outcome.errorKey());
        }
        span.end();
    }

    private static Future<Outcome> failed(Exchange exchange, GatewayFailure f) {
        exchange.fail(f);
        return Future.succeededFuture(Outcome.failed(f.kind().status(), f.kind().key(), false));
    }

    /**
     * Handles one request whose body has been read; the future completes when the client has its answer. Each stage
     * is a child span of the request's ({@link Exchange#span}).
     */
    public Future<Outcome> handle(Exchange exchange, Operation operation, Buffer body) {
        InboundRequest request = stage(
                exchange,
                "sovereign.ingress",
                () -> ingress.parse(operation, body, exchange.request().query()));
        Set<String> labels = labels(exchange.request().getHeader(LABELS_HEADER));
        Classification classification = stage(
                exchange,
                "sovereign.classify",
                () -> classify(request, exchange.request().headers(), labels));
        Decided decided = stage(
                exchange,
                "sovereign.decide",
                () -> decide(request, labels, classification, exchange.trip().principal()));
        Decision decision = decided.decision();
        exchange.advance(exchange.trip().decided(decision));
        exchange.span()
                .setAttribute(
                        CATEGORIES, List.copyOf(classification.categoryCounts().keySet()))
                .setAttribute("sovereign.rule", decision.ruleId())
                .setAttribute("sovereign.action", decision.actionId());
        Context context = Vertx.currentContext();
        return traced(
                        exchange.stage(tracer, "sovereign.limits"),
                        limits.admit(context, exchange.trip(), request, decision))
                .recover(refused -> limited(exchange.trip(), request, decided, refused))
                .compose(allowance -> {
                    Trip trip = exchange.trip().allowed(allowance);
                    // the decision event is written below, whatever becomes of it: a completion event must follow it
                    if (auditor.enabled()) trip = trip.recorded();
                    exchange.advance(trip);
                    Upstream upstream = upstreamOf(decision);
                    Future<Void> recorded = traced(
                            exchange.stage(tracer, "sovereign.audit.decision"),
                            auditor.decision(
                                    context,
                                    trip,
                                    request,
                                    decided.classification(),
                                    decision,
                                    decided.checks(),
                                    decided.policyDigest(),
                                    RouteAttempts.translation(request, upstream)));
                    refuseUnlessForwarded(decision, request, upstream);
                    Transformed transformed = stage(
                            exchange,
                            "sovereign.transform",
                            () -> transform(request, decided.classification(), decision));
                    return recorded.compose(
                            v -> attempts.run(exchange, transformed, decided.classification(), decision));
                });
    }

    /** Runs one synchronous stage in a child span of the request's. */
    private <T> T stage(Exchange exchange, String name, java.util.function.Supplier<T> work) {
        Span span = exchange.stage(tracer, name);
        try {
            return work.get();
        } catch (GatewayFailure f) {
            span.setStatus(StatusCode.ERROR, f.kind().key());
            throw f;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Ends {@code span} when {@code work} completes, as an error when it fails. */
    private static <T> Future<T> traced(Span span, Future<T> work) {
        return work.andThen(ar -> {
            if (ar.failed())
                span.setStatus(
                        StatusCode.ERROR, GatewayFailure.of(ar.cause()).kind().key());
            span.end();
        });
    }

    /** A request a usage limit refused: its one audit event, then the refusal in the client's format. */
    private <T> Future<T> limited(Trip trip, InboundRequest request, Decided decided, Throwable refused) {
        GatewayFailure failure = GatewayFailure.of(refused);
        auditor.limited(
                trip,
                request,
                decided.classification(),
                decided.decision(),
                failure.kind().status(),
                failure.kind().key());
        return Future.failedFuture(failure);
    }

    /**
     * What classification and the policy make of a request, before anything is recorded or sent.
     *
     * @param checks each guarantee of the policy with whether it held ({@code null} when the policy has none)
     * @param policyDigest the digest of the policy that decided, for the audit record
     */
    record Decided(
            Classification classification,
            Decision decision,
            List<AuditEvent.GuaranteeCheck> checks,
            String policyDigest) {}

    /**
     * Classify and Decide, pure: every piece of the request that can leave (body, query, the client headers passed
     * on) is classified with the client's labels ({@value #LABELS_HEADER}); the policy in force, taken once, decides;
     * the route guard refuses a decision that would break a guarantee; a redaction that cannot replace what it must
     * becomes a block.
     */
    Decided decide(InboundRequest request, MultiMap headers, Principal principal) {
        Set<String> labels = labels(headers.get(LABELS_HEADER));
        return decide(request, labels, classify(request, headers, labels), principal);
    }

    /** Classify: every piece of the request that can leave, with the client's declared labels. */
    Classification classify(InboundRequest request, MultiMap headers, Set<String> labels) {
        return classifier.classify(segments(request, headers), labels);
    }

    /** Decide, given the classification: the policy in force, taken once, then the route and redaction guards. */
    Decided decide(InboundRequest request, Set<String> labels, Classification classification, Principal principal) {
        RequestFacts facts = facts(principal, request, labels, classification);
        ActivePolicy.Loaded inForce = policy.inForce(); // once: a reload meanwhile applies to the next request
        Policy rules = inForce.policy();
        Decision decided = rules.decide(facts);
        List<Guarantee> broken = rules.violations(facts, decided);
        Decision decision = broken.isEmpty()
                ? RedactionGuard.apply(rules.withPermittedFallbacks(facts, decided), classification)
                : refusal(broken.get(0));
        return new Decided(classification, decision, checks(rules, broken), inForce.digest());
    }

    /** The route guard's refusal: the decision would break {@code guarantee}. */
    private static Decision refusal(Guarantee guarantee) {
        return Decision.block(
                GUARANTEE_RULE_PREFIX + guarantee.id(),
                "This request would break the guarantee '" + guarantee.id() + "' (" + guarantee.description()
                        + "), so it was not forwarded.");
    }

    private static List<AuditEvent.GuaranteeCheck> checks(Policy rules, List<Guarantee> broken) {
        List<Guarantee> all = rules.guarantees();
        if (all.isEmpty()) return null;
        List<AuditEvent.GuaranteeCheck> checks = new ArrayList<>(all.size());
        for (Guarantee g : all) checks.add(new AuditEvent.GuaranteeCheck(g.id(), !broken.contains(g)));
        return checks;
    }

    /** Transform: masks or pseudonymizes the categories the decision names, in a copy of the body. */
    Transformed transform(InboundRequest request, Classification classification, Decision decision) {
        if (decision.redaction() == null) return Transformed.unchanged(request);
        ObjectNode body = request.body().deepCopy();
        Redaction redaction = redactor.redact(
                body,
                classification,
                decision.redaction().mode(),
                CategorySelector.of(decision.redaction().categories()));
        if (redaction.isEmpty()) return Transformed.unchanged(request);
        InboundRequest replaced = request.withBody(body, json.buffer(body));
        if (redaction.pseudonyms().isEmpty()) return new Transformed(replaced, null);
        Restorer pseudonyms = redaction.pseudonyms().restorer();
        return new Transformed(
                replaced,
                replaced.api() == WireFormat.ANTHROPIC
                        ? () -> new AnthropicAnswerRestorer(pseudonyms, json)
                        : () -> new OpenAiAnswerRestorer(pseudonyms, json));
    }

    /**
     * Everything of the request that can leave: the body, the query string, the client headers passed on and the
     * client's {@code traceparent}.
     */
    private static List<TextSegment> segments(InboundRequest request, MultiMap headers) {
        List<TextSegment> segments;
        try {
            segments = RequestText.of(request.body());
        } catch (RequestText.TooManyPiecesException e) {
            throw new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage());
        }
        List<TextSegment> query = RequestText.ofQuery(request.query());
        if (!query.isEmpty()) segments.addAll(query);
        for (String name : BodyRewriter.FORWARDED_CLIENT_HEADERS) {
            for (String value : headers.getAll(name)) {
                segments.add(RequestText.ofHeader(name, value));
            }
        }
        // the client's trace id goes on in the traceparent of each upstream attempt (its tracestate does not)
        for (String value : headers.getAll("traceparent")) segments.add(RequestText.ofHeader("traceparent", value));
        return segments;
    }

    private static RequestFacts facts(
            Principal principal, InboundRequest request, Set<String> labels, Classification classification) {
        return new RequestFacts(
                request.api(),
                request.operation().id(),
                request.model(),
                request.stream(),
                request.raw().length(),
                principal.keyId(),
                principal.team(),
                principal.workload(),
                labels,
                classification.categoryCounts(),
                findings(classification));
    }

    private static List<Finding> findings(Classification classification) {
        List<Finding> all = new ArrayList<>();
        for (Classification.SegmentFindings s : classification.segments()) all.addAll(s.findings());
        return all;
    }

    static Set<String> labels(String header) {
        if (header == null || header.isBlank()) return Set.of();
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The provider a forward goes to, or {@code null} ({@link #refuseUnlessForwarded} then refuses). */
    private Upstream upstreamOf(Decision decision) {
        return decision.action() == Decision.Action.FORWARD && decision.providerId() != null
                ? upstreams.get(decision.providerId())
                : null;
    }

    private void refuseUnlessForwarded(Decision decision, InboundRequest request, Upstream upstream) {
        switch (decision.action()) {
            case BLOCK ->
                throw new GatewayFailure(
                        decision.ruleId().startsWith(GUARANTEE_RULE_PREFIX)
                                ? FailureKind.GUARANTEE_VIOLATION
                                : FailureKind.BLOCKED_BY_POLICY,
                        decision.message());
            case UNROUTABLE -> throw new GatewayFailure(FailureKind.NO_ROUTE, decision.message());
            case FORWARD -> {}
        }
        if (upstream == null) {
            throw new GatewayFailure(
                    FailureKind.NO_ROUTE, "Provider '" + decision.providerId() + "' is not configured.");
        }
        if (!RouteAttempts.serves(upstream, request)) {
            throw new GatewayFailure(
                    FailureKind.FORMAT_UNSUPPORTED,
                    "Model '" + request.model() + "' is served by provider '" + decision.providerId()
                            + "', which does not serve embeddings: the Anthropic Messages API has no equivalent.");
        }
    }
}
