package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code vertex} provider kind in {@code providers.yaml}: host rules, location, project, credentials, profile. */
class VertexConfigTest {
    @TempDir
    Path dir;

    private ProviderConfig load(String provider) throws IOException {
        Files.writeString(dir.resolve("providers.yaml"), "providers:\n" + provider);
        return new ConfigLoader(Map.of()).load(dir).providers().get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "global, https://aiplatform.googleapis.com",
        "eu, https://aiplatform.eu.rep.googleapis.com",
        "us, https://aiplatform.us.rep.googleapis.com",
        "europe-west1, https://europe-west1-aiplatform.googleapis.com",
        "us-east5, https://us-east5-aiplatform.googleapis.com"
    })
    void theHostFollowsTheLocationAsTheOfficialSdksChooseIt(String location, String host) {
        assertThat(VertexSettings.endpointFor(location)).hasToString(host);
    }

    @Test
    void aVertexProviderDerivesItsEndpointAndServesTheAnthropicFormat() throws IOException {
        ProviderConfig p = load("""
                  - id: claude-vertex
                    kind: vertex
                    project: acme-prod-123
                    region: eu
                    models: [{pattern: "claude-*"}]
                """);
        assertThat(p.kind()).isEqualTo(ProviderKind.VERTEX);
        assertThat(p.endpoint()).hasToString("https://aiplatform.eu.rep.googleapis.com");
        assertThat(p.region()).isEqualTo("eu");
        assertThat(p.formats()).isEqualTo(Set.of(WireFormat.ANTHROPIC));
        assertThat(p.profile()).isEqualTo("claude-vertex-eu");
        assertThat(p.settings()).isEqualTo(new VertexSettings("acme-prod-123", java.util.Optional.empty()));
        assertThat(new ConfigLoader(Map.of()).load(dir).describe())
                .contains("provider claude-vertex (vertex) https://aiplatform.eu.rep.googleapis.com")
                .contains("region eu credential none")
                .contains(
                        "models [claude-*], project acme-prod-123, Google credentials from Application Default Credentials");
    }

    @ParameterizedTest
    @CsvSource({"europe-west1, claude-vertex-eu", "europe-west4, claude-vertex-eu", "europe-west2, v", "global, v"})
    void onlyLocationsInTheEuTakeTheEuProfile(String location, String profile) throws IOException {
        ProviderConfig p = load("  - {id: v, kind: vertex, project: acme-prod-123, region: " + location
                + ", models: [{pattern: x}]}\n");
        assertThat(p.profile()).isEqualTo(profile);
    }

    @Test
    void anEndpointOverrideWinsForTestsAndPrivateServiceConnect() throws IOException {
        ProviderConfig p = load("  - {id: v, kind: vertex, project: acme-prod-123, region: europe-west1,"
                + " endpoint: 'https://vertex.psc.internal', models: [{pattern: x}]}\n");
        assertThat(p.endpoint()).hasToString("https://vertex.psc.internal");
    }

    @Test
    void mistakesAreNamedPrecisely() {
        assertThatThrownBy(() -> load("  - {id: v, kind: vertex, project: acme-prod-123, models: [{pattern: x}]}\n"))
                .hasMessageContaining("providers[0] (v).region: required for a vertex provider");
        assertThatThrownBy(() -> load(
                        "  - {id: v, kind: vertex, project: acme-prod-123, region: Europe, models: [{pattern: x}]}\n"))
                .hasMessageContaining("'Europe' is not a Vertex AI location");
        assertThatThrownBy(() -> load("  - {id: v, kind: vertex, region: eu, models: [{pattern: x}]}\n"))
                .hasMessageContaining(".project: required for a vertex provider");
        assertThatThrownBy(() -> load("  - {id: v, kind: vertex, project: acme-prod-123, region: eu,"
                        + " formats: [openai], models: [{pattern: x}]}\n"))
                .hasMessageContaining("serves the anthropic format only");
        assertThatThrownBy(() -> load("  - {id: v, kind: vertex, project: acme-prod-123, region: eu,"
                        + " credentials_file: /nonexistent/sa.json, models: [{pattern: x}]}\n"))
                .hasMessageContaining(".credentials_file: /nonexistent/sa.json cannot be read");
        assertThatThrownBy(() -> load("  - {id: a, kind: anthropic, endpoint: 'https://api.anthropic.com',"
                        + " api_key_file: /etc/hostname, project: acme-prod-123, models: [{pattern: x}]}\n"))
                .hasMessageContaining("providers[0] (a).project: applies to vertex providers only");
    }
}
