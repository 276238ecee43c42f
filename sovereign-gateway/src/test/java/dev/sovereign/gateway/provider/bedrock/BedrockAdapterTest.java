package dev.sovereign.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Secret;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

class BedrockAdapterTest {
    static final String PROFILE = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
    final Json json = new Json(64);

    static ProviderConfig config(Optional<Secret> key) {
        return new ProviderConfig(
                "bedrock-eu",
                ProviderKind.BEDROCK,
                URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"),
                "eu-central-1",
                key,
                Set.of(WireFormat.ANTHROPIC),
                "claude-bedrock-eu",
                Timeouts.DEFAULTS,
                8,
                List.of(new ModelMapping("claude-sonnet-4-5", PROFILE)),
                Optional.empty());
    }

    InboundRequest request(boolean stream) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"metadata\":{\"user_id\":\"u1\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return new Ingress(json).parse(Operation.MESSAGES, Buffer.buffer(body), null);
    }

    static SigV4Authorizer sigV4(IdentityProvider<? extends AwsCredentialsIdentity> source) {
        RefreshingCredentials credentials =
                new RefreshingCredentials("bedrock-eu", source, Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(credentials.awaitFirstAttempt(Duration.ofSeconds(5))).isTrue();
        return new SigV4Authorizer("bedrock-eu", "eu-central-1", credentials);
    }

    @Test
    void theBodyIsBedrocksAndTheModelGoesIntoThePathPercentEncoded() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("anthropic-beta", "context-management-2025-06-27, interleaved-thinking-2025-05-14")
                .add("anthropic-version", "2023-06-01");
        try (BedrockAdapter adapter = new BedrockAdapter(
                config(Optional.empty()),
                json,
                sigV4(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret"))))) {
            UpstreamRequest up = adapter.prepare(request(false), PROFILE, client);
            assertThat(up.uri())
                    .hasToString("https://bedrock-runtime.eu-central-1.amazonaws.com/model/"
                            + "eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
            JsonNode body = json.tryParse(up.body().getBytes());
            assertThat(body.has("model")).isFalse();
            assertThat(body.has("stream")).isFalse();
            assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
            assertThat(body.path("anthropic_beta").toString())
                    .isEqualTo("[\"context-management-2025-06-27\",\"interleaved-thinking-2025-05-14\"]");
            assertThat(body.path("metadata").path("user_id").asText()).isEqualTo("u1");
            assertThat(up.headers().get("accept")).isEqualTo("application/json");
            assertThat(up.headers().get("anthropic-version")).isNull();
            assertThat(up.headers().get("authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/")
                    .contains("/eu-central-1/bedrock/aws4_request")
                    .contains("SignedHeaders=")
                    .doesNotContain("secret");
            assertThat(up.headers().get("x-amz-date")).isNotNull();
            assertThat(up.headers().get("host")).as("left to the HTTP client").isNull();
            assertThat(up.answers()).isInstanceOf(BedrockAnswers.class);
            assertThat(adapter.credentials())
                    .isEqualTo("SigV4 with long-term AWS credentials from the AWS default chain");
        }
    }

    @Test
    void aStreamGoesToInvokeWithResponseStreamAskingForTheEventStream() {
        try (BedrockAdapter adapter = new BedrockAdapter(
                config(Optional.of(new Secret("ABSK-key", "env:AWS_BEARER_TOKEN_BEDROCK"))),
                json,
                BedrockAuthorizer.bearer(new Secret("ABSK-key", "env:AWS_BEARER_TOKEN_BEDROCK")))) {
            UpstreamRequest up = adapter.prepare(request(true), PROFILE, MultiMap.caseInsensitiveMultiMap());
            assertThat(up.uri().getRawPath()).endsWith("/invoke-with-response-stream");
            assertThat(up.headers().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
            assertThat(up.headers().get("x-amzn-bedrock-accept")).isEqualTo("application/json");
            assertThat(up.headers().get("authorization")).isEqualTo("Bearer ABSK-key");
            assertThat(json.tryParse(up.body().getBytes()).has("anthropic_beta"))
                    .isFalse();
            assertThat(adapter.credentials()).doesNotContain("ABSK-key");
        }
    }

    /** A credentials source that answers {@code identity}, or fails when it is {@code null}. */
    static IdentityProvider<AwsCredentialsIdentity> source(AwsCredentialsIdentity identity) {
        return new IdentityProvider<>() {
            @Override
            public Class<AwsCredentialsIdentity> identityType() {
                return AwsCredentialsIdentity.class;
            }

            @Override
            public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
                return identity == null
                        ? CompletableFuture.failedFuture(new IllegalStateException("Unable to load credentials"))
                        : CompletableFuture.completedFuture(identity);
            }
        };
    }

    @Test
    void withoutCredentialsTheRequestIsRefusedWithoutWaiting() {
        try (BedrockAdapter adapter = new BedrockAdapter(config(Optional.empty()), json, sigV4(source(null)))) {
            assertThatThrownBy(() -> adapter.prepare(request(false), PROFILE, MultiMap.caseInsensitiveMultiMap()))
                    .isInstanceOfSatisfying(GatewayFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(FailureKind.UPSTREAM_UNREACHABLE);
                        assertThat(f.getMessage()).contains("no AWS credentials for provider 'bedrock-eu'");
                    });
            assertThat(adapter.credentials()).contains("Unable to load credentials");
        }
    }

    @Test
    void expiredCredentialsAreNotUsed() {
        AwsCredentialsIdentity expired = AwsSessionCredentials.builder()
                .accessKeyId("ASIATEST")
                .secretAccessKey("s")
                .sessionToken("t")
                .expirationTime(Instant.now().minusSeconds(60))
                .build();
        try (RefreshingCredentials credentials =
                new RefreshingCredentials("bedrock-eu", source(expired), Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThat(credentials.awaitFirstAttempt(Duration.ofSeconds(5))).isTrue();
            assertThat(credentials.current()).isEmpty();
        }
    }
}
