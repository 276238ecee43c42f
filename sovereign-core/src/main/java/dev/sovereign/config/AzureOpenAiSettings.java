package dev.sovereign.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of an {@code azure-openai} provider (Azure OpenAI, or OpenAI models in Microsoft Foundry). The
 * provider's model map names deployments: a client's model is sent to the deployment its {@code upstream} names.
 *
 * @param apiVersion {@code v1} for the v1 API ({@code /openai/v1/...}, the deployment in the body's {@code model}), or
 *     a dated version such as {@code 2024-10-21} for {@code /openai/deployments/{deployment}/...?api-version=}
 * @param dataZone the deployment type, which says where requests are processed
 * @param resourceRegion the Azure region of the resource ({@code swedencentral}), or {@code null} when not given
 * @param entraTokenFile a file holding a Microsoft Entra access token for {@code https://cognitiveservices.azure.com},
 *     kept fresh by the platform; empty otherwise
 * @param workloadIdentity Entra workload identity, whose federated token the gateway exchanges for an Entra access
 *     token; empty otherwise. With neither, the provider authenticates with an API key.
 */
public record AzureOpenAiSettings(
        String apiVersion,
        AzureDataZone dataZone,
        String resourceRegion,
        Optional<Path> entraTokenFile,
        Optional<EntraWorkloadIdentity> workloadIdentity)
        implements ProviderSettings {
    /** The version of the v1 API, which needs no {@code api-version} parameter. */
    public static final String V1 = "v1";

    public AzureOpenAiSettings {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(dataZone, "dataZone");
        Objects.requireNonNull(entraTokenFile, "entraTokenFile");
        Objects.requireNonNull(workloadIdentity, "workloadIdentity");
    }

    @Override
    public String describe() {
        return "api version " + apiVersion + ", data zone " + dataZone.id()
                + (resourceRegion == null ? "" : ", resource in " + resourceRegion)
                + entraTokenFile.map(f -> ", Entra token from " + f).orElse("")
                + workloadIdentity
                        .map(w ->
                                ", Entra workload identity (client " + w.clientId() + ", tenant " + w.tenantId() + ")")
                        .orElse("");
    }

    /** True for the v1 API. */
    public boolean v1() {
        return apiVersion.equals(V1);
    }
}
