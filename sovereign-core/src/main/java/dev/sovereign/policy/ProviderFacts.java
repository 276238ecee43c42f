package dev.sovereign.policy;

import dev.sovereign.config.ProviderKind;

/**
 * What a policy needs to know of a configured provider: its id, region and the jurisdiction of its sovereignty
 * profile ({@code us}, {@code eu}, {@code eu-us-reach}, {@code adequate}, {@code unknown}), and its kind, which says
 * whether the model a request is sent as changes where it is processed (a Bedrock {@code global.} inference profile
 * may run anywhere, whatever the provider's region).
 *
 * @param kind the provider's kind, or {@code null} when only its configured region counts
 */
public record ProviderFacts(String id, String region, String jurisdiction, ProviderKind kind) {

    /** A provider whose every model is processed in its configured region. */
    public ProviderFacts(String id, String region, String jurisdiction) {
        this(id, region, jurisdiction, null);
    }

    /** Where a request sent to this provider as {@code upstreamModel} is processed. */
    public String regionFor(String upstreamModel) {
        return kind == null ? region : kind.regionOf(upstreamModel, region);
    }

    /** The destination of a request sent here as {@code upstreamModel} outside any named route. */
    public PolicyRoute routeFor(String upstreamModel) {
        return new PolicyRoute(null, id, upstreamModel, regionFor(upstreamModel), jurisdiction);
    }
}
