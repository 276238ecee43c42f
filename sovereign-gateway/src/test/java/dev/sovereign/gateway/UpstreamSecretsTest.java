package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.Fault;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An upstream error that echoes a credential reaches the client without it, in either API's shape. */
class UpstreamSecretsTest {
    private static final String ANTHROPIC_KEY = "sk-ant-api03-" + "Zq8xW2mP4vR7tY1uI3oA5sD6fG9hJ0kL".repeat(3) + "AA";
    private static final String OPENAI_KEY = "sk-proj-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d";

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    @Test
    void anAnthropicErrorThatEchoesTheKeyIsRelayedWithoutIt() {
        fixture.upstream()
                .enqueue(Fault.status(
                        401,
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: "
                                + ANTHROPIC_KEY + "\"}}",
                        Map.of()));
        Http.Response r = Http.send(
                Http.post(fixture.baseUrl() + "/v1/messages", Http.anthropicBody("claude-sonnet-4-5", "hi", false))
                        .header("anthropic-version", "2023-06-01")
                        .build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(ANTHROPIC_KEY).doesNotContain("sk-ant-api03");
        assertThat(r.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(r.json().path("error").path("message").asText())
                .isEqualTo("invalid x-api-key: [secret removed by the gateway]");
    }

    @Test
    void anOpenAiErrorThatEchoesTheKeyIsRelayedWithoutIt() {
        fixture.upstream()
                .enqueue(Fault.status(
                        401,
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                                + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                        Map.of()));
        Http.Response r = Http.send(
                Http.post(fixture.baseUrl() + "/v1/chat/completions", Http.openAiBody("gpt-4o-mini", "hi", false))
                        .build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(OPENAI_KEY);
        assertThat(r.json().path("error").path("message").asText())
                .startsWith("Incorrect API key provided: [secret removed by the gateway].");
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("invalid_api_key");
    }
}
