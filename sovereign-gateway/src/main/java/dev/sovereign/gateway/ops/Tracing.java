package dev.sovereign.gateway.ops;

import dev.sovereign.config.WireFormat;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's traces: the OpenTelemetry SDK configured by the standard {@code OTEL_*} environment variables
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, {@code OTEL_SERVICE_NAME},
 * {@code OTEL_TRACES_SAMPLER}, {@code OTEL_RESOURCE_ATTRIBUTES}, …), exporting OTLP over HTTP/protobuf by default.
 * Tracing is on when an OTLP endpoint or a traces exporter is named and {@code OTEL_SDK_DISABLED} is not true; off,
 * every span is a no-op. Metrics and logs stay with the gateway's own ({@code /metrics}, JSON lines) unless their
 * exporters are named. The W3C {@code traceparent} of a client is the parent of its request's span, and the span
 * of each upstream attempt is sent on in the same header.
 */
public final class Tracing implements AutoCloseable {
    public static final String INSTRUMENTATION = "dev.sovereign.gateway";

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** Tracing that records nothing. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop(), null);
    }

    /** Tracing as {@code env} configures it (the process environment, injected so that tests are exact). */
    public static Tracing fromEnvironment(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").trim())) return off();
        boolean named = env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                || (env.containsKey("OTEL_TRACES_EXPORTER")
                        && !env.get("OTEL_TRACES_EXPORTER").trim().equalsIgnoreCase("none"));
        if (!named) return off();
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "sovereign-gateway");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_"))
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
        });
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .disableShutdownHook()
                .addPropertiesSupplier(() -> properties)
                .build()
                .getOpenTelemetrySdk();
        return new Tracing(sdk, sdk);
    }

    public boolean enabled() {
        return sdk != null;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** W3C trace context: {@code traceparent} and {@code tracestate}. */
    public static TextMapPropagator propagator() {
        return W3CTraceContextPropagator.getInstance();
    }

    /**
     * The span of one client request to {@code route} ({@code POST /v1/messages}), a child of the client's W3C trace
     * context when it sent one. Its attributes never carry prompt or answer text.
     */
    public Span requestSpan(HttpServerRequest req, String route, String requestId, WireFormat api, String operation) {
        Context parent = withoutTraceState(propagator().extract(Context.root(), req.headers(), HEADERS));
        return tracer.spanBuilder(route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", req.method().name())
                .setAttribute("http.route", route.substring(route.indexOf(' ') + 1))
                .setAttribute("sovereign.request_id", requestId)
                .setAttribute("sovereign.api", api.id())
                .setAttribute("sovereign.operation", operation)
                .startSpan();
    }

    /**
     * The client's trace context without its {@code tracestate}: that header is free text of the client's, and the
     * context of each upstream attempt, sent on in {@code traceparent} and {@code tracestate}, must carry nothing the
     * gateway has not classified. The trace and parent ids (hex, validated by the propagator) are kept, so that the
     * request's spans join the client's trace.
     */
    private static Context withoutTraceState(Context extracted) {
        SpanContext client = Span.fromContext(extracted).getSpanContext();
        if (!client.isValid() || client.getTraceState().isEmpty()) return extracted;
        return Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        client.getTraceId(), client.getSpanId(), client.getTraceFlags(), TraceState.getDefault())));
    }

    /** Reads W3C headers from a Vert.x header map. */
    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Sends the spans still buffered, waiting a few seconds at most. */
    @Override
    public void close() {
        if (sdk != null) sdk.shutdown().join(5, TimeUnit.SECONDS);
    }
}
