package dev.sovereign.gateway;

import dev.sovereign.gateway.api.InboundRequest;
import dev.sovereign.gateway.api.Ingress;
import dev.sovereign.gateway.api.Operation;
import dev.sovereign.gateway.failure.FailureKind;
import dev.sovereign.gateway.failure.GatewayFailure;
import dev.sovereign.gateway.provider.Forwarder;
import dev.sovereign.gateway.provider.Outcome;
import dev.sovereign.gateway.provider.TokenEstimate;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.provider.Usage;
import dev.sovereign.policy.Decider;
import dev.sovereign.policy.Decision;
import dev.sovereign.policy.RequestFacts;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The path of one prompt-carrying request, stage by stage:
 *
 * <pre>
 * Ingress → Classify → Decide → Transform → Provider → Egress
 * </pre>
 *
 * Ingress, Decide and Transform are pure and synchronous (a failure is a thrown {@link GatewayFailure});
 * Provider and Egress do I/O and return a future. One instance per event loop.
 */
public final class Pipeline {
    /** Labels a client declares for its request, comma-separated. */
    public static final String LABELS_HEADER = "x-sovereign-labels";

    private final Ingress ingress;
    private final Decider decider;
    private final Map<String, Upstream> upstreams;
    private final Forwarder forwarder;

    public Pipeline(Ingress ingress, Decider decider, Map<String, Upstream> upstreams, Forwarder forwarder) {
        this.ingress = ingress;
        this.decider = decider;
        this.upstreams = Map.copyOf(upstreams);
        this.forwarder = forwarder;
    }

    /** Handles one request whose body has been read; the future completes when the client has its answer. */
    public Future<Outcome> handle(Exchange exchange, Operation operation, Buffer body) {
        InboundRequest request =
                ingress.parse(operation, body, exchange.request().query());
        RequestFacts facts = facts(exchange, request);
        Decision decision = decider.decide(facts);
        exchange.decided(decision);
        Upstream upstream = upstreamFor(decision, request);
        if (operation == Operation.COUNT_TOKENS && !upstream.countsTokens()) {
            return countLocally(exchange, request);
        }
        UpstreamRequest prepared = upstream.adapter()
                .prepare(request, decision.upstreamModel(), exchange.request().headers());
        return forwarder.forward(
                exchange, request, upstream.client(), upstream.config().timeouts(), prepared);
    }

    private static RequestFacts facts(Exchange exchange, InboundRequest request) {
        return new RequestFacts(
                request.api(),
                request.operation().id(),
                request.model(),
                request.stream(),
                request.raw().length(),
                exchange.principal().keyId(),
                exchange.principal().team(),
                exchange.principal().workload(),
                labels(exchange.request().getHeader(LABELS_HEADER)));
    }

    static Set<String> labels(String header) {
        if (header == null || header.isBlank()) return Set.of();
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private Upstream upstreamFor(Decision decision, InboundRequest request) {
        switch (decision.action()) {
            case BLOCK -> throw new GatewayFailure(FailureKind.BLOCKED_BY_POLICY, decision.message());
            case UNROUTABLE -> throw new GatewayFailure(FailureKind.NO_ROUTE, decision.message());
            case FORWARD -> {}
        }
        Upstream upstream = upstreams.get(decision.providerId());
        if (upstream == null) {
            throw new GatewayFailure(
                    FailureKind.NO_ROUTE, "Provider '" + decision.providerId() + "' is not configured.");
        }
        if (!upstream.adapter().serves(request.api())) {
            throw new GatewayFailure(
                    FailureKind.FORMAT_UNSUPPORTED,
                    "Model '" + request.model() + "' is served by provider '"
                            + decision.providerId() + "', which does not accept "
                            + request.api().id()
                            + "-format requests; call it with the other API or list the format under the provider's formats.");
        }
        return upstream;
    }

    private static Future<Outcome> countLocally(Exchange exchange, InboundRequest request) {
        long tokens = TokenEstimate.inputTokens(request.body());
        exchange.response().putHeader("content-type", "application/json").putHeader("x-sovereign-estimate", "true");
        exchange.response().end("{\"input_tokens\":" + tokens + "}");
        return Future.succeededFuture(
                new Outcome(200, new Usage(tokens, -1, -1, -1), System.nanoTime(), null, false, false));
    }
}
