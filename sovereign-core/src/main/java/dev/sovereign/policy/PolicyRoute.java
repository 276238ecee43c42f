package dev.sovereign.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A named destination of a policy, resolved against the configured providers: the provider, the model to ask
 * it for ({@code null}: the model the client asked for, through the provider's model map), and where the data
 * goes; then the targets the request falls back to, in order, when this one fails before answering.
 *
 * <p>A fallback is a route of the same name with its own provider, model and jurisdiction, so that guarantees
 * judge each target on its own facts: the gateway only falls back to a target the policy would also allow.
 *
 * @param fallbacks the next targets, in order (each without fallbacks of its own)
 */
public record PolicyRoute(
        String name, String provider, String model, String region, String jurisdiction, List<PolicyRoute> fallbacks) {
    public PolicyRoute {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    public PolicyRoute(String name, String provider, String model, String region, String jurisdiction) {
        this(name, provider, model, region, jurisdiction, List.of());
    }

    /** Every target in order: this one, then its fallbacks. */
    public List<PolicyRoute> targets() {
        if (fallbacks.isEmpty()) return List.of(this);
        List<PolicyRoute> all = new ArrayList<>(1 + fallbacks.size());
        all.add(withoutFallbacks());
        all.addAll(fallbacks);
        return List.copyOf(all);
    }

    /** The target of this route at {@code providerId}: this one, a fallback, or this one when none matches. */
    public PolicyRoute target(String providerId) {
        if (provider.equals(providerId)) return this;
        for (PolicyRoute f : fallbacks) {
            if (f.provider().equals(providerId)) return f;
        }
        return this;
    }

    private PolicyRoute withoutFallbacks() {
        return new PolicyRoute(name, provider, model, region, jurisdiction, List.of());
    }
}
