package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.sovereign.testing.FakeUpstreamOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Short-lived Google tokens are replaced ahead of their expiry, so requests keep going through with a fresh one. */
class VertexTokenRefreshTest {
    private static final String PROVIDERS = """
            providers:
              - {id: vertex, kind: vertex, project: acme-prod-123, region: global,
                 endpoint: "${UPSTREAM}", credentials_file: "${CONFIG_DIR}/sa.json",
                 models: [{pattern: "claude-*"}]}
            """;

    @Test
    void aFreshTokenReplacesTheOldOneBeforeItExpires() {
        try (GatewayFixture fixture = GatewayFixture.start(
                new FakeUpstreamOptions().googleTokenLifetime(Duration.ofSeconds(4)),
                Map.of("sa.json", GoogleServiceAccount.keyFile("${UPSTREAM}"), "providers.yaml", PROVIDERS),
                Map.of())) {
            AnthropicClient client = fixture.anthropicClient();
            try {
                MessageCreateParams params = MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(16)
                        .addUserMessage("still there?")
                        .build();
                await().atMost(Duration.ofSeconds(20))
                        .ignoreExceptions()
                        .until(() -> client.messages().create(params).content().size() == 1);
                String first = fixture.upstream().requests().getLast().header("authorization");
                int issued = fixture.upstream().googleTokensIssued();

                // Each token lives 4 s; the gateway fetches the next one at half its life.
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> fixture.upstream().googleTokensIssued() >= issued + 2);
                assertThat(client.messages().create(params).content()).hasSize(1);
                String later = fixture.upstream().requests().getLast().header("authorization");
                assertThat(later).startsWith("Bearer ya29.fake-").isNotEqualTo(first);
            } finally {
                client.close();
            }
        }
    }
}
