package dev.sovereign.config;

import static dev.sovereign.config.SettingValues.duration;

import dev.sovereign.config.internal.ConfigFiles;
import java.time.Duration;

/**
 * Reads the blocks of a provider entry that shape how calls to it behave, each over its defaults: {@code timeouts},
 * {@code resilience} (retries, backoff, concurrency, circuit breaker) and {@code translation}. Stateless.
 */
final class ProviderCallSettings {
    private ProviderCallSettings() {}

    /** @param file the {@code file:line} of the {@code timeouts} block */
    static Timeouts timeouts(String file, String at, ConfigFiles.TimeoutsDto dto) {
        Timeouts t = Timeouts.DEFAULTS;
        if (dto == null) return t;
        return new Timeouts(
                dto.connect() == null ? t.connect() : duration(file, at + ".timeouts.connect", dto.connect()),
                dto.firstByte() == null ? t.firstByte() : duration(file, at + ".timeouts.first_byte", dto.firstByte()),
                dto.idle() == null ? t.idle() : duration(file, at + ".timeouts.idle", dto.idle()));
    }

    /** A provider's {@code resilience} block over the defaults; {@code 0s} for {@code max_retry_after} never waits. */
    static Resilience resilience(String f, String at, ConfigFiles.ResilienceDto r) {
        Resilience d = Resilience.DEFAULTS;
        if (r == null) return d;
        Resilience.Breaker breaker = breaker(f, at, r.circuitBreaker(), d.breaker());
        Duration backoff = r.backoff() == null ? d.backoff() : duration(f, at + ".backoff", r.backoff());
        Duration maxBackoff = r.maxBackoff() == null
                ? (backoff.compareTo(d.maxBackoff()) > 0 ? backoff : d.maxBackoff())
                : duration(f, at + ".max_backoff", r.maxBackoff());
        try {
            return new Resilience(
                    r.retries() == null ? d.retries() : r.retries(),
                    backoff,
                    maxBackoff,
                    r.maxRetryAfter() == null
                            ? d.maxRetryAfter()
                            : duration(f, at + ".max_retry_after", r.maxRetryAfter()),
                    r.maxConcurrent() == null ? d.maxConcurrent() : r.maxConcurrent(),
                    breaker);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(f, at, e.getMessage());
        }
    }

    private static Resilience.Breaker breaker(String f, String at, ConfigFiles.BreakerDto b, Resilience.Breaker d) {
        if (b == null) return d;
        int window = b.window() == null ? d.window() : b.window();
        try {
            return new Resilience.Breaker(
                    b.enabled() == null ? d.enabled() : b.enabled(),
                    b.failureRate() == null ? d.failureRatePercent() : b.failureRate(),
                    window,
                    b.minCalls() == null ? Math.min(d.minCalls(), window) : b.minCalls(),
                    b.openFor() == null ? d.openFor() : duration(f, at + ".circuit_breaker.open_for", b.openFor()));
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(f, at + ".circuit_breaker", e.getMessage());
        }
    }

    static TranslationOptions translation(String file, String at, ConfigFiles.TranslationDto dto) {
        if (dto == null) return TranslationOptions.DEFAULTS;
        int maxTokens = dto.defaultMaxTokens() == null ? TranslationOptions.DEFAULT_MAX_TOKENS : dto.defaultMaxTokens();
        if (maxTokens < 1) throw ConfigException.at(file, at + ".default_max_tokens", "must be at least 1");
        return new TranslationOptions(Boolean.TRUE.equals(dto.dropUnsupported()), maxTokens);
    }
}
