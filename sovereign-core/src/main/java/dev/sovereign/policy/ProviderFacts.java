package dev.sovereign.policy;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.index.SovereigntyIndex;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The facts of each configured provider, by id: its region, its jurisdiction from its sovereignty profile in the
     * index of the configuration directory as of today, and its kind.
     */
    public static Map<String, ProviderFacts> of(GatewayConfig config) {
        SovereigntyIndex index = SovereigntyIndex.load(config.dir());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, ProviderFacts> map = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            map.put(
                    p.id(),
                    new ProviderFacts(p.id(), p.region(), Jurisdiction.of(index, p.profile(), today), p.kind()));
        }
        return map;
    }
}
