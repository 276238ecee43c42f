package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstreams are reached over TLS with the host verified; a provider may trust its own CA. */
class TlsUpstreamTest {
    static Vertx vertx;
    static HttpServer server;
    static SelfSignedCertificate certificate;
    static final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    static final AtomicReference<io.vertx.core.http.HttpVersion> seenVersion = new AtomicReference<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startTlsUpstream() throws Exception {
        vertx = Vertx.vertx();
        certificate = SelfSignedCertificate.create("localhost");
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setSsl(true)
                        .setUseAlpn(true)
                        .setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(req -> {
                    seenAuthorization.set(req.getHeader("authorization"));
                    seenVersion.set(req.version());
                    req.response().putHeader("content-type", "application/json").end("""
                            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,\
                            "message":{"role":"assistant","content":"over tls"},"finish_reason":"stop"}],\
                            "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""");
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        certificate.delete();
    }

    private Gateway gateway(String extra) throws Exception {
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: internal
                    kind: openai-compatible
                    endpoint: https://localhost:%d/v1
                    api_key_env: INTERNAL_KEY
                    models: [{pattern: "*"}]
                %s""".formatted(server.actualPort(), extra));
        GatewayConfig config = GatewayFixture.inTempData(
                new ConfigLoader(Map.of("INTERNAL_KEY", "k-tls")).load(dir).withListener("127.0.0.1", 0), dir);
        return Gateway.start(config, 1);
    }

    @Test
    void trustedCertificateCarriesTheRequest() throws Exception {
        try (Gateway gateway = gateway("    ca_file: " + certificate.certificatePath() + "\n")) {
            Http.Response r =
                    Http.send(Http.post(gateway.baseUrl() + "/v1/chat/completions", Http.openAiBody("m", "hi", false))
                            .build());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json()
                            .path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .isEqualTo("over tls");
            assertThat(seenAuthorization.get()).isEqualTo("Bearer k-tls");
            assertThat(seenVersion.get())
                    .as("HTTP/2 negotiated by ALPN")
                    .isEqualTo(io.vertx.core.http.HttpVersion.HTTP_2);
        }
    }

    @Test
    void untrustedCertificateIsRefused() throws Exception {
        seenAuthorization.set(null);
        try (Gateway gateway = gateway("")) {
            Http.Response r =
                    Http.send(Http.post(gateway.baseUrl() + "/v1/chat/completions", Http.openAiBody("m", "hi", false))
                            .build());
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("sovereign.upstream_unreachable");
            assertThat(r.json().path("error").path("message").asText())
                    .startsWith("The upstream provider '")
                    .contains("could not be reached (the TLS handshake failed)");
            assertThat(seenAuthorization.get())
                    .as("no credential may cross an unverified connection")
                    .isNull();
        }
    }
}
