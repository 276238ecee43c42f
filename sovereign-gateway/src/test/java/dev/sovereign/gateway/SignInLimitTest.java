package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.dashboard.SignInThrottle;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing admin keys through the sign-in form is slowed down to a few tries per address and window. */
class SignInLimitTest {
    @Test
    void tooManyWrongKeysFromOneAddressAreRefusedForAWhile() {
        try (GatewayFixture fixture = GatewayFixture.start(Map.of(
                "sovereign.yaml",
                "keys:\n  - {id: dpo, sha256: " + KeyAuthenticator.sha256(DashboardHttpTest.ADMIN_KEY)
                        + ", team: privacy, workload: audit, admin: true}\n"))) {
            DashboardClient client = new DashboardClient(fixture.baseUrl());
            for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
                assertThat(client.signIn("sk-guess-" + i).status()).isEqualTo(401);
            }
            Http.Response refused = client.signIn(DashboardHttpTest.ADMIN_KEY);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("retry-after")).matches("[1-9][0-9]*");
            assertThat(refused.body()).contains("Too many failed sign-ins from this address");
            assertThat(refused.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("sovereign_session="));
        }
    }
}
