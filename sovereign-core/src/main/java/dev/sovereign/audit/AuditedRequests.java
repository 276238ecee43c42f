package dev.sovereign.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins the events of a trail into {@link AuditedRequest}s: each decision with the completion of the same request.
 * Feed it events in store order ({@link AuditStore#scanTime}); a request is emitted when its completion arrives,
 * and the rest (blocked requests, requests still running or cut short) by {@link #finish()}. A completion whose
 * decision was not read is emitted alone, with {@link AuditedRequest#decisionRead()} false.
 *
 * <p>Memory holds only the decisions still waiting for their completion. Not thread-safe.
 */
public final class AuditedRequests implements Consumer<StoredEvent> {
    private final Consumer<AuditedRequest> sink;
    private final Map<String, AuditEvent> pending = new LinkedHashMap<>();
    private long events;
    private long requests;

    public AuditedRequests(Consumer<AuditedRequest> sink) {
        this.sink = sink;
    }

    /** Reads every event in [{@code from}, {@code to}) from {@code store} into {@code sink}. */
    public static void read(AuditStore store, Instant from, Instant to, Consumer<AuditedRequest> sink) {
        AuditedRequests join = new AuditedRequests(sink);
        store.scanTime(from, to, join);
        join.finish();
    }

    @Override
    public void accept(StoredEvent stored) {
        accept(stored.event());
    }

    public void accept(AuditEvent event) {
        events++;
        if (event.type() == AuditEvent.Type.DECISION) {
            AuditEvent earlier = pending.put(event.requestId(), event);
            if (earlier != null) emit(earlier, null);
        } else {
            emit(pending.remove(event.requestId()), event);
        }
    }

    /** Emits the decisions that had no completion. */
    public void finish() {
        for (AuditEvent d : pending.values()) emit(d, null);
        pending.clear();
    }

    /** Events read so far. */
    public long events() {
        return events;
    }

    /** Requests emitted so far. */
    public long requests() {
        return requests;
    }

    private void emit(AuditEvent decision, AuditEvent completion) {
        requests++;
        AuditEvent first = decision != null ? decision : completion;
        AuditEvent.Subject s = first.subject();
        AuditEvent.Route r = decision != null && decision.route() != null
                ? decision.route()
                : completion == null ? null : completion.route();
        AuditEvent.Request q = decision == null ? null : decision.request();
        AuditEvent.Result res = completion == null ? null : completion.result();
        sink.accept(new AuditedRequest(
                first.requestId(),
                first.time(),
                s == null ? null : s.key(),
                s == null ? null : s.team(),
                s == null ? null : s.workload(),
                q != null
                        ? q.api()
                        : completion.request() == null
                                ? null
                                : completion.request().api(),
                q == null ? null : q.model(),
                decision == null ? Map.of() : decision.categoriesOrEmpty(),
                r == null ? null : r.redacted(),
                r == null ? null : r.rule(),
                r == null ? null : r.action(),
                r == null ? null : r.provider(),
                r == null ? null : r.region(),
                r == null ? null : r.jurisdiction(),
                r == null ? null : r.upstreamModel(),
                r == null ? null : r.policyRoute(),
                decision != null,
                completion != null,
                res == null ? null : res.status(),
                res == null ? null : res.inputTokens(),
                res == null ? null : res.outputTokens(),
                res == null ? null : res.costMicroUsd(),
                res == null ? null : res.errorKey()));
    }
}
