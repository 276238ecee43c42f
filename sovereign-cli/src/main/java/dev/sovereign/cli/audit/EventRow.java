package dev.sovereign.cli.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.StoredEvent;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One stored event flattened into the columns of the {@code query} table and the CSV export, read from the hashed
 * record (not from the store's filter columns). Absent values are {@code null}.
 *
 * @param categories {@code name:count} pairs separated by commas, in name order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
    "writer",
    "seq",
    "time",
    "type",
    "requestId",
    "key",
    "team",
    "workload",
    "api",
    "operation",
    "model",
    "categories",
    "labels",
    "rule",
    "action",
    "provider",
    "region",
    "jurisdiction",
    "upstreamModel",
    "status",
    "latencyMs",
    "inputTokens",
    "outputTokens",
    "error",
    "hash"
})
record EventRow(
        String writer,
        long seq,
        String time,
        String type,
        String requestId,
        String key,
        String team,
        String workload,
        String api,
        String operation,
        String model,
        String categories,
        String labels,
        String rule,
        String action,
        String provider,
        String region,
        String jurisdiction,
        String upstreamModel,
        Integer status,
        Long latencyMs,
        Long inputTokens,
        Long outputTokens,
        String error,
        String hash) {

    /**
     * @throws CommandFailure when the stored record cannot be read (only an edited store holds one)
     */
    static EventRow of(StoredEvent stored) {
        AuditEvent e = event(stored);
        AuditEvent.Subject s = e.subject();
        AuditEvent.Request q = e.request();
        AuditEvent.Route r = e.route();
        AuditEvent.Result x = e.result();
        return new EventRow(
                stored.writer(),
                stored.seq(),
                e.time().toString(),
                e.type().id(),
                e.requestId(),
                s == null ? null : s.key(),
                s == null ? null : s.team(),
                s == null ? null : s.workload(),
                q == null ? null : q.api(),
                q == null ? null : q.operation(),
                q == null ? null : q.model(),
                categories(e.categoriesOrEmpty()),
                e.labels() == null ? null : String.join(",", e.labels()),
                r == null ? null : r.rule(),
                r == null ? null : r.action(),
                r == null ? null : r.provider(),
                r == null ? null : r.region(),
                r == null ? null : r.jurisdiction(),
                r == null ? null : r.upstreamModel(),
                x == null ? null : x.status(),
                x == null ? null : x.latencyMs(),
                x == null ? null : x.inputTokens(),
                x == null ? null : x.outputTokens(),
                x == null ? null : x.errorKey(),
                stored.hash());
    }

    static AuditEvent event(StoredEvent stored) {
        try {
            return stored.event();
        } catch (IllegalArgumentException e) {
            throw unreadable(stored);
        }
    }

    static CommandFailure unreadable(StoredEvent stored) {
        return new CommandFailure("event " + stored.writer() + " #" + stored.seq()
                + " is not a readable record (run sovereign audit verify)");
    }

    private static String categories(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(c -> c.getKey() + ":" + c.getValue())
                .collect(Collectors.joining(","));
    }
}
