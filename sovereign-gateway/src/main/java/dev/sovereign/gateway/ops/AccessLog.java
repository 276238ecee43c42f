package dev.sovereign.gateway.ops;

import dev.sovereign.gateway.Exchange;
import dev.sovereign.gateway.provider.Outcome;
import dev.sovereign.policy.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per request on the {@code sovereign.access} logger: ids, route, status, timings
 * and token counts. Never prompt or answer text, never a key.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("sovereign.access");
    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    public void record(Exchange exchange, String operation, String model, int status, Outcome outcome) {
        if (!enabled || !LOG.isInfoEnabled()) return;
        long now = System.nanoTime();
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("request_id", exchange.requestId())
                .addKeyValue("api", exchange.api().id())
                .addKeyValue("operation", operation)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", (now - exchange.startNanos()) / 1_000_000.0);
        if (model != null) line = line.addKeyValue("model", model);
        if (exchange.principal() != null) {
            line = line.addKeyValue("key_id", exchange.principal().keyId())
                    .addKeyValue("team", exchange.principal().team())
                    .addKeyValue("workload", exchange.principal().workload());
        }
        Decision decision = exchange.decision();
        if (decision != null) {
            line = line.addKeyValue("rule", decision.ruleId())
                    .addKeyValue("action", decision.action().name().toLowerCase(java.util.Locale.ROOT));
            if (decision.providerId() != null)
                line = line.addKeyValue("provider", decision.providerId())
                        .addKeyValue("upstream_model", decision.upstreamModel());
        }
        if (outcome != null) {
            line = line.addKeyValue("stream", outcome.streamed());
            if (outcome.firstByteNanos() > 0)
                line = line.addKeyValue("ttft_ms", (outcome.firstByteNanos() - exchange.startNanos()) / 1_000_000.0);
            if (outcome.usage().inputTokens() >= 0)
                line = line.addKeyValue("input_tokens", outcome.usage().inputTokens());
            if (outcome.usage().outputTokens() >= 0)
                line = line.addKeyValue("output_tokens", outcome.usage().outputTokens());
            if (outcome.errorKey() != null) line = line.addKeyValue("error", outcome.errorKey());
        }
        line.log("request");
    }
}
