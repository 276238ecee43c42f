package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapters;
import dev.sovereign.gateway.provider.RouteAttempts;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route attempts' two questions about a target, as plain calls without a server: can it take the request at all,
 * and in which format must the request leave for it.
 */
class RouteTranslationTest {
    @TempDir
    static Path dir;

    static final Map<String, Upstream> UPSTREAMS = new HashMap<>();
    static Ingress ingress;

    @BeforeAll
    static void load() throws IOException {
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: anthropic
                    kind: anthropic
                    endpoint: http://127.0.0.1:9
                    api_key_env: ANTHROPIC_API_KEY
                    region: us
                    models: [{pattern: claude-*}]
                  - id: both
                    kind: openai-compatible
                    endpoint: http://127.0.0.1:9/v1
                    region: local
                    formats: [openai, anthropic]
                    models: [{pattern: llama*}]
                  - id: openai-only
                    kind: openai-compatible
                    endpoint: http://127.0.0.1:9/v1
                    region: local
                    models: [{pattern: mistral*}]
                """);
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "k");
        GatewayConfig config = new ConfigLoader(env).load(dir);
        Json json = new Json(64);
        ingress = new Ingress(json);
        for (ProviderConfig p : config.providers()) {
            UPSTREAMS.put(
                    p.id(),
                    new Upstream(
                            ProviderAdapters.create(p, new BodyRewriter(json), json, null, Clock.systemUTC(), env),
                            null));
        }
    }

    private static InboundRequest request(Operation operation, String body) {
        return ingress.parse(operation, Buffer.buffer(body), null);
    }

    @Test
    void aRequestLeavesInItsOwnFormatWhereTheProviderServesItAndIsTranslatedWhereNot() {
        InboundRequest messages = request(Operation.MESSAGES, Http.anthropicBody("claude-sonnet-4-5", "Hi", false));
        InboundRequest chat = request(Operation.CHAT_COMPLETIONS, Http.openAiBody("gpt-4o", "Hi", false));
        assertThat(RouteAttempts.translation(messages, UPSTREAMS.get("anthropic")))
                .isNull();
        assertThat(RouteAttempts.translation(messages, UPSTREAMS.get("both"))).isNull();
        assertThat(RouteAttempts.translation(chat, UPSTREAMS.get("both"))).isNull();
        assertThat(RouteAttempts.translation(messages, UPSTREAMS.get("openai-only")))
                .isEqualTo(WireFormat.OPENAI);
        assertThat(RouteAttempts.translation(messages, null)).isNull();
    }

    @Test
    void embeddingsGoOnlyToAProviderThatServesThem() {
        InboundRequest embeddings = request(Operation.EMBEDDINGS, "{\"model\":\"mistral-embed\",\"input\":\"hi\"}");
        InboundRequest messages = request(Operation.MESSAGES, Http.anthropicBody("claude-sonnet-4-5", "Hi", false));
        assertThat(RouteAttempts.serves(UPSTREAMS.get("openai-only"), embeddings))
                .isTrue();
        assertThat(RouteAttempts.serves(UPSTREAMS.get("anthropic"), embeddings)).isFalse();
        assertThat(RouteAttempts.serves(UPSTREAMS.get("anthropic"), messages)).isTrue();
        assertThat(RouteAttempts.serves(null, messages)).isFalse();
    }
}
