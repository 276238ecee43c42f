package dev.sovereign.policy;

import dev.sovereign.routing.ModelRouter;
import dev.sovereign.routing.Route;
import java.util.Optional;

/**
 * Forwards every request to the provider its model name routes to; refuses a model no provider serves.
 * The baseline decider when no policy is configured.
 */
public final class ModelRoutingDecider implements Decider {
    /** The rule id of a decision taken by model routing alone. */
    public static final String RULE_ID = "model-routing";
    /** The rule id of a refusal because no provider serves the model. */
    public static final String NO_ROUTE = "no-route";

    private final ModelRouter router;

    public ModelRoutingDecider(ModelRouter router) {
        this.router = router;
    }

    @Override
    public Decision decide(RequestFacts facts) {
        Optional<Route> route = router.resolve(facts.model());
        if (route.isEmpty()) {
            return Decision.unroutable(NO_ROUTE, "No provider serves model '" + facts.model() + "'.");
        }
        return Decision.forward(RULE_ID, route.get().providerId(), route.get().upstreamModel());
    }
}
