package dev.sovereign.gateway.limits;

import dev.sovereign.config.ClientKey;
import dev.sovereign.config.RedisSettings;
import dev.sovereign.config.UsageLimits;
import dev.sovereign.config.UsageLimitsConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.audit.CostEstimator;
import dev.sovereign.gateway.wire.Allowance;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Principal;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.gateway.wire.Usage;
import dev.sovereign.limits.LimitPlan;
import dev.sovereign.limits.LimitStore;
import dev.sovereign.policy.Decision;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Limit stage: a forwarded request takes its share of the usage limits of its key, its team and its workload
 * (requests and tokens per minute, tokens per day, spend per day and month, requests at once) from the {@link
 * LimitStore}, all at once or not at all, before its decision is recorded and it leaves. Tokens and spend are taken
 * as estimated from the body (about four bytes a token, priced as input) and settled at completion from the usage
 * the provider reported, streams included. Over a limit, the client gets 429 in its API's format with {@code
 * retry-after} and the rate-limit headers its SDK reads; when the store cannot be asked, {@link
 * RedisSettings.OnFailure} says whether the request goes on. Shared by every event loop; thread-safe.
 */
public final class RequestLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
    private static final long LOG_EVERY_MS = 10_000;

    private final LimitStore store;
    private final Map<String, UsageLimits> keys;
    private final UsageLimitsConfig config;
    private final RedisSettings.OnFailure onFailure;
    private final CostEstimator costs;
    private final Clock clock;
    private final LimitMetrics metrics;
    private final boolean any;
    private final AtomicLong lastFailureLog = new AtomicLong();

    public RequestLimits(
            LimitStore store,
            List<ClientKey> clientKeys,
            UsageLimitsConfig config,
            CostEstimator costs,
            Clock clock,
            LimitMetrics metrics) {
        this.store = store;
        Map<String, UsageLimits> byKey = new HashMap<>();
        for (ClientKey k : clientKeys) if (k.limits().any()) byKey.put(k.id(), k.limits());
        this.keys = Map.copyOf(byKey);
        this.config = config;
        this.onFailure = config.redis().map(RedisSettings::onFailure).orElse(RedisSettings.OnFailure.DEFAULT);
        this.costs = costs;
        this.clock = clock;
        this.metrics = metrics;
        this.any = !keys.isEmpty()
                || !config.teams().isEmpty()
                || !config.workloads().isEmpty();
    }

    /** Whether any key, team or workload has a limit. */
    public boolean any() {
        return any;
    }

    public LimitStore store() {
        return store;
    }

    /**
     * Takes the request's share of its limits. The future completes on {@code context}: with what the request holds
     * (nothing when it is not forwarded or nothing limits it), or fails with a {@link GatewayFailure} ({@link
     * FailureKind#RATE_LIMITED}, {@link FailureKind#BUDGET_EXCEEDED} or {@link FailureKind#LIMITS_UNAVAILABLE}).
     */
    public Future<Allowance> admit(Context context, Trip trip, InboundRequest request, Decision decision) {
        if (!any || decision.action() != Decision.Action.FORWARD || trip.principal() == null) {
            return Future.succeededFuture(Allowance.NONE);
        }
        List<LimitPlan.Holder> holders = holders(trip.principal());
        if (holders.isEmpty()) return Future.succeededFuture(Allowance.NONE);
        Instant now = clock.instant();
        long tokens = (request.raw().length() + 3L) / 4;
        CostEstimator.Estimate cost = costs.estimate(
                decision.providerId(),
                decision.upstreamModel(),
                new Usage(tokens, 0, -1, -1),
                LocalDate.ofInstant(now, ZoneOffset.UTC));
        LimitPlan plan = LimitPlan.of(holders, now, tokens, cost == null ? 0 : cost.microUsd(), trip.requestId());
        Promise<Allowance> admitted = Promise.promise();
        store.acquire(plan.counters(), plan.slots())
                .whenComplete((admission, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        unavailable(plan, failure, admitted);
                    } else if (admission.admitted()) {
                        admitted.complete(allowance(plan));
                    } else {
                        LimitPlan.Check refused = plan.checks().get(admission.refused());
                        metrics.limited(refused.scope(), refused.kind().setting());
                        admitted.fail(
                                refusal(trip.api(), refused, admission.counts().get(admission.refused()), now));
                    }
                }));
        return admitted.future();
    }

    /** What one key, team or workload has used of its limits at one moment: each kind's count in its window. */
    public record Use(String scope, String id, UsageLimits limits, Map<LimitPlan.Kind, Long> used) {}

    /** Each configured holder's use of its limits at {@code now}, keys first, then teams, then workloads. */
    public java.util.concurrent.CompletionStage<List<Use>> use(Instant now) {
        List<LimitPlan.Holder> all = new ArrayList<>();
        keys.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.add(new LimitPlan.Holder("key", e.getKey(), e.getValue())));
        config.teams().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.add(new LimitPlan.Holder("team", e.getKey(), e.getValue())));
        config.workloads().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.add(new LimitPlan.Holder("workload", e.getKey(), e.getValue())));
        List<String> counterKeys = new ArrayList<>();
        List<String> slotKeys = new ArrayList<>();
        for (LimitPlan.Holder h : all) {
            for (LimitPlan.Kind kind : LimitPlan.Kind.values()) {
                if (kind.of(h.limits()) == UsageLimits.NONE) continue;
                if (kind == LimitPlan.Kind.CONCURRENT) slotKeys.add(LimitPlan.slotKey(h.scope(), h.id()));
                else counterKeys.add(LimitPlan.counterKey(h.scope(), h.id(), kind, now));
            }
        }
        return store.read(counterKeys, slotKeys).thenApply(values -> {
            List<Use> out = new ArrayList<>(all.size());
            int counter = 0;
            int slot = counterKeys.size();
            for (LimitPlan.Holder h : all) {
                Map<LimitPlan.Kind, Long> used = new java.util.EnumMap<>(LimitPlan.Kind.class);
                for (LimitPlan.Kind kind : LimitPlan.Kind.values()) {
                    if (kind.of(h.limits()) == UsageLimits.NONE) continue;
                    used.put(kind, values.get(kind == LimitPlan.Kind.CONCURRENT ? slot++ : counter++));
                }
                out.add(new Use(h.scope(), h.id(), h.limits(), used));
            }
            return out;
        });
    }

    /** What a request does when the store cannot be asked. */
    public RedisSettings.OnFailure onFailure() {
        return onFailure;
    }

    private List<LimitPlan.Holder> holders(Principal p) {
        List<LimitPlan.Holder> out = new ArrayList<>(3);
        UsageLimits key = keys.get(p.keyId());
        if (key != null) out.add(new LimitPlan.Holder("key", p.keyId(), key));
        UsageLimits team = config.team(p.team());
        if (team.any()) out.add(new LimitPlan.Holder("team", p.team(), team));
        UsageLimits workload = config.workload(p.workload());
        if (workload.any()) out.add(new LimitPlan.Holder("workload", p.workload(), workload));
        return out;
    }

    private Allowance allowance(LimitPlan plan) {
        return (tokens, microUsd, refund) -> store.settle(plan.settlement(tokens, microUsd, refund), plan.slots())
                .whenComplete((v, failure) -> {
                    if (failure != null) logFailure("settling a request's usage", failure);
                });
    }

    private void unavailable(LimitPlan plan, Throwable failure, Promise<Allowance> admitted) {
        boolean letThrough = onFailure.letsThrough(plan.hasBudget());
        metrics.limitStoreFailed(letThrough);
        logFailure(letThrough ? "a limit check (requests go on)" : "a limit check (requests are refused)", failure);
        if (letThrough) {
            admitted.complete(Allowance.NONE);
        } else {
            admitted.fail(new GatewayFailure(
                    FailureKind.LIMITS_UNAVAILABLE,
                    "The gateway cannot check this request's usage limits right now; retry shortly.",
                    Map.of("retry-after", "1"),
                    null));
        }
    }

    private void logFailure(String what, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last < LOG_EVERY_MS || !lastFailureLog.compareAndSet(last, now)) return;
        LOG.warn(
                "the {} store of usage limits failed {}: {}",
                store.kind(),
                what,
                failure.getClass().getSimpleName());
    }

    /** The 429 of {@code check}, which the request would have taken over {@code limit} ({@code count} taken). */
    static GatewayFailure refusal(WireFormat api, LimitPlan.Check check, long count, Instant now) {
        long resetSeconds = check.resetsAt() == null
                ? 1
                : Math.max(1, (Duration.between(now, check.resetsAt()).toMillis() + 999) / 1000);
        long remaining = Math.max(0, check.limit() - count);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("retry-after", Long.toString(resetSeconds));
        headers.put(
                "x-sovereign-limit",
                check.scope() + ":" + check.id() + ":" + check.kind().setting());
        // a budget of the day or month will not come back within an SDK's retries: tell it not to try
        headers.put("x-should-retry", Boolean.toString(!check.kind().budget()));
        String family = check.kind() == LimitPlan.Kind.REQUESTS_PER_MINUTE
                ? "requests"
                : check.kind().tokens() ? "tokens" : null;
        if (family != null) {
            if (api == WireFormat.OPENAI) {
                headers.put("x-ratelimit-limit-" + family, Long.toString(check.limit()));
                headers.put("x-ratelimit-remaining-" + family, Long.toString(remaining));
                headers.put("x-ratelimit-reset-" + family, resetSeconds + "s");
            } else {
                headers.put("anthropic-ratelimit-" + family + "-limit", Long.toString(check.limit()));
                headers.put("anthropic-ratelimit-" + family + "-remaining", Long.toString(remaining));
                headers.put(
                        "anthropic-ratelimit-" + family + "-reset",
                        check.resetsAt().toString());
            }
        }
        String when = check.resetsAt() == null
                ? "when one of its requests in flight ends"
                : "at " + check.resetsAt() + " (in " + resetSeconds + " s)";
        return new GatewayFailure(
                check.kind().budget() ? FailureKind.BUDGET_EXCEEDED : FailureKind.RATE_LIMITED,
                "The " + check.describe() + "; it resets " + when + ".",
                headers,
                null);
    }
}
