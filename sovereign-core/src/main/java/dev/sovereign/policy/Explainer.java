package dev.sovereign.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.routing.ModelRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explains what the gateway would do with a request, without forwarding it: classifies the body as the Classify
 * stage does, decides as the Decide stage does (with the policy, or by model when there is none), and checks every
 * guarantee as the route guard does.
 *
 * <p>Pure, synchronous and thread-safe: no I/O, no clock; an instance holds only immutable parts and is cheap to
 * create, so a caller whose policy is reloaded can create one per policy (or per call).
 */
public final class Explainer {
    private final Policy policy;
    /** Without a policy: the model maps that decide, and the providers they name. */
    private final ModelRouter router;

    private final Map<String, ProviderFacts> providers;
    private final Decider decider;
    private final Classifier classifier;

    private Explainer(Policy policy, ModelRouter router, Map<String, ProviderFacts> providers, Classifier classifier) {
        this.policy = policy;
        this.router = router;
        this.providers = Map.copyOf(providers);
        this.decider = policy != null ? policy : new ModelRoutingDecider(router);
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** Explains decisions of {@code policy}. */
    public static Explainer of(Policy policy, Classifier classifier) {
        Objects.requireNonNull(policy, "policy");
        return new Explainer(policy, null, Map.of(), classifier);
    }

    /** Explains decisions taken without a policy: each request goes where its model is served. */
    public static Explainer byModel(ModelRouter router, Map<String, ProviderFacts> providers, Classifier classifier) {
        return new Explainer(null, Objects.requireNonNull(router, "router"), providers, classifier);
    }

    /** The policy that decides, or empty when requests are routed by model alone. */
    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    /**
     * Classifies the request's body, decides, and checks the guarantees.
     *
     * @throws IllegalArgumentException when the body is not a request the gateway would decide on, with a message
     *     that names the field ({@code model: expected a string, got a number}) and never echoes its content
     */
    public Explanation explain(ExplainRequest request) {
        String model = requireModel(request.body());
        JsonNode stream = request.body().get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new IllegalArgumentException("stream: expected a boolean, got " + kind(stream));
        }
        List<TextSegment> segments = RequestText.of(request.body());
        Classification classification = classifier.classify(segments, request.labels());
        List<Finding> findings = new ArrayList<>();
        List<Explanation.FoundAt> located = new ArrayList<>();
        for (Classification.SegmentFindings s : classification.segments()) {
            for (Finding f : s.findings()) {
                findings.add(f);
                located.add(new Explanation.FoundAt(
                        classification.shownPointer(s.segment().path()),
                        f.category(),
                        f.start(),
                        f.end(),
                        f.confidence(),
                        f.detector(),
                        s.segment().form().label()));
            }
        }
        RequestFacts facts = new RequestFacts(
                request.api(),
                request.operation(),
                model,
                stream != null && stream.asBoolean(false),
                request.sizeBytes(),
                request.keyId(),
                request.team(),
                request.workload(),
                request.labels(),
                classification.categoryCounts(),
                findings);
        return explain(facts, located, classification);
    }

    /**
     * Decides {@code facts} as given (no classification: the categories and findings are taken as found) and
     * checks the guarantees. For policy tests and matrices, which state the data a request carries directly.
     */
    public Explanation explain(RequestFacts facts) {
        List<Explanation.FoundAt> located = new ArrayList<>();
        for (Finding f : facts.findings()) {
            located.add(new Explanation.FoundAt(null, f.category(), f.start(), f.end(), f.confidence(), f.detector()));
        }
        return explain(facts, located, null);
    }

    private Explanation explain(RequestFacts facts, List<Explanation.FoundAt> located, Classification classification) {
        Decision decision = decider.decide(facts);
        if (classification != null) decision = RedactionGuard.apply(decision, classification);
        boolean forwards = decision.action() == Decision.Action.FORWARD;
        PolicyRoute route = forwards ? routeOf(decision) : null;
        List<Guarantee> broken = policy == null ? List.of() : policy.violations(anonymous(facts), decision);
        List<Explanation.GuaranteeCheck> checks = new ArrayList<>();
        if (policy != null) {
            for (Guarantee g : policy.guarantees()) {
                checks.add(new Explanation.GuaranteeCheck(g.id(), g.description(), !broken.contains(g)));
            }
        }
        Explanation.Outcome outcome = new Explanation.Outcome(
                decision.actionId(),
                decision.ruleId(),
                decision.message(),
                decision.route(),
                forwards ? decision.providerId() : null,
                forwards ? decision.upstreamModel() : null,
                route == null ? null : route.region(),
                route == null ? null : route.jurisdiction(),
                Explanation.RedactionSpec.of(decision.redaction()),
                forwards ? List.copyOf(Policy.reaching(facts, decision)) : List.of());
        return new Explanation(
                policy == null ? null : policy.source(),
                new Explanation.Request(
                        facts.api().id(), facts.operation(), facts.model(), facts.stream(), facts.sizeBytes()),
                new Explanation.Subject(facts.keyId(), facts.team(), facts.workload(), List.copyOf(facts.labels())),
                facts.categories(),
                located,
                outcome,
                checks,
                forwards && broken.isEmpty());
    }

    /**
     * The facts with an empty workload where none is given, as conditions see it: guarantees compare workloads by
     * name and take no {@code null} (the gateway always has one, from the client key).
     */
    private static RequestFacts anonymous(RequestFacts f) {
        if (f.workload() != null) return f;
        return new RequestFacts(
                f.api(),
                f.operation(),
                f.model(),
                f.stream(),
                f.sizeBytes(),
                f.keyId(),
                f.team(),
                "",
                f.labels(),
                f.categories(),
                f.findings());
    }

    /** Where a forward decision goes, as {@link Policy#routeOf} says; the same without a policy. */
    private PolicyRoute routeOf(Decision decision) {
        if (policy != null) return policy.routeOf(decision);
        return Policy.routeOf(decision, Map.of(), providers);
    }

    /** One model name per model-map entry: requests that reach every mapping of the configured providers. */
    Set<String> sampleModels() {
        return samplePatterns().keySet();
    }

    /** {@link #sampleModels()}, each with the model-map entry (name or glob) it stands for. */
    Map<String, String> samplePatterns() {
        return policy != null ? policy.samplePatterns() : router.samplePatterns();
    }

    private static String requireModel(JsonNode body) {
        if (!body.isObject()) throw new IllegalArgumentException("body: expected a JSON object, got " + kind(body));
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) throw new IllegalArgumentException("model: required");
        if (!model.isTextual()) throw new IllegalArgumentException("model: expected a string, got " + kind(model));
        if (model.asText().isBlank()) throw new IllegalArgumentException("model: must not be empty");
        return model.asText();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
