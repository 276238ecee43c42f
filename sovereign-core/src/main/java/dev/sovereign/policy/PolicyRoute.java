package dev.sovereign.policy;

/**
 * A named destination of a policy, resolved against the configured providers: the provider, the model to ask
 * it for ({@code null}: the model the client asked for, through the provider's model map), and where the data
 * goes: the region where the route's model is processed (the provider's region when the route names no model, or
 * the model does not change it) and the jurisdiction of the provider's profile.
 */
public record PolicyRoute(String name, String provider, String model, String region, String jurisdiction) {

    /** This route as one request takes it: sent as {@code upstreamModel}, processed in {@code where}. */
    public PolicyRoute sending(String upstreamModel, String where) {
        return new PolicyRoute(name, provider, upstreamModel, where, jurisdiction);
    }
}
