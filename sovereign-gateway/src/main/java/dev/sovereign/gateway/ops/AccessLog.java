package dev.sovereign.gateway.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.policy.Decision;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;

/**
 * The access log's content: one JSON line per request with ids, route, status, timings and token
 * counts; never prompt or answer text, never a key. Written with Jackson's generator (escaping
 * included); an {@link AccessLogWriter} per event loop batches the lines to standard output.
 * Thread-safe.
 */
public final class AccessLog {
    private static final JsonFactory JSON = new JsonFactory();

    private final boolean enabled;
    private final Clock clock;

    public AccessLog(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    public String line(Trip trip, String operation, String model, int status, Outcome outcome, long nowNanos) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("log", "access");
            g.writeStringField("request_id", trip.requestId());
            g.writeStringField("api", trip.api().id());
            g.writeStringField("operation", operation);
            g.writeNumberField("status", status);
            g.writeNumberField("duration_ms", millis(nowNanos - trip.startNanos()));
            if (model != null) g.writeStringField("model", model);
            if (trip.principal() != null) {
                g.writeStringField("key_id", trip.principal().keyId());
                g.writeStringField("team", trip.principal().team());
                g.writeStringField("workload", trip.principal().workload());
            }
            Decision decision = trip.decision();
            if (decision != null) {
                g.writeStringField("rule", decision.ruleId());
                g.writeStringField("action", decision.action().name().toLowerCase(Locale.ROOT));
                if (decision.providerId() != null) {
                    g.writeStringField("provider", decision.providerId());
                    g.writeStringField("upstream_model", decision.upstreamModel());
                }
                if (trip.upstreamApi() != null) g.writeStringField("upstream_api", trip.upstreamApi());
            }
            if (outcome != null) {
                g.writeBooleanField("stream", outcome.streamed());
                if (outcome.firstByteNanos() > 0)
                    g.writeNumberField("ttft_ms", millis(outcome.firstByteNanos() - trip.startNanos()));
                if (outcome.usage().inputTokens() >= 0)
                    g.writeNumberField("input_tokens", outcome.usage().inputTokens());
                if (outcome.usage().outputTokens() >= 0)
                    g.writeNumberField("output_tokens", outcome.usage().outputTokens());
                if (outcome.errorKey() != null) g.writeStringField("error", outcome.errorKey());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
