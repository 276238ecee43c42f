package dev.sovereign.residency;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the assessment needs of a configured provider: its id, its region as configured and the sovereignty profile
 * that describes it ({@code ProviderConfig.profile}, which defaults to the provider's id).
 */
public record ProviderDeployment(String id, String region, String profile) {

    /** The providers of {@code config}, by id. */
    public static Map<String, ProviderDeployment> of(GatewayConfig config) {
        Map<String, ProviderDeployment> map = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers())
            map.put(p.id(), new ProviderDeployment(p.id(), p.region(), p.profile()));
        return map;
    }
}
