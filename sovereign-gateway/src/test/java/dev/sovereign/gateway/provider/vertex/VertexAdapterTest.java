package dev.sovereign.gateway.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.VertexSettings;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.RefreshedToken;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Vertex adapter sends: the address by location and method, the body and the headers. */
class VertexAdapterTest {
    private final Json json = new Json(64);
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static ProviderConfig provider(String location) {
        return new ProviderConfig(
                "v",
                ProviderKind.VERTEX,
                VertexSettings.endpointFor(location),
                location,
                Optional.empty(),
                Set.of(WireFormat.ANTHROPIC),
                "v",
                Timeouts.DEFAULTS,
                8,
                List.of(new ModelMapping("claude-*", null)),
                Optional.empty(),
                new VertexSettings("acme-prod-123", Optional.empty()));
    }

    private VertexAdapter adapter(String location, RefreshedToken.Token token) {
        RefreshedToken refreshed =
                RefreshedToken.start(vertx, "v", () -> token, Clock.systemUTC(), Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> refreshed.current().isPresent());
        return new VertexAdapter(provider(location), json, refreshed);
    }

    private InboundRequest request(Operation operation, String body) {
        ObjectNode node = (ObjectNode) json.tryParse(body.getBytes());
        return new InboundRequest(
                operation,
                node,
                Buffer.buffer(body),
                node.path("model").asText(),
                node.path("stream").asBoolean(false),
                false,
                "beta=true");
    }

    private static final RefreshedToken.Token TOKEN =
            new RefreshedToken.Token("ya29.test", Instant.now().plus(Duration.ofHours(1)));

    @Test
    void globalStreamingGoesToTheGlobalHost() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("anthropic-version", "2023-06-01")
                .add("x-api-key", "client-key");
        UpstreamRequest up = adapter("global", TOKEN)
                .prepare(
                        request(
                                Operation.MESSAGES,
                                "{\"model\":\"claude-opus-4-1\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}"),
                        "claude-opus-4-1@20250805",
                        client);
        assertThat(up.uri())
                .hasToString("https://aiplatform.googleapis.com/v1/projects/acme-prod-123/locations/global/publishers"
                        + "/anthropic/models/claude-opus-4-1@20250805:streamRawPredict");
        JsonNode body = json.tryParse(up.body().getBytes());
        assertThat(body.has("model")).isFalse();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(up.headers().get("authorization")).isEqualTo("Bearer ya29.test");
        assertThat(up.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(up.headers().contains("x-api-key")).isFalse();
    }

    @Test
    void aVersionTheClientSetIsKeptAndTokenCountingKeepsTheModel() {
        UpstreamRequest up = adapter("eu", TOKEN)
                .prepare(
                        request(
                                Operation.COUNT_TOKENS,
                                "{\"model\":\"claude-x\",\"anthropic_version\":\"vertex-2099-01-01\",\"messages\":[]}"),
                        "claude-x@1",
                        MultiMap.caseInsensitiveMultiMap());
        assertThat(up.uri())
                .hasToString(
                        "https://aiplatform.eu.rep.googleapis.com/v1/projects/acme-prod-123/locations/eu/publishers"
                                + "/anthropic/models/count-tokens:rawPredict");
        JsonNode body = json.tryParse(up.body().getBytes());
        assertThat(body.path("model").asText()).isEqualTo("claude-x@1");
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2099-01-01");
    }

    @Test
    void aModelIdIsOnePathSegment() {
        assertThat(VertexAdapter.pathSegment("claude-sonnet-4-5@20250929")).isEqualTo("claude-sonnet-4-5@20250929");
        assertThat(VertexAdapter.pathSegment("a/b:c d")).isEqualTo("a%2Fb%3Ac%20d");
    }

    @Test
    void anExpiredTokenIsNeverSent() {
        RefreshedToken.Token expired =
                new RefreshedToken.Token("ya29.old", Instant.now().minusSeconds(1));
        AtomicInteger fetches = new AtomicInteger();
        RefreshedToken refreshed = RefreshedToken.start(
                vertx,
                "v",
                () -> {
                    fetches.incrementAndGet();
                    return expired;
                },
                Clock.systemUTC(),
                Duration.ofMinutes(5));
        // The source answered twice (at start, then after a second's backoff), and both answers were refused.
        await().atMost(Duration.ofSeconds(5)).until(() -> fetches.get() >= 2);
        assertThat(refreshed.current()).isEmpty();
        VertexAdapter adapter = new VertexAdapter(provider("europe-west1"), json, refreshed);
        assertThatThrownBy(() -> adapter.prepare(
                        request(Operation.MESSAGES, "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}"),
                        "claude-x",
                        MultiMap.caseInsensitiveMultiMap()))
                .isInstanceOfSatisfying(
                        GatewayFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(FailureKind.UPSTREAM_AUTH_UNAVAILABLE));
    }
}
