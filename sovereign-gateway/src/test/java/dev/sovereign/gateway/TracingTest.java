package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traces exported by the gateway over OTLP/HTTP (protobuf) to a receiver in this test, configured as users do, by the
 * standard OTEL_* variables: a span per request under the client's traceparent, a child per stage and per upstream
 * attempt, the attempt's context sent on to the provider, and no prompt text anywhere.
 */
class TracingTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN = "00f067aa0ba902b7";
    static final String MARKER = "Marzipan-7781 is the secret word";

    static HttpServer receiver;
    static final List<Span> spans = new CopyOnWriteArrayList<>();
    static final List<String> resources = new CopyOnWriteArrayList<>();
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
            for (ResourceSpans rs : export.getResourceSpansList()) {
                resources.add(rs.getResource().toString());
                for (ScopeSpans ss : rs.getScopeSpansList()) spans.addAll(ss.getSpansList());
            }
            exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        fixture = GatewayFixture.start(
                Map.of(),
                Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                                "http://127.0.0.1:" + receiver.getAddress().getPort(),
                        "OTEL_BSP_SCHEDULE_DELAY", "50",
                        "OTEL_SERVICE_NAME", "gateway-under-test"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
        receiver.stop(0);
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    /** An Anthropic request with the client key and {@code traceHeaders} (name, value, …). */
    static Http.Response send(String text, String... traceHeaders) {
        List<String> headers = new java.util.ArrayList<>(List.of(
                "content-type",
                "application/json",
                "anthropic-version",
                "2023-06-01",
                "x-api-key",
                GatewayFixture.CLIENT_KEY));
        headers.addAll(List.of(traceHeaders));
        return Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", text, false),
                        headers.toArray(String[]::new))
                .build());
    }

    static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    static String attribute(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                var v = kv.getValue();
                return v.hasStringValue()
                        ? v.getStringValue()
                        : v.hasIntValue() ? Long.toString(v.getIntValue()) : v.toString();
            }
        }
        return null;
    }

    static List<Span> ofTrace(String traceId) {
        return spans.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
    }

    @Test
    void aRequestIsOneSpanUnderTheClientsWithAChildPerStageAndTheAttemptSentOn() {
        Http.Response r = send(MARKER, "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");
        assertThat(r.status()).isEqualTo(200);
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        ofTrace(TRACE_ID).stream().anyMatch(s -> s.getName().equals("POST /v1/messages")));
        List<Span> trace = ofTrace(TRACE_ID);
        Span root = trace.stream()
                .filter(s -> s.getName().equals("POST /v1/messages"))
                .findFirst()
                .orElseThrow();
        assertThat(hex(root.getParentSpanId())).isEqualTo(CLIENT_SPAN);
        assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(attribute(root, "sovereign.request_id")).isEqualTo(r.header("x-sovereign-request-id"));
        assertThat(attribute(root, "http.response.status_code")).isEqualTo("200");
        assertThat(attribute(root, "sovereign.provider")).isEqualTo("anthropic");
        assertThat(attribute(root, "gen_ai.usage.output_tokens")).isNotNull();

        String rootId = hex(root.getSpanId());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ofTrace(TRACE_ID).stream()
                                .filter(s -> hex(s.getParentSpanId()).equals(rootId))
                                .map(Span::getName))
                        .contains(
                                "sovereign.ingress",
                                "sovereign.classify",
                                "sovereign.decide",
                                "sovereign.limits",
                                "sovereign.audit.decision",
                                "sovereign.transform",
                                "sovereign.provider.attempt"));
        Span attempt = ofTrace(TRACE_ID).stream()
                .filter(s -> s.getName().equals("sovereign.provider.attempt"))
                .findFirst()
                .orElseThrow();
        assertThat(attempt.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attribute(attempt, "sovereign.try")).isEqualTo("1");
        // the provider sees the attempt as the parent of its own work, in the same trace
        assertThat(upstream.header("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + hex(attempt.getSpanId()) + "-01");
        assertThat(resources).anyMatch(res -> res.contains("gateway-under-test"));
        // ids, counts and categories only: the prompt is nowhere in what was exported
        assertThat(spans.toString()).doesNotContain("Marzipan");
    }

    @Test
    void theClientsTracestateIsNotSentOnButItsTraceIdIs() {
        String traceId = "6bf92f3577b34da6a3ce929d0e0e4738";
        Http.Response r = send(
                "hello",
                "traceparent",
                "00-" + traceId + "-" + CLIENT_SPAN + "-01",
                "tracestate",
                "vendor=AKIAIOSFODNN7EXAMPLE");
        assertThat(r.status()).isEqualTo(200);
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.header("traceparent")).startsWith("00-" + traceId + "-");
        assertThat(upstream.header("tracestate")).isNull();
        assertThat(upstream.headers().toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void aFailedAttemptIsAnErrorSpanAndTheRequestSpanCarriesTheErrorKey() {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        fixture.upstream().enqueue(Fault.overloaded());
        Http.Response r = send("busy?", "traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-01");
        assertThat(r.status()).isEqualTo(529);

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            List<Span> trace = ofTrace(traceId);
            Span attempt = trace.stream()
                    .filter(s -> s.getName().equals("sovereign.provider.attempt"))
                    .findFirst()
                    .orElseThrow();
            assertThat(attempt.getStatus().getCode())
                    .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
            Span root = trace.stream()
                    .filter(s -> s.getName().equals("POST /v1/messages"))
                    .findFirst()
                    .orElseThrow();
            assertThat(attribute(root, "error.type")).isEqualTo("upstream.529");
            assertThat(attribute(root, "http.response.status_code")).isEqualTo("529");
        });
    }

    @Test
    void withoutATraceparentTheRequestStartsItsOwnTrace() {
        int before = spans.size();
        assertThat(send("hello").status()).isEqualTo(200);
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        String traceId = upstream.header("traceparent").split("-")[1];
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(spans.size()).isGreaterThan(before));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ofTrace(traceId)).anySatisfy(s -> {
                    assertThat(s.getName()).isEqualTo("POST /v1/messages");
                    assertThat(s.getParentSpanId().isEmpty()).isTrue();
                }));
    }
}
