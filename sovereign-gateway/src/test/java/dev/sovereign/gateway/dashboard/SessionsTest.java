package dev.sovereign.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.wire.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    static final Principal DPO = new Principal("dpo", "privacy", "audit", true);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final Sessions sessions = new Sessions(clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(12), 3);

    @Test
    void aSessionIsFoundByItsIdWithItsPrincipalAndCsrfToken() {
        Session s = sessions.open(DPO);
        assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(s.csrfToken()).hasSize(43).isNotEqualTo(s.id());
        assertThat(s.expires()).isEqualTo(Instant.parse("2026-11-26T22:00:00Z"));
        Session found = sessions.find(s.id()).orElseThrow();
        assertThat(found.principal()).isEqualTo(DPO);
        assertThat(found.csrfToken()).isEqualTo(s.csrfToken());
        assertThat(sessions.find("not-a-session")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("x".repeat(500))).isEmpty();
        assertThat(s.toString())
                .doesNotContain(s.id())
                .doesNotContain(s.csrfToken())
                .contains("dpo");
    }

    @Test
    void idsAndTokensAreNeverRepeated() {
        Set<String> seen = new HashSet<>();
        Sessions many = new Sessions(clock, new SecureRandom(), Duration.ofMinutes(30), Duration.ofHours(12), 10_000);
        for (int i = 0; i < 2000; i++) {
            Session s = many.open(DPO);
            assertThat(seen.add(s.id())).isTrue();
            assertThat(seen.add(s.csrfToken())).isTrue();
        }
    }

    @Test
    void aSessionEndsAfterItsIdleTimeoutUnlessUsed() {
        Session s = sessions.open(DPO);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).as("used 29 minutes ago").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.size()).as("forgotten once found expired").isZero();
    }

    @Test
    void aSessionEndsAfterItsLifetimeHoweverBusy() {
        Session s = sessions.open(DPO);
        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.find(s.id()))
                    .as("after %d minutes", 15 * (i + 1))
                    .isPresent();
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.find(s.id())).as("after 12 hours").isEmpty();
    }

    @Test
    void signingOutEndsASession() {
        Session s = sessions.open(DPO);
        sessions.end(s.id());
        assertThat(sessions.find(s.id())).isEmpty();
        sessions.end("unknown");
        sessions.end(null);
    }

    @Test
    void atCapacityTheExpiredGoFirstThenTheLongestIdle() {
        Session a = sessions.open(DPO);
        clock.advance(Duration.ofMinutes(1));
        Session b = sessions.open(DPO);
        clock.advance(Duration.ofMinutes(1));
        Session c = sessions.open(DPO);
        clock.advance(Duration.ofMinutes(1));
        sessions.find(a.id());
        Session d = sessions.open(DPO);
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(b.id())).as("idle the longest").isEmpty();
        assertThat(sessions.find(a.id())).isPresent();
        assertThat(sessions.find(c.id())).isPresent();
        assertThat(sessions.find(d.id())).isPresent();
        clock.advance(Duration.ofMinutes(31));
        Session e = sessions.open(DPO);
        assertThat(sessions.size()).as("the expired ones were dropped").isEqualTo(1);
        assertThat(sessions.find(e.id())).isPresent();
    }

    @Test
    void csrfTokensAreComparedExactly() {
        Session s = sessions.open(DPO);
        assertThat(Sessions.csrfMatches(s, s.csrfToken())).isTrue();
        assertThat(Sessions.csrfMatches(s, s.csrfToken() + "x")).isFalse();
        assertThat(Sessions.csrfMatches(s, "")).isFalse();
        assertThat(Sessions.csrfMatches(s, null)).isFalse();
        assertThat(Sessions.csrfMatches(s, s.id())).isFalse();
    }
}
