package dev.sovereign.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.egress.AnswerReaders;
import dev.sovereign.gateway.egress.UpstreamErrors;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.provider.resilience.ProviderGuard;
import dev.sovereign.gateway.translate.Translator;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.policy.Decision;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route attempts on their own, without the gateway's server: a decision's targets tried in order against two fake
 * upstreams over real sockets, the client's side recorded ({@link RecordingClient}). An overloaded first target is
 * retried as its settings say, then the fallback answers; the answer names the target that served it, and the
 * retries and the fallback are counted.
 */
class RouteAttemptsTest {
    @TempDir
    static Path dir;

    static Vertx vertx;
    static FakeUpstream primary;
    static FakeUpstream secondary;
    static RouteAttempts attempts;
    static Ingress ingress;
    static ErrorBodies errors;
    static final List<String> counted = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        primary = FakeUpstream.start();
        secondary = FakeUpstream.start();
        Files.writeString(dir.resolve("sovereign.yaml"), "audit: {enabled: false}\n");
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: primary
                    kind: openai-compatible
                    endpoint: %s/v1
                    api_key_env: OPENAI_API_KEY
                    region: local
                    models: [{pattern: "*"}]
                    resilience: {retries: 1, backoff: 10ms}
                  - id: secondary
                    kind: openai-compatible
                    endpoint: %s/v1
                    api_key_env: OPENAI_API_KEY
                    region: local
                    models: [{pattern: "*"}]
                    resilience: {retries: 0}
                """.formatted(primary.baseUrl(), secondary.baseUrl()));
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test");
        GatewayConfig config = new ConfigLoader(env).load(dir);
        Json json = new Json(64);
        ingress = new Ingress(json);
        errors = new ErrorBodies(json);
        Map<String, Upstream> upstreams = new HashMap<>();
        Map<String, ProviderGuard> guards = new HashMap<>();
        for (ProviderConfig p : config.providers()) {
            ProviderAdapter adapter =
                    ProviderAdapters.create(p, new BodyRewriter(json), json, vertx, Clock.systemUTC(), env);
            upstreams.put(p.id(), new Upstream(adapter, vertx.createHttpClient()));
            guards.put(p.id(), new ProviderGuard(p.id(), p.resilience(), Clock.systemUTC()));
        }
        Forwarder forwarder =
                new Forwarder(vertx, json, new AnswerReaders(json, new UpstreamErrors(json, errors)), 1 << 26);
        AttemptMetrics metrics = new AttemptMetrics() {
            @Override
            public synchronized void retried(String provider) {
                counted.add("retried " + provider);
            }

            @Override
            public synchronized void fellBack(String from, String to) {
                counted.add("fell back " + from + " -> " + to);
            }
        };
        attempts = new RouteAttempts(
                vertx,
                upstreams,
                guards,
                forwarder,
                new Translator(json, Clock.systemUTC()),
                Auditor.open(config, env, Clock.systemUTC()),
                metrics,
                io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
    }

    @AfterAll
    static void stop() {
        primary.close();
        secondary.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        primary.reset();
        secondary.reset();
        synchronized (counted) {
            counted.clear();
        }
    }

    private static Outcome run(RecordingClient client, Decision decision) throws Exception {
        String body = "{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}";
        InboundRequest request = ingress.parse(Operation.CHAT_COMPLETIONS, Buffer.buffer(body), null);
        Exchange exchange = new Exchange(client.request(), "sgw_test", System.nanoTime(), WireFormat.OPENAI, errors);
        Classification classification = Classifier.defaults().classify(List.of(), Set.of());
        exchange.advance(exchange.trip().decided(decision));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        vertx.runOnContext(v -> attempts.run(exchange, Transformed.unchanged(request), classification, decision)
                .onComplete(ar -> outcome.complete(ar.result())));
        Outcome o = outcome.get(15, TimeUnit.SECONDS);
        client.ended.get(15, TimeUnit.SECONDS);
        return o;
    }

    private static Decision primaryThenSecondary() {
        Decision d = Decision.forward("everything", "primary", "llama3");
        return d.withFallbacks(List.of(new Decision.Target("secondary", "llama3")));
    }

    @Test
    void anOverloadedTargetIsRetriedThenTheFallbackAnswersAndSaysSo() throws Exception {
        primary.enqueue(Fault.overloaded());
        primary.enqueue(Fault.overloaded());
        RecordingClient client = new RecordingClient();
        Outcome outcome = run(client, primaryThenSecondary());
        assertThat(client.status).as(client.body.toString()).isEqualTo(200);
        assertThat(client.headers.get(Exchange.ROUTE)).isEqualTo("secondary");
        assertThat(client.headers.get(Exchange.RULE)).isEqualTo("everything");
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(primary.requests()).hasSize(2);
        assertThat(secondary.requests()).hasSize(1);
        assertThat(counted).containsExactly("retried primary", "fell back primary -> secondary");
    }

    @Test
    void aTargetThatAnswersIsTheOnlyOneAsked() throws Exception {
        RecordingClient client = new RecordingClient();
        Outcome outcome = run(client, primaryThenSecondary());
        assertThat(client.status).isEqualTo(200);
        assertThat(client.headers.get(Exchange.ROUTE)).isEqualTo("primary");
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(primary.requests()).hasSize(1);
        assertThat(secondary.requests()).isEmpty();
        assertThat(counted).isEmpty();
    }

    @Test
    void whenEveryTargetFailsTheClientGetsTheLastFailureInItsFormat() throws Exception {
        primary.enqueue(Fault.overloaded());
        primary.enqueue(Fault.overloaded());
        secondary.enqueue(Fault.overloaded());
        RecordingClient client = new RecordingClient();
        Outcome outcome = run(client, primaryThenSecondary());
        assertThat(client.status).isGreaterThanOrEqualTo(500);
        assertThat(client.headers.get(Exchange.ROUTE)).isEqualTo("secondary");
        assertThat(client.body.toString()).contains("\"error\"");
        assertThat(outcome.status()).isEqualTo(client.status);
    }
}
