package dev.sovereign.routing;

/**
 * Where a request for a model goes: a provider and the model name it knows.
 *
 * @param pattern the model-map entry that matched, for explanations
 */
public record Route(String providerId, String upstreamModel, String pattern) {}
