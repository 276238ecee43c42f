package dev.sovereign.policy;

/**
 * A named destination of a policy, resolved against the configured providers: the provider, the model to ask
 * it for ({@code null}: the model the client asked for, through the provider's model map), and where the data
 * goes.
 */
public record PolicyRoute(String name, String provider, String model, String region, String jurisdiction) {}
