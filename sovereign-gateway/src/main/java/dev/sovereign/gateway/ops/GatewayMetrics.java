package dev.sovereign.gateway.ops;

import dev.sovereign.gateway.provider.AttemptMetrics;
import dev.sovereign.gateway.wire.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics: requests and their latency, upstream statuses, stream durations,
 * time to first token, tokens and estimated spend. Labels carry ids (api, provider, status), never content. Thread-safe.
 */
public final class GatewayMetrics implements AttemptMetrics, dev.sovereign.gateway.limits.LimitMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MeterProvider<Timer> requests;
    private final MeterProvider<Counter> upstreamResponses;
    private final MeterProvider<Timer> streamDuration;
    private final MeterProvider<Timer> timeToFirstToken;
    private final MeterProvider<Counter> tokens;
    private final MeterProvider<Counter> spend;
    private final MeterProvider<Counter> retries;
    private final MeterProvider<Counter> fallbacks;
    private final MeterProvider<Counter> limited;
    private final MeterProvider<Counter> limitStoreFailures;
    private final AtomicInteger inFlight = new AtomicInteger();

    public GatewayMetrics() {
        requests = Timer.builder("sovereign.requests")
                .description("Requests handled by the gateway, by API, operation, provider and status")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .withRegistry(registry);
        upstreamResponses = Counter.builder("sovereign.upstream.responses")
                .description("Answers from upstream providers, by provider and HTTP status")
                .withRegistry(registry);
        streamDuration = Timer.builder("sovereign.stream.duration")
                .description("Duration of streamed answers, by provider")
                .withRegistry(registry);
        timeToFirstToken = Timer.builder("sovereign.time.to.first.token")
                .description("Time from request arrival to the first answer byte relayed, by provider")
                .withRegistry(registry);
        tokens = Counter.builder("sovereign.tokens")
                .description("Tokens reported by upstream providers, by provider and direction")
                .withRegistry(registry);
        spend = Counter.builder("sovereign.estimated.spend")
                .description("Estimated spend at list prices, by provider and price entry (sovereign cost --prices)")
                .baseUnit("usd")
                .withRegistry(registry);
        retries = Counter.builder("sovereign.upstream.retries")
                .description("Attempts repeated on the same provider after a retryable failure, by provider")
                .withRegistry(registry);
        fallbacks = Counter.builder("sovereign.upstream.fallbacks")
                .description("Requests sent on to their route's next target, by the provider left and the one taken")
                .withRegistry(registry);
        limited = Counter.builder("sovereign.limited")
                .description("Requests refused by a usage limit, by whose limit (key, team, workload) and which")
                .withRegistry(registry);
        limitStoreFailures = Counter.builder("sovereign.limit.store.failures")
                .description("Limit checks the store of counters could not answer, by what the request got"
                        + " (through or refused)")
                .withRegistry(registry);
        registry.gauge("sovereign.requests.in.flight", inFlight);
    }

    @Override
    public void limited(String scope, String kind) {
        limited.withTags("scope", scope, "limit", kind).increment();
    }

    @Override
    public void limitStoreFailed(boolean letThrough) {
        limitStoreFailures
                .withTags("outcome", letThrough ? "through" : "refused")
                .increment();
    }

    /** Counts an attempt repeated on {@code provider}. */
    @Override
    public void retried(String provider) {
        retries.withTags("provider", provider).increment();
    }

    /** Counts a request sent on from {@code from} to its route's next target {@code to}. */
    @Override
    public void fellBack(String from, String to) {
        fallbacks.withTags("from", from, "to", to).increment();
    }

    /**
     * Exposes each provider's circuit breaker (1 while open or half-open, letting trial calls through) and the calls
     * its concurrency limit counts.
     */
    public void guards(java.util.Collection<dev.sovereign.gateway.provider.resilience.ProviderGuard> guards) {
        for (var g : guards) {
            io.micrometer.core.instrument.Gauge.builder(
                            "sovereign.provider.circuit.open",
                            g,
                            x -> x.circuitState().equals("closed")
                                            || x.circuitState().equals("disabled")
                                    ? 0
                                    : 1)
                    .description("1 while a provider's circuit breaker is open or half-open")
                    .tag("provider", g.providerId())
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder("sovereign.provider.in.flight", g, x -> x.inFlight())
                    .description("Calls in flight to a provider with a concurrency limit (max_concurrent)")
                    .tag("provider", g.providerId())
                    .register(registry);
        }
    }

    /**
     * Adds a request's estimated cost. Labelled by the price entry that priced it, not the model the client named,
     * so that the label set stays as small as the price table.
     */
    public void spend(String provider, String price, long microUsd) {
        spend.withTags("provider", provider, "price", price).increment(microUsd / 1_000_000.0);
    }

    /** Exposes the count of access-log lines dropped because standard output could not keep up. */
    public void accessLogDropped(java.util.concurrent.atomic.AtomicLong dropped) {
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "sovereign.access.log.dropped", dropped, java.util.concurrent.atomic.AtomicLong::doubleValue)
                .description("Access-log lines dropped because standard output could not keep up")
                .register(registry);
    }

    /** Exposes the audit writer's counters: events committed, refused, dropped; queue length; store health. */
    public void audit(dev.sovereign.gateway.audit.Auditor auditor) {
        dev.sovereign.audit.AuditWriter w = auditor.writer();
        if (w == null) return;
        io.micrometer.core.instrument.FunctionCounter.builder("sovereign.audit.events", w, x -> x.committed())
                .description("Audit events by result: committed, refused (the request failed closed), dropped")
                .tag("result", "committed")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("sovereign.audit.events", w, x -> x.failed())
                .description("Audit events by result: committed, refused (the request failed closed), dropped")
                .tag("result", "refused")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("sovereign.audit.events", w, x -> x.dropped())
                .description("Audit events by result: committed, refused (the request failed closed), dropped")
                .tag("result", "dropped")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("sovereign.audit.commits", w, x -> x.batches())
                .description("Audit store transactions (each commits a group of events)")
                .register(registry);
        Timer durableWait = Timer.builder("sovereign.audit.durable.wait")
                .description("Time a request waits for its decision (or fallback) to be committed before it goes"
                        + " upstream: what durable-before-forward adds to it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        auditor.onDurableWait(nanos -> durableWait.record(nanos, TimeUnit.NANOSECONDS));
        registry.gauge("sovereign.audit.queued", w, x -> x.queued());
        registry.gauge("sovereign.audit.store.up", w, x -> x.healthy() ? 1 : 0);
        dev.sovereign.audit.CheckpointStamper stamper = auditor.stamper();
        if (stamper != null) {
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "sovereign.audit.timestamps", stamper, x -> x.stamped())
                    .description("RFC 3161 tokens received over checkpoints, by outcome")
                    .tag("outcome", "stamped")
                    .register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "sovereign.audit.timestamps", stamper, x -> x.failed())
                    .description("RFC 3161 tokens received over checkpoints, by outcome")
                    .tag("outcome", "failed")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder(
                            "sovereign.audit.timestamp.lag",
                            stamper,
                            x -> x.lag().toMillis() / 1000.0)
                    .description("How long the oldest checkpoint not yet time-stamped has waited")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /** Records a finished request; {@code provider} is "none" when it never reached one. */
    public void finished(String api, String operation, String provider, int status, long startNanos, Outcome outcome) {
        inFlight.decrementAndGet();
        long now = System.nanoTime();
        requests.withTags("api", api, "operation", operation, "provider", provider, "status", Integer.toString(status))
                .record(now - startNanos, TimeUnit.NANOSECONDS);
        if (outcome == null) return;
        if (outcome.errorKey() == null || outcome.errorKey().startsWith("upstream.")) {
            upstreamResponses
                    .withTags("provider", provider, "status", Integer.toString(outcome.status()))
                    .increment();
        }
        if (outcome.streamed())
            streamDuration.withTags("provider", provider).record(now - startNanos, TimeUnit.NANOSECONDS);
        if (outcome.firstByteNanos() > 0) {
            timeToFirstToken
                    .withTags("provider", provider)
                    .record(outcome.firstByteNanos() - startNanos, TimeUnit.NANOSECONDS);
        }
        if (outcome.usage().inputTokens() > 0)
            tokens.withTags("provider", provider, "direction", "input")
                    .increment(outcome.usage().inputTokens());
        if (outcome.usage().outputTokens() > 0)
            tokens.withTags("provider", provider, "direction", "output")
                    .increment(outcome.usage().outputTokens());
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
