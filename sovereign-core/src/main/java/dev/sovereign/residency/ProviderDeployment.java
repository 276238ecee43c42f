package dev.sovereign.residency;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the assessment needs of a configured provider: its id, its region as configured, the sovereignty profile that
 * describes it ({@code ProviderConfig.profile}, which defaults to the provider's id), its kind and the host of its
 * endpoint. The kind tells who operates a deployment without a profile (Bedrock, Vertex AI and Azure OpenAI run at a
 * US-owned hyperscaler); the host tells which of Mistral's endpoints it calls.
 *
 * @param kind the provider kind, or {@code null} when not known
 * @param host the endpoint's host, or {@code null} when not known
 */
public record ProviderDeployment(String id, String region, String profile, ProviderKind kind, String host) {

    public ProviderDeployment(String id, String region, String profile) {
        this(id, region, profile, null, null);
    }

    /** The providers of {@code config}, by id. */
    public static Map<String, ProviderDeployment> of(GatewayConfig config) {
        Map<String, ProviderDeployment> map = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            String host = p.endpoint() == null ? null : p.endpoint().getHost();
            map.put(p.id(), new ProviderDeployment(p.id(), p.region(), p.profile(), p.kind(), host));
        }
        return map;
    }

    /** Whether a US-owned hyperscaler operates the deployment, whatever its region: Bedrock, Vertex AI, Azure. */
    public boolean usHyperscaler() {
        return kind == ProviderKind.BEDROCK || kind == ProviderKind.VERTEX || kind == ProviderKind.AZURE_OPENAI;
    }
}
