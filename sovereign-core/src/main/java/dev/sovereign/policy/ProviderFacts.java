package dev.sovereign.policy;

/**
 * What a policy needs to know of a configured provider: its id, region and the jurisdiction of its sovereignty
 * profile ({@code us}, {@code eu}, {@code eu-us-reach}, {@code adequate}, {@code unknown}).
 */
public record ProviderFacts(String id, String region, String jurisdiction) {}
