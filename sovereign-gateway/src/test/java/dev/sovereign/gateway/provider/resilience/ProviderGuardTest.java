package dev.sovereign.gateway.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.Resilience;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProviderGuardTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Resilience settings(int retries, int maxConcurrent, Resilience.Breaker breaker) {
        return new Resilience(
                retries, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5), maxConcurrent, breaker);
    }

    static AttemptFailure status(int status, String... headers) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) h.add(headers[i], headers[i + 1]);
        return AttemptFailure.response(status, "upstream." + status, h, NOW);
    }

    @Test
    void retriesFollowTheProvidersAdviceThenBackOffExponentiallyAndStopAtTheLimit() {
        ProviderGuard guard = new ProviderGuard("p", settings(3, 0, Resilience.Breaker.DEFAULTS), Clock.systemUTC());
        var plan = guard.retries();
        assertThat(plan.onResult(status(429, "retry-after", "2"))).isEqualTo(2000);
        assertThat(plan.onResult(status(529, "retry-after-ms", "150"))).isEqualTo(150);
        // third retry: no advice, backoff 100 ms doubled twice = 400 ms, less up to a quarter
        assertThat(plan.onResult(status(500))).isBetween(300L, 400L);
        assertThat(plan.onResult(status(500))).as("three retries were allowed").isEqualTo(-1);

        var backoff = guard.retries();
        assertThat(backoff.onResult(AttemptFailure.transport("upstream_unreachable")))
                .isBetween(75L, 100L);
        assertThat(backoff.onResult(AttemptFailure.transport("upstream_unreachable")))
                .isBetween(150L, 200L);
    }

    @Test
    void noRetryWhenTheProviderSaysNoTheClientErredOrTheWaitIsLongerThanAllowed() {
        ProviderGuard guard = new ProviderGuard("p", settings(3, 0, Resilience.Breaker.DEFAULTS), Clock.systemUTC());
        assertThat(guard.retries().onResult(status(529, "x-should-retry", "false")))
                .isEqualTo(-1);
        assertThat(guard.retries().onResult(status(400))).isEqualTo(-1);
        assertThat(guard.retries().onResult(status(400, "x-should-retry", "true")))
                .isGreaterThan(0);
        assertThat(guard.retries().onResult(status(429, "retry-after", "30"))).isEqualTo(-1);
        assertThat(guard.retries().onResult(status(503, "retry-after", "Thu, 26 Nov 2026 12:00:03 GMT")))
                .isEqualTo(3000);
    }

    @Test
    void theBreakerOpensOnProviderFaultsIgnoresClientErrorsAndLetsATrialThroughAfterItsWait() {
        MovingClock clock = new MovingClock();
        ProviderGuard guard = new ProviderGuard(
                "p", settings(0, 0, new Resilience.Breaker(true, 50, 4, 4, Duration.ofSeconds(30))), clock);
        for (int i = 0; i < 4; i++) guard.admit().permit().failed(status(400));
        assertThat(guard.circuitState()).isEqualTo("closed");
        guard.admit().permit().failed(status(529));
        guard.admit().permit().failed(AttemptFailure.transport("upstream_timeout"));
        assertThat(guard.circuitState()).as("2 of the last 4 calls failed").isEqualTo("open");
        assertThat(guard.admit().refusal()).isEqualTo(ProviderGuard.Refusal.CIRCUIT_OPEN);

        clock.now = NOW.plusSeconds(31);
        ProviderGuard.Admission trial = guard.admit();
        assertThat(trial.admitted()).isTrue();
        assertThat(guard.circuitState()).isEqualTo("half_open");
        trial.permit().succeeded();
        guard.admit().permit().succeeded();
        guard.admit().permit().succeeded();
        assertThat(guard.circuitState()).isEqualTo("closed");
    }

    @Test
    void theConcurrencyLimitRefusesTheCallBeyondItUntilASlotIsFree() {
        ProviderGuard guard = new ProviderGuard("p", settings(0, 2, Resilience.Breaker.DEFAULTS), Clock.systemUTC());
        var a = guard.admit();
        var b = guard.admit();
        assertThat(guard.inFlight()).isEqualTo(2);
        assertThat(guard.admit().refusal()).isEqualTo(ProviderGuard.Refusal.BUSY);
        a.permit().succeeded();
        assertThat(guard.admit().admitted()).isTrue();
        b.permit().abandoned();
        assertThatThrownBy(() -> a.permit().succeeded())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reported twice");
    }
}
