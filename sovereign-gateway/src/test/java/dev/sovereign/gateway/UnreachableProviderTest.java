package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider nobody listens for: the client is told which one, and why, in its own API's error format. */
class UnreachableProviderTest {
    @Test
    void aRefusedConnectionNamesTheProviderAndTheReason() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (GatewayFixture fixture = GatewayFixture.start(
                Map.of(),
                Map.of(
                        "SOVEREIGN_LOCAL_BASE_URL",
                        "http://127.0.0.1:" + closed + "/v1",
                        "SOVEREIGN_LOCAL_MODEL",
                        "llama3.1:8b"))) {
            // The default policy keeps special-category data on the self-hosted model, which is not running.
            Http.Response r = Http.send(Http.post(
                            fixture.baseUrl() + "/v1/messages",
                            Http.anthropicBody("claude-sonnet-4-5", "The patient has HIV.", false))
                    .header("anthropic-version", "2023-06-01")
                    .build());
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.json().path("type").asText()).isEqualTo("error");
            assertThat(r.json().path("error").path("message").asText())
                    .startsWith("The upstream provider 'local' could not be reached (the connection was refused: is it"
                            + " running?)")
                    .doesNotContain("127.0.0.1");
            assertThat(fixture.upstream().requests()).isEmpty();
        }
    }

    @Test
    void withoutALocalModelTheFirstOneTheSelfHostedProviderListsIsUsed() throws Exception {
        try (GatewayFixture fixture = GatewayFixture.start(Map.of("providers.yaml", PolicyGatewayTest.PROVIDERS))) {
            Http.Response r = Http.send(Http.post(
                            fixture.baseUrl() + "/v1/messages",
                            Http.anthropicBody("claude-sonnet-4-5", "The patient has HIV.", false))
                    .header("anthropic-version", "2023-06-01")
                    .build());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-sovereign-route")).isEqualTo("local");
            // The fake's model list starts with this one: the client's model name never reaches the self-hosted server.
            assertThat(fixture.upstream().requests().get(0).json().path("model").asText())
                    .isEqualTo("claude-sonnet-4-5-20250929");
        }
    }

    @Test
    void withoutALocalModelAndNoListTheSpecialCategoryRequestIsRefusedSayingWhatToSet() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (GatewayFixture fixture = GatewayFixture.start(
                Map.of(), Map.of("SOVEREIGN_LOCAL_BASE_URL", "http://127.0.0.1:" + closed + "/v1"))) {
            Http.Response r = Http.send(Http.post(
                            fixture.baseUrl() + "/v1/messages",
                            Http.anthropicBody("claude-sonnet-4-5", "The patient has HIV.", false))
                    .header("anthropic-version", "2023-06-01")
                    .build());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().path("error").path("message").asText())
                    .contains("set SOVEREIGN_LOCAL_MODEL to a model it serves");
            assertThat(fixture.upstream().requests()).isEmpty();
        }
    }
}
