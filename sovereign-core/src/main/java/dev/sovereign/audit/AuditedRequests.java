package dev.sovereign.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins the events of a trail into {@link AuditedRequest}s: each decision with the fallbacks and the completion of
 * the same request (the request's target is the last one it went to; the ones before are its earlier targets).
 * Feed it events in store order ({@link AuditStore#scanTime}); a request is emitted when its completion arrives,
 * and the rest (blocked requests, requests still running or cut short) by {@link #finish()}. A completion whose
 * decision was not read is emitted alone, with {@link AuditedRequest#decisionRead()} false.
 *
 * <p>Memory holds only the decisions still waiting for their completion. Not thread-safe.
 */
public final class AuditedRequests implements Consumer<StoredEvent> {
    private final Consumer<AuditedRequest> sink;
    private final Map<String, AuditEvent> pending = new LinkedHashMap<>();
    private final Map<String, List<AuditEvent>> fallbacks = new HashMap<>();
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
        switch (event.type()) {
            case DECISION -> {
                AuditEvent earlier = pending.put(event.requestId(), event);
                if (earlier != null) emit(earlier, null);
            }
            case FALLBACK -> {
                if (pending.containsKey(event.requestId())) {
                    fallbacks
                            .computeIfAbsent(event.requestId(), id -> new ArrayList<>())
                            .add(event);
                }
            }
            case COMPLETION -> emit(pending.remove(event.requestId()), event);
        }
    }

    /** Emits the decisions that had no completion. */
    public void finish() {
        for (AuditEvent d : List.copyOf(pending.values())) emit(d, null);
        pending.clear();
        fallbacks.clear();
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
        AuditEvent.Route decided = decision != null && decision.route() != null
                ? decision.route()
                : completion == null ? null : completion.route();
        List<AuditEvent> fell = fallbacks.remove(first.requestId());
        List<AuditEvent.Route> earlier = new ArrayList<>();
        AuditEvent.Route target = decided;
        if (fell != null) {
            for (AuditEvent f : fell) {
                if (f.route() == null) continue;
                if (target != null) earlier.add(target);
                target = f.route();
            }
        }
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
                decided == null ? null : decided.redacted(),
                decided == null ? null : decided.rule(),
                decided == null ? null : decided.action(),
                target == null ? null : target.provider(),
                target == null ? null : target.region(),
                target == null ? null : target.jurisdiction(),
                target == null ? null : target.upstreamModel(),
                decided == null ? null : decided.policyRoute(),
                decision != null,
                completion != null,
                res == null ? null : res.status(),
                res == null ? null : res.inputTokens(),
                res == null ? null : res.outputTokens(),
                res == null ? null : res.costMicroUsd(),
                res == null ? null : res.errorKey(),
                earlier));
    }
}
