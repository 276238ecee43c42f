package dev.sovereign.config;

import java.time.Duration;

/**
 * How the gateway protects a request from one provider's failures, and the provider from the gateway.
 *
 * <p>A retryable failure (connection refused or lost, a timeout before the answer began, HTTP 408, 409, 429 or
 * 5xx, unless the provider says {@code x-should-retry: false}) is retried on the same provider up to {@link
 * #retries} times, after an exponential backoff or the provider's {@code retry-after} when that is no longer than
 * {@link #maxRetryAfter}; then the request falls back to the route's next target. Nothing is retried once the
 * first byte of the answer has reached the client.
 *
 * @param retries attempts after the first on this provider (0, the default: none — the client's SDK retries
 *     itself, with the provider's retry headers relayed; the route's next target still takes over)
 * @param backoff the first backoff; it doubles per attempt, with jitter, up to {@code maxBackoff}
 * @param maxRetryAfter the longest {@code retry-after} the gateway waits out itself; a longer one moves on to the
 *     next target, or reaches the client (whose SDK honours it) when there is none
 * @param maxConcurrent requests in flight to this provider at once (0: no limit); beyond it a request goes to the
 *     next target or is refused with {@code sovereign.provider_busy}
 * @param breaker the circuit breaker over this provider's recent calls
 */
public record Resilience(
        int retries,
        Duration backoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int maxConcurrent,
        Breaker breaker) {

    /**
     * Opens when at least {@code failureRatePercent} of the last {@code window} calls failed (once {@code minCalls}
     * were made); while open for {@code openFor}, calls go straight to the next target; then a few trial calls
     * decide whether it closes again.
     *
     * @param enabled false: the provider is always called
     */
    public record Breaker(boolean enabled, int failureRatePercent, int window, int minCalls, Duration openFor) {
        public static final Breaker DEFAULTS = new Breaker(true, 50, 20, 10, Duration.ofSeconds(30));

        public Breaker {
            if (failureRatePercent < 1 || failureRatePercent > 100) {
                throw new IllegalArgumentException("failure_rate must be a percentage from 1 to 100");
            }
            if (window < 1) throw new IllegalArgumentException("window must be at least 1 call");
            if (minCalls < 1 || minCalls > window) {
                throw new IllegalArgumentException("min_calls must be from 1 to the window (" + window + ")");
            }
            if (openFor == null || openFor.isZero() || openFor.isNegative()) {
                throw new IllegalArgumentException("open_for must be a positive duration");
            }
        }
    }

    public static final Resilience DEFAULTS = new Resilience(
            0, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(10), 0, Breaker.DEFAULTS);

    public Resilience {
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("retries must be from 0 to 10");
        requirePositive(backoff, "backoff");
        requirePositive(maxBackoff, "max_backoff");
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("max_backoff must not be shorter than backoff");
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max_retry_after must be zero or a positive duration");
        }
        if (maxConcurrent < 0) throw new IllegalArgumentException("max_concurrent must be 0 (no limit) or more");
        if (breaker == null) throw new IllegalArgumentException("breaker is required");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
