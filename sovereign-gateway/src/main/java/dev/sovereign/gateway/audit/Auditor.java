package dev.sovereign.gateway.audit;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointStamper;
import dev.sovereign.audit.ContentSealer;
import dev.sovereign.classify.Classification;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.LoopTimer;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.policy.Decision;
import dev.sovereign.policy.ProviderFacts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Audit stage: turns a request's decision and outcome into audit events and hands them to the process's
 * {@link AuditWriter}. A decision to forward is <em>durable</em>: its future completes on the request's event
 * loop once the event is committed, and fails with {@code sovereign.audit_unavailable} when it cannot be, so the
 * pipeline never calls the upstream unaudited. Refusals and completions are committed in the background.
 * Thread-safe; one per process.
 */
public final class Auditor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final AuditWriter writer;
    private final CheckpointStamper stamper;
    private volatile LongConsumer durableWaits = nanos -> {};
    private final AuditStore store;
    private final AuditVerifier verifier;
    private final ContentSealer sealer;
    private final Map<String, Where> providers;
    private final CostEstimator costs;
    private final Clock clock;
    private final ScheduledExecutorService retentionTimer;

    /**
     * Where a provider sends data: the region where a model sent there is processed (a Bedrock {@code global.}
     * profile is not in the provider's region) and the jurisdiction of its profile.
     */
    record Where(ProviderFacts facts) {
        String region(String upstreamModel) {
            return facts.regionFor(upstreamModel);
        }

        String jurisdiction() {
            return facts.jurisdiction();
        }
    }

    Auditor(
            AuditWriter writer,
            CheckpointStamper stamper,
            AuditStore store,
            AuditVerifier verifier,
            ContentSealer sealer,
            Map<String, Where> providers,
            CostEstimator costs,
            Clock clock,
            ScheduledExecutorService retentionTimer) {
        this.writer = writer;
        this.stamper = stamper;
        this.retentionTimer = retentionTimer;
        this.store = store;
        this.verifier = verifier;
        this.sealer = sealer;
        this.providers = Map.copyOf(providers);
        this.costs = costs;
        this.clock = clock;
    }

    /**
     * Opens the store the configuration names (migrating its schema), the signing key (created with its public
     * key when neither exists), and starts this process's chain ({@link AuditOpening}).
     *
     * @throws ConfigException when the store cannot be opened or the keys cannot be read
     */
    public static Auditor open(GatewayConfig config, Map<String, String> env, Clock clock) {
        return AuditOpening.open(config, env, clock);
    }

    public boolean enabled() {
        return writer != null;
    }

    /** Whether the store accepted the last commit (always true when auditing is off). */
    public boolean healthy() {
        return writer == null || writer.healthy();
    }

    public AuditWriter writer() {
        return writer;
    }

    /** The store, for reads (queries run on worker threads). */
    public AuditStore store() {
        return store;
    }

    /** A verifier over the store, the configured public key and the checkpoint files. */
    public AuditVerifier verifier() {
        return verifier;
    }

    /** Prices completions; also the price table and provider profiles for cost reports. */
    public CostEstimator costs() {
        return costs;
    }

    /** Whether prompts are captured (encrypted) in decision events. */
    public boolean capturing() {
        return sealer != null;
    }

    /** The request's categories that {@code d} replaces before forwarding. */
    private static List<String> redacted(Classification classification, Decision d) {
        if (d.redaction() == null || d.action() != Decision.Action.FORWARD) return null;
        List<String> redacted = new ArrayList<>();
        for (String c : classification.categoryCounts().keySet()) {
            if (d.redaction().covers(c)) redacted.add(c);
        }
        return redacted;
    }

    /** The jurisdiction of a provider's profile, or {@code unknown}. */
    public String jurisdiction(String providerId) {
        Where w = providers.get(providerId);
        return w == null ? Jurisdiction.UNKNOWN : w.jurisdiction();
    }

    /**
     * Records the decision about {@code request}, made by the policy whose digest is {@code policyDigest}. For a
     * forward the returned future completes, on {@code context}, once the event is committed, or fails with {@link
     * FailureKind#AUDIT_UNAVAILABLE}; otherwise it is already complete.
     */
    public Future<Void> decision(
            Context context,
            Trip trip,
            InboundRequest request,
            Classification classification,
            Decision d,
            List<AuditEvent.GuaranteeCheck> guarantees,
            String policyDigest,
            WireFormat translatedTo) {
        if (writer == null) return Future.succeededFuture();
        boolean forward = d.action() == Decision.Action.FORWARD;
        AuditEvent event = new AuditEvent(
                AuditEvent.Type.DECISION,
                now(),
                trip.requestId(),
                subject(trip),
                request(request),
                classification.categoryCounts(),
                null,
                route(d, redacted(classification, d), translatedTo == null ? null : translatedTo.id(), policyDigest),
                guarantees,
                null,
                sealer == null ? null : sealer.seal(request.raw().toString(StandardCharsets.UTF_8), trip.requestId()));
        if (!forward) {
            writer.append(event, false);
            return Future.succeededFuture();
        }
        return durable(context, event);
    }

    /**
     * Records that the request goes next to {@code target} (the route's next target) because the previous attempt
     * failed before answering ({@code failedStatus}, 0 when no response came, and {@code failedKey}). Like a decision
     * to forward, it is committed before the request leaves: the returned future fails with {@link
     * FailureKind#AUDIT_UNAVAILABLE} when it cannot be.
     */
    public Future<Void> fallback(
            Context context, Trip trip, Classification classification, int failedStatus, String failedKey) {
        if (writer == null) return Future.succeededFuture();
        Decision target = trip.decision();
        AuditEvent event = new AuditEvent(
                AuditEvent.Type.FALLBACK,
                now(),
                trip.requestId(),
                subject(trip),
                null,
                null,
                null,
                route(target, redacted(classification, target), trip.upstreamApi(), null),
                null,
                new AuditEvent.Result(failedStatus, null, null, null, null, null, failedKey, null),
                null);
        return durable(context, event);
    }

    /**
     * Records that {@code request}, which the policy decided as {@code d}, was refused by a usage limit before it left
     * ({@code failure}: 429 or 503 and its key). The request's only event; written in the background.
     */
    public void limited(
            Trip trip,
            InboundRequest request,
            Classification classification,
            Decision d,
            int status,
            String failureKey) {
        if (writer == null) return;
        writer.append(
                new AuditEvent(
                        AuditEvent.Type.LIMITED,
                        now(),
                        trip.requestId(),
                        subject(trip),
                        request(request),
                        classification.categoryCounts(),
                        null,
                        route(d, null, null, null),
                        null,
                        new AuditEvent.Result(status, null, null, null, null, null, failureKey, null),
                        null),
                false);
    }

    private static AuditEvent.Request request(InboundRequest request) {
        return new AuditEvent.Request(
                request.api().id(), request.operation().id(), request.model(), request.stream(), (long)
                        request.raw().length());
    }

    /** The route of decision {@code d}: where its provider processes its model, under which jurisdiction. */
    private AuditEvent.Route route(Decision d, List<String> redacted, String upstreamApi, String policyDigest) {
        Where where = d.providerId() == null ? null : providers.get(d.providerId());
        return new AuditEvent.Route(
                d.ruleId(),
                d.actionId(),
                d.providerId(),
                where == null ? null : where.region(d.upstreamModel()),
                where == null ? null : where.jurisdiction(),
                d.upstreamModel(),
                d.route(),
                redacted,
                upstreamApi,
                policyDigest);
    }

    /** Sets what is told, in nanoseconds, how long each request waited for its durable event to be committed. */
    public void onDurableWait(LongConsumer listener) {
        this.durableWaits = Objects.requireNonNull(listener);
    }

    /** Appends {@code event} durably: the future completes on {@code context} once it is committed. */
    private Future<Void> durable(Context context, AuditEvent event) {
        long started = System.nanoTime();
        Promise<Void> committed = Promise.promise();
        // A store that hangs must not hold the request: past the stall limit it fails closed like one that refuses.
        // The limit is a timer of the request's event loop, not CompletableFuture.orTimeout, whose scheduler (the
        // common ForkJoinPool's, on JDK 25) cost each request about 13 µs of CPU on its own threads.
        LoopTimer timer = LoopTimer.start(
                context,
                AuditWriter.STALLED.toMillis(),
                () -> committed.tryFail(new AuditStoreException("audit store not answering", null)));
        writer.append(event, true)
                .whenComplete((receipt, failure) -> context.runOnContext(v -> {
                    timer.cancel();
                    if (failure == null) committed.tryComplete();
                    else committed.tryFail(failure);
                }));
        return committed.future().transform(ar -> {
            // Measured back on the request's event loop: the commit and the hop back to the request.
            durableWaits.accept(System.nanoTime() - started);
            return ar.succeeded()
                    ? Future.succeededFuture()
                    : Future.failedFuture(new GatewayFailure(
                            FailureKind.AUDIT_UNAVAILABLE,
                            "The audit trail cannot record this request, so it was not forwarded; retry shortly."));
        });
    }

    /**
     * Records how an audited request ended (in the background), with its estimated cost when the upstream reported
     * usage and the price table prices the model.
     *
     * @return the estimate, also when auditing is off, or {@code null}
     */
    public CostEstimator.Estimate completion(Trip trip, String operation, Outcome outcome, long nowNanos) {
        Decision d = trip.decision();
        CostEstimator.Estimate cost = d == null
                ? null
                : costs.estimate(
                        d.providerId(),
                        d.upstreamModel(),
                        outcome.usage(),
                        LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC));
        if (writer == null || !trip.audited()) return cost;
        Where where = d == null || d.providerId() == null ? null : providers.get(d.providerId());
        long ttft = outcome.firstByteNanos() > 0 ? (outcome.firstByteNanos() - trip.startNanos()) / 1_000_000 : -1;
        AuditEvent event = new AuditEvent(
                AuditEvent.Type.COMPLETION,
                now(),
                trip.requestId(),
                subject(trip),
                new AuditEvent.Request(trip.api().id(), operation, null, null, null),
                null,
                null,
                d == null
                        ? null
                        : new AuditEvent.Route(
                                d.ruleId(),
                                d.actionId(),
                                d.providerId(),
                                where == null ? null : where.region(d.upstreamModel()),
                                where == null ? null : where.jurisdiction(),
                                d.upstreamModel(),
                                null,
                                null,
                                trip.upstreamApi()),
                null,
                new AuditEvent.Result(
                        outcome.status(),
                        (nowNanos - trip.startNanos()) / 1_000_000,
                        ttft >= 0 ? ttft : null,
                        outcome.usage().inputTokens() >= 0 ? outcome.usage().inputTokens() : null,
                        outcome.usage().outputTokens() >= 0 ? outcome.usage().outputTokens() : null,
                        cost == null ? null : cost.microUsd(),
                        outcome.errorKey(),
                        outcome.cancelled() ? Boolean.TRUE : null),
                null);
        writer.append(event, false);
        return cost;
    }

    private static AuditEvent.Subject subject(Trip trip) {
        var p = trip.principal();
        return p == null ? null : new AuditEvent.Subject(p.keyId(), p.team(), p.workload());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Commits what is queued and writes the stop checkpoint; then closes the store. */
    @Override
    public void close() {
        if (writer == null) return;
        if (retentionTimer != null) retentionTimer.shutdownNow();
        writer.close(Duration.ofSeconds(30));
        if (stamper != null) stamper.close(Duration.ofSeconds(30));
        store.close();
    }

    /** What anchors this process's checkpoints outside it, or {@code null} when no authority is configured. */
    public CheckpointStamper stamper() {
        return stamper;
    }

    /** The events still waiting for the store. */
    public int queued() {
        return writer == null ? 0 : writer.queued();
    }
}
