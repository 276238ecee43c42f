package dev.sovereign.gateway.provider.resilience;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How one attempt at a provider failed before any byte of the answer reached the client: the HTTP status (0 when
 * no response came: refused, lost or timed out), the failure's stable key, and what the provider said about
 * retrying ({@code x-should-retry}, {@code retry-after-ms}, {@code retry-after}).
 *
 * @param shouldRetry the provider's {@code x-should-retry} verdict, or {@code null} when it gave none
 * @param retryAfter how long the provider asked to wait, or {@code null}
 */
public record AttemptFailure(int status, String key, Boolean shouldRetry, Duration retryAfter) {

    /** A failure without a response: connection refused or lost, timeout before the answer began. */
    public static AttemptFailure transport(String key) {
        return new AttemptFailure(0, key, null, null);
    }

    /** An error response, with the provider's retry advice read from its headers ({@code now} for HTTP dates). */
    public static AttemptFailure response(int status, String key, MultiMap headers, Instant now) {
        String should = headers.get("x-should-retry");
        Boolean shouldRetry =
                should == null ? null : Boolean.valueOf(should.trim().equalsIgnoreCase("true"));
        return new AttemptFailure(
                status, key, shouldRetry, retryAfter(headers, now).orElse(null));
    }

    /**
     * Whether another attempt may succeed: the provider's {@code x-should-retry} when it says, else transport
     * failures and 408, 409, 429 and 5xx — the statuses the official SDKs retry.
     */
    public boolean retryable() {
        if (shouldRetry != null) return shouldRetry;
        return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** Whether the failure says the provider is unwell (counted by its circuit breaker): not the client's errors. */
    public boolean providerFault() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** {@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(MultiMap headers, Instant now) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                double v = Double.parseDouble(ms.trim());
                if (v >= 0 && v < 86_400_000) return Optional.of(Duration.ofMillis((long) v));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String after = headers.get("retry-after");
        if (after == null) return Optional.empty();
        String v = after.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 && seconds < 86_400
                    ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                        .toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
