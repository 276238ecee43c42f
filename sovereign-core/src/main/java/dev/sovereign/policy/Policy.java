package dev.sovereign.policy;

import dev.cel.runtime.CelVariableResolver;
import dev.sovereign.policy.internal.Conditions;
import dev.sovereign.routing.ModelRouter;
import dev.sovereign.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A loaded, type-checked policy whose guarantees held over every input the checker tried: ordered rules (the
 * first whose condition holds decides), named routes, and the guarantees, which {@link #violations} checks
 * again for each real request before it leaves. Immutable and thread-safe.
 *
 * <p>Fails closed: a condition that cannot be evaluated, or no matching rule, blocks the request.
 */
public final class Policy implements Decider {
    /** The rule id of a refusal because no rule matched. */
    public static final String NO_RULE = "no-matching-rule";

    private final String source;
    private final List<Rule> rules;
    private final Map<String, PolicyRoute> routes;
    private final List<Guarantee> guarantees;
    private final ModelRouter router;
    private final Map<String, ProviderFacts> providers;

    Policy(
            String source,
            List<Rule> rules,
            Map<String, PolicyRoute> routes,
            List<Guarantee> guarantees,
            ModelRouter router,
            Map<String, ProviderFacts> providers) {
        this.source = source;
        this.rules = List.copyOf(rules);
        this.routes = Map.copyOf(routes);
        this.guarantees = List.copyOf(guarantees);
        this.router = router;
        this.providers = Map.copyOf(providers);
    }

    /** Where the policy came from, for logs. */
    public String source() {
        return source;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Map<String, PolicyRoute> routes() {
        return routes;
    }

    public List<Guarantee> guarantees() {
        return guarantees;
    }

    @Override
    public Decision decide(RequestFacts facts) {
        return decide(facts, Conditions.resolver(Conditions.variables(facts)), rule -> {});
    }

    /**
     * Decides {@code facts} with the conditions reading {@code variables}, telling {@code trying} the index of
     * each rule before its condition is evaluated (the guarantee checker watches what a decision reads).
     */
    Decision decide(RequestFacts facts, CelVariableResolver variables, IntConsumer trying) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            trying.accept(i);
            boolean matched;
            try {
                matched = rule.when().test(variables);
            } catch (Exception e) {
                return Decision.block(
                        rule.id(),
                        "The policy could not be evaluated for this request (rule " + rule.id()
                                + "), so it was not forwarded.");
            }
            if (matched) return apply(rule, facts);
        }
        return Decision.block(NO_RULE, "No policy rule matches this request, so it was not forwarded.");
    }

    private Decision apply(Rule rule, RequestFacts facts) {
        if (rule.action() == Rule.Action.BLOCK) return Decision.block(rule.id(), rule.message());
        Redaction redaction = rule.action() == Rule.Action.REDACT ? rule.redaction() : null;
        if (rule.route() == null) {
            Optional<Route> byModel = router.resolve(facts.model());
            if (byModel.isEmpty()) {
                return Decision.unroutable(rule.id(), "No provider serves model '" + facts.model() + "'.");
            }
            return new Decision(
                    Decision.Action.FORWARD,
                    rule.id(),
                    byModel.get().providerId(),
                    byModel.get().upstreamModel(),
                    null,
                    null,
                    redaction);
        }
        PolicyRoute route = routes.get(rule.route());
        List<Decision.Target> fallbacks = new ArrayList<>(route.fallbacks().size());
        for (PolicyRoute f : route.fallbacks()) {
            fallbacks.add(new Decision.Target(f.provider(), modelFor(f, facts.model())));
        }
        return new Decision(
                Decision.Action.FORWARD,
                rule.id(),
                route.provider(),
                modelFor(route, facts.model()),
                null,
                route.name(),
                redaction,
                fallbacks);
    }

    /** The target's own model, else its provider's name for the requested model, else the requested model. */
    private String modelFor(PolicyRoute target, String requested) {
        if (target.model() != null) return target.model();
        return router.resolve(requested, target.provider())
                .map(Route::upstreamModel)
                .orElse(requested);
    }

    /**
     * The route a forward decision goes to: its named route, or the provider's own facts; either way processed where
     * the decision's upstream model is (a Bedrock {@code global.} profile is not in the provider's region).
     */
    public PolicyRoute routeOf(Decision decision) {
        return routeOf(decision, routes, providers);
    }

    static PolicyRoute routeOf(
            Decision decision, Map<String, PolicyRoute> routes, Map<String, ProviderFacts> providers) {
        ProviderFacts p = providers.get(decision.providerId());
        PolicyRoute named = decision.route() == null || !routes.containsKey(decision.route())
                ? null
                : routes.get(decision.route()).target(decision.providerId());
        if (named != null) {
            return p == null ? named : named.sending(decision.upstreamModel(), p.regionFor(decision.upstreamModel()));
        }
        return p == null
                ? new PolicyRoute(null, decision.providerId(), decision.upstreamModel(), null, "unknown")
                : p.routeFor(decision.upstreamModel());
    }

    /**
     * The guarantees that forwarding {@code facts} as {@code decision} would break (empty for a refusal): the
     * route guard, run before every upstream call.
     */
    public List<Guarantee> violations(RequestFacts facts, Decision decision) {
        if (decision.action() != Decision.Action.FORWARD) return List.of();
        Set<String> reaching = reaching(facts, decision);
        PolicyRoute route = routeOf(decision);
        List<Guarantee> broken = new ArrayList<>();
        for (Guarantee g : guarantees) {
            if (g.violatedBy(facts.workload(), reaching, route)) broken.add(g);
        }
        return broken;
    }

    /**
     * The decision with only the fallbacks that the guarantees allow for {@code facts}: the gateway never falls back
     * across a boundary the policy would not let the request cross.
     */
    public Decision withPermittedFallbacks(RequestFacts facts, Decision decision) {
        if (decision.fallbacks().isEmpty()) return decision;
        List<Decision.Target> allowed = new ArrayList<>(decision.fallbacks().size());
        for (Decision.Target t : decision.fallbacks()) {
            if (violations(facts, decision.at(t)).isEmpty()) allowed.add(t);
        }
        return allowed.size() == decision.fallbacks().size() ? decision : decision.withFallbacks(allowed);
    }

    /** The categories whose data would reach the provider: all found, less those the decision redacts. */
    static Set<String> reaching(RequestFacts facts, Decision decision) {
        Set<String> reaching = new LinkedHashSet<>();
        for (String c : facts.categories().keySet()) {
            if (decision.redaction() == null || !decision.redaction().covers(c)) reaching.add(c);
        }
        return reaching;
    }

    /** One model name per model-map entry of the configured providers (for the guarantee checker). */
    Set<String> sampleModels() {
        return router.sampleModels();
    }

    /** {@link #sampleModels()}, each with the model-map entry (name or glob) it stands for. */
    Map<String, String> samplePatterns() {
        return router.samplePatterns();
    }

    /** The provider that model routing sends {@code model} to, if any (for the guarantee checker). */
    Optional<String> providerServing(String model) {
        return router.resolve(model).map(Route::providerId);
    }

    /** A route by name, if the policy defines it. */
    public Optional<PolicyRoute> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }
}
