package dev.sovereign.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final SignInThrottle throttle = new SignInThrottle(clock, 3, Duration.ofMinutes(5));

    @Test
    void anAddressIsRefusedAfterTooManyFailuresUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusal("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofMinutes(2));
        assertThat(throttle.refusal("10.0.0.2")).as("other addresses").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.refusal("10.0.0.1")).isEmpty();
        throttle.failed("10.0.0.1");
        assertThat(throttle.refusal("10.0.0.1")).as("a new window").isEmpty();
    }

    @Test
    void aSuccessClearsTheAddress() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.refusal("10.0.0.1")).isEmpty();
    }
}
