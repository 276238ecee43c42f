package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistral's regional endpoints as {@code openai-compatible} providers: the dialect and the region from the host. */
class MistralConfigTest {
    @TempDir
    Path dir;

    private ProviderConfig load(String provider) throws IOException {
        Files.writeString(dir.resolve("providers.yaml"), "providers:\n" + provider);
        return new ConfigLoader(Map.of("MISTRAL_API_KEY", "m-secret"))
                .load(dir)
                .providers()
                .get(0);
    }

    @Test
    void theEuEndpointIsTheMistralDialectInTheEu() throws IOException {
        ProviderConfig p =
                load("  - {id: mistral-eu, kind: openai-compatible, endpoint: 'https://api.eu.mistral.ai/v1',"
                        + " api_key_env: MISTRAL_API_KEY, models: [{pattern: 'mistral-*'}]}\n");
        assertThat(p.settings()).isEqualTo(new OpenAiCompatibleSettings(OpenAiDialect.MISTRAL));
        assertThat(p.region()).isEqualTo("eu");
        assertThat(p.profile()).isEqualTo("mistral");
    }

    @Test
    void theUsEndpointIsInTheUsAndARegionThatContradictsTheHostIsRefused() throws IOException {
        assertThat(load("  - {id: m, kind: openai-compatible, endpoint: 'https://api.us.mistral.ai/v1',"
                                + " models: [{pattern: x}]}\n")
                        .region())
                .isEqualTo("us");
        assertThatThrownBy(() -> load("  - {id: m, kind: openai-compatible, endpoint: 'https://api.us.mistral.ai/v1',"
                        + " region: eu, models: [{pattern: x}]}\n"))
                .hasMessageContaining("providers[0] (m).region: 'eu' contradicts the endpoint api.us.mistral.ai");
    }

    @Test
    void theDialectIsDetectedFromTheHostOrNamed() throws IOException {
        assertThat(OpenAiDialect.detect(URI.create("https://api.mistral.ai/v1")))
                .isEqualTo(OpenAiDialect.MISTRAL);
        assertThat(OpenAiDialect.detect(URI.create("https://notmistral.ai/v1"))).isEqualTo(OpenAiDialect.OPENAI);
        assertThat(OpenAiDialect.detect(URI.create("http://localhost:11434/v1")))
                .isEqualTo(OpenAiDialect.OPENAI);
        ProviderConfig named = load("  - {id: m, kind: openai-compatible, endpoint: 'http://mistral-proxy.internal/v1',"
                + " dialect: mistral, region: eu, models: [{pattern: x}]}\n");
        assertThat(named.settings()).isEqualTo(new OpenAiCompatibleSettings(OpenAiDialect.MISTRAL));
        assertThat(named.profile()).isEqualTo("m");
        assertThatThrownBy(() -> load("  - {id: m, kind: openai-compatible, endpoint: 'http://x/v1', dialect: le-chat,"
                        + " models: [{pattern: x}]}\n"))
                .hasMessageContaining(".dialect: unknown dialect 'le-chat'");
    }
}
