package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code azure-openai} provider kind: API version, deployment type and region, credentials. */
class AzureOpenAiConfigTest {
    @TempDir
    Path dir;

    private ProviderConfig load(String provider) throws IOException {
        Files.writeString(dir.resolve("providers.yaml"), "providers:\n" + provider);
        return new ConfigLoader(Map.of("AZURE_OPENAI_API_KEY", "azure-secret"))
                .load(dir)
                .providers()
                .get(0);
    }

    private static String azure(String more) {
        return "  - {id: az, kind: azure-openai, endpoint: 'https://acme.openai.azure.com',"
                + " api_key_env: AZURE_OPENAI_API_KEY, models: [{pattern: gpt-4o, upstream: gpt4o-eu}]" + more
                + "}\n";
    }

    @Test
    void anEuDataZoneDeploymentIsProcessedInTheEu() throws IOException {
        ProviderConfig p = load(azure(", region: swedencentral, data_zone: eu, api_version: 2024-10-21"));
        AzureOpenAiSettings s = (AzureOpenAiSettings) p.settings();
        assertThat(s.apiVersion()).isEqualTo("2024-10-21");
        assertThat(s.v1()).isFalse();
        assertThat(s.dataZone()).isEqualTo(AzureDataZone.EU);
        assertThat(s.resourceRegion()).isEqualTo("swedencentral");
        assertThat(p.region()).isEqualTo("eu");
        assertThat(p.profile()).isEqualTo("azure-openai-eu");
        assertThat(p.credential().orElseThrow().reveal()).isEqualTo("azure-secret");
    }

    @Test
    void aGlobalDeploymentMayBeProcessedAnywhereAndARegionalOneInItsRegion() throws IOException {
        ProviderConfig global = load(azure(", region: swedencentral, data_zone: global"));
        assertThat(global.region()).isEqualTo("global");
        assertThat(global.profile()).isEqualTo("az");
        assertThat(((AzureOpenAiSettings) global.settings()).v1()).isTrue();
        ProviderConfig regional = load(azure(", region: francecentral, data_zone: regional"));
        assertThat(regional.region()).isEqualTo("francecentral");
        assertThat(regional.profile()).isEqualTo("azure-openai-eu");
        ProviderConfig london = load(azure(", region: uksouth, data_zone: regional"));
        assertThat(london.profile()).isEqualTo("az");
    }

    @Test
    void anEntraTokenFileReplacesTheApiKey() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "eyJ0eXAi.x.y");
        ProviderConfig p = load("  - {id: az, kind: azure-openai, endpoint: 'https://acme.services.ai.azure.com',"
                + " entra_token_file: '" + token + "', data_zone: eu, models: [{pattern: x}]}\n");
        assertThat(p.credential()).isEmpty();
        assertThat(((AzureOpenAiSettings) p.settings()).entraTokenFile()).contains(token);
    }

    @Test
    void workloadIdentityIsReadFromTheEnvironmentAksSets() throws IOException {
        Path federated = Files.writeString(dir.resolve("azure-identity-token"), "eyJhbGciOi.k8s.sig");
        Files.writeString(
                dir.resolve("providers.yaml"),
                "providers:\n  - {id: az, kind: azure-openai, endpoint: 'https://acme.openai.azure.com',"
                        + " entra_workload_identity: true, data_zone: eu, models: [{pattern: x}]}\n");
        Map<String, String> aks = Map.of(
                "AZURE_TENANT_ID", "tenant-1",
                "AZURE_CLIENT_ID", "client-1",
                "AZURE_FEDERATED_TOKEN_FILE", federated.toString(),
                "AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/");
        ProviderConfig p = new ConfigLoader(aks).load(dir).providers().get(0);
        EntraWorkloadIdentity w =
                ((AzureOpenAiSettings) p.settings()).workloadIdentity().orElseThrow();
        assertThat(w.tokenEndpoint()).hasToString("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token");
        assertThat(w.clientId()).isEqualTo("client-1");
        assertThat(w.federatedTokenFile()).isEqualTo(federated);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("AZURE_TENANT_ID", "tenant-1")).load(dir))
                .hasMessageContaining(".entra_workload_identity: workload identity needs the environment variable"
                        + " AZURE_CLIENT_ID");
    }

    @Test
    void mistakesAreNamedPrecisely() throws IOException {
        assertThatThrownBy(() -> load(azure("")))
                .hasMessageContaining("providers[0] (az).data_zone: required for an azure-openai provider");
        assertThatThrownBy(() -> load(azure(", data_zone: europe")))
                .hasMessageContaining(".data_zone: 'europe' is not one of: regional, eu, us, global");
        assertThatThrownBy(() -> load(azure(", data_zone: regional")))
                .hasMessageContaining(".region: required with data_zone: regional");
        assertThatThrownBy(() -> load(azure(", region: eastus2, data_zone: eu")))
                .hasMessageContaining("eu Data Zone deployments need a resource in an EU region; 'eastus2'");
        assertThatThrownBy(() -> load(azure(", region: uksouth, data_zone: eu")))
                .hasMessageContaining("'uksouth' is not one");
        assertThatThrownBy(() -> load(azure(", data_zone: eu, api_version: latest")))
                .hasMessageContaining(".api_version: 'latest' is not an Azure OpenAI API version");
        assertThatThrownBy(() -> load(azure(", data_zone: eu, formats: [anthropic]")))
                .hasMessageContaining("serves the openai format only");
        assertThatThrownBy(() ->
                        load("  - {id: az, kind: azure-openai, endpoint: 'https://acme.openai.azure.com/openai/v1',"
                                + " data_zone: eu, api_key_env: AZURE_OPENAI_API_KEY, models: [{pattern: x}]}\n"))
                .hasMessageContaining(".endpoint: give the resource's URL");
        Path token = Files.writeString(dir.resolve("token"), "t");
        assertThatThrownBy(() -> load(azure(", data_zone: eu, entra_token_file: '" + token + "'")))
                .hasMessageContaining("needs one credential")
                .hasMessageNotContaining("azure-secret");
        assertThatThrownBy(() -> load("  - {id: az, kind: azure-openai, data_zone: eu, api_key_env:"
                        + " AZURE_OPENAI_API_KEY, models: [{pattern: x}]}\n"))
                .hasMessageContaining(".endpoint: required: the base URL");
    }
}
