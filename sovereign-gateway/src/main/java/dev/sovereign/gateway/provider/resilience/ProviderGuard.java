package dev.sovereign.gateway.provider.resilience;

import dev.sovereign.config.Resilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One provider's protections, shared by every event loop: its circuit breaker, its concurrency limit and its retry
 * schedule (resilience4j's {@link CircuitBreaker}, semaphore {@link Bulkhead} and {@link Retry}). Thread-safe; no
 * call blocks.
 *
 * <p>A call first asks {@link #admit()}: the breaker must be closed (or letting a trial call through) and the limit
 * not reached. The returned {@link Permit} is then told how the call ended, exactly once; that feeds the breaker and
 * frees the slot. Retries are planned per request and target by {@link #retries()}.
 */
public final class ProviderGuard {
    private final String providerId;
    private final Resilience settings;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;

    /** Why a call was not let through. */
    public enum Refusal {
        /** The circuit breaker is open: the provider failed too often lately. */
        CIRCUIT_OPEN,
        /** The provider's concurrency limit is reached. */
        BUSY
    }

    public ProviderGuard(String providerId, Resilience settings, Clock clock) {
        this.providerId = providerId;
        this.settings = settings;
        Resilience.Breaker b = settings.breaker();
        this.breaker = b.enabled()
                ? CircuitBreaker.of(
                        providerId,
                        CircuitBreakerConfig.custom()
                                .clock(clock)
                                .slidingWindow(
                                        b.window(), b.minCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .failureRateThreshold(b.failureRatePercent())
                                .waitDurationInOpenState(b.openFor())
                                .permittedNumberOfCallsInHalfOpenState(Math.min(3, b.minCalls()))
                                .build())
                : null;
        this.bulkhead = settings.maxConcurrent() > 0
                ? Bulkhead.of(
                        providerId,
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(settings.maxConcurrent())
                                .maxWaitDuration(Duration.ZERO)
                                .build())
                : null;
        IntervalBiFunction<AttemptFailure> interval =
                (attempt, outcome) -> outcome.isRight() && outcome.get().retryAfter() != null
                        ? outcome.get().retryAfter().toMillis()
                        : backoffMillis(attempt);
        this.retry = Retry.of(
                providerId,
                RetryConfig.<AttemptFailure>custom()
                        .maxAttempts(settings.retries() + 1)
                        .retryOnResult(this::worthRetrying)
                        .retryOnException(e -> false)
                        .intervalBiFunction(interval)
                        .build());
    }

    public String providerId() {
        return providerId;
    }

    /** The breaker's state as metrics report it: {@code closed}, {@code open}, {@code half_open}, {@code disabled}. */
    public String circuitState() {
        return breaker == null ? "disabled" : breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Calls in flight that the concurrency limit counts (0 without a limit). */
    public int inFlight() {
        return bulkhead == null
                ? 0
                : settings.maxConcurrent() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** Lets a call through, or says why not. */
    public Admission admit() {
        if (breaker != null && !breaker.tryAcquirePermission()) return new Admission(null, Refusal.CIRCUIT_OPEN);
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            if (breaker != null) breaker.releasePermission();
            return new Admission(null, Refusal.BUSY);
        }
        return new Admission(new Permit(System.nanoTime()), null);
    }

    /** Plans the retries of one request at this provider: {@code onResult(failure)} gives the delay, or −1. */
    public Retry.AsyncContext<AttemptFailure> retries() {
        return retry.asyncContext();
    }

    private boolean worthRetrying(AttemptFailure failure) {
        if (!failure.retryable()) return false;
        return failure.retryAfter() == null || failure.retryAfter().compareTo(settings.maxRetryAfter()) <= 0;
    }

    /** The backoff before attempt {@code attempt + 1}: doubling from the first, capped, less up to a quarter. */
    private long backoffMillis(int attempt) {
        double base = settings.backoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, settings.maxBackoff().toMillis());
        return (long) (capped * (1 - 0.25 * ThreadLocalRandom.current().nextDouble()));
    }

    /** The outcome of {@link #admit()}: a permit, or the refusal. */
    public record Admission(Permit permit, Refusal refusal) {
        public boolean admitted() {
            return permit != null;
        }
    }

    /** One admitted call; report its end exactly once. */
    public final class Permit {
        private final long startNanos;
        private boolean ended;

        private Permit(long startNanos) {
            this.startNanos = startNanos;
        }

        /** The provider answered (whatever the client's own errors). */
        public void succeeded() {
            end(null);
        }

        /** The call failed; a provider fault counts against the breaker, other failures as answers. */
        public void failed(AttemptFailure failure) {
            end(failure);
        }

        /** The call ended without telling anything about the provider (the client went away). */
        public void abandoned() {
            if (ended) return;
            ended = true;
            if (breaker != null) breaker.releasePermission();
            if (bulkhead != null) bulkhead.onComplete();
        }

        private void end(AttemptFailure failure) {
            if (ended) throw new IllegalStateException("the end of a call to " + providerId + " was reported twice");
            ended = true;
            long nanos = System.nanoTime() - startNanos;
            if (breaker != null) {
                if (failure != null && failure.providerFault()) {
                    breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFault(failure.key()));
                } else {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                }
            }
            if (bulkhead != null) bulkhead.onComplete();
        }
    }

    /** What the breaker records for a failed call: the failure key, no stack. */
    private static final class ProviderFault extends RuntimeException {
        ProviderFault(String key) {
            super(key, null, false, false);
        }
    }
}
