package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.LocalTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway configured with an RFC 3161 time-stamping authority (a real one on loopback): its checkpoints are
 * time-stamped while requests flow, verification over the admin API counts the events the tokens cover, the
 * status and the metrics show the authority's state, and an authority that fails holds up no request.
 */
class AuditTimeStampGatewayTest {

    private static Http.Response chat(GatewayFixture fx, int i) {
        return Http.send(
                Http.post(fx.openAiBaseUrl() + "/chat/completions", Http.openAiBody("gpt-4o-mini", "hi " + i, false))
                        .build());
    }

    private static JsonNode admin(GatewayFixture fx, String path) {
        Http.Response r = Http.send(Http.get(fx.baseUrl() + path).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void checkpointsAreTimeStampedWhileRequestsFlowAndAFailingAuthorityHoldsNothingUp() throws Exception {
        try (LocalTsa tsa = LocalTsa.start("Gateway")) {
            Path trust = tsa.writeTrust(Files.createTempDirectory("tsa").resolve("tsa.pem"));
            String yaml = "audit:\n  timestamp:\n    url: \"" + tsa.url() + "\"\n    trust: \"" + trust
                    + "\"\n    every: 1s\n    timeout: 2s\n";
            try (GatewayFixture fx = GatewayFixture.start(Map.of("sovereign.yaml", yaml))) {
                for (int i = 0; i < 4; i++) assertThat(chat(fx, i).status()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode report = admin(fx, "/admin/audit/verify");
                    assertThat(report.path("time_stamps_checked").asBoolean()).isTrue();
                    JsonNode chain = report.path("chains").get(0);
                    assertThat(chain.path("events").asLong()).isEqualTo(8);
                    assertThat(chain.path("time_stamped").asLong()).isEqualTo(8);
                    assertThat(chain.path("last_time_stamp").asText()).startsWith("20");
                });
                JsonNode status = admin(fx, "/admin/audit/status").path("timestamp");
                assertThat(status.path("authority").asText())
                        .isEqualTo(tsa.url().toString());
                assertThat(status.path("stamped").asLong()).isPositive();
                assertThat(status.path("failed").asLong()).isZero();
                assertThat(status.has("last_error")).isFalse();
                assertThat(Files.list(fx.dataDir().resolve("checkpoints/timestamps")))
                        .isNotEmpty();
                String metrics =
                        Http.send(Http.get(fx.baseUrl() + "/metrics").build()).body();
                assertThat(metrics)
                        .containsPattern("sovereign_audit_timestamps_total\\{outcome=\"stamped\"\\} [1-9]")
                        .contains("sovereign_audit_timestamp_lag_seconds");

                // The authority goes down: requests are served as before, and the status says why no token came.
                tsa.fault(LocalTsa.Fault.HTTP_503);
                for (int i = 0; i < 3; i++)
                    assertThat(chat(fx, 10 + i).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode t = admin(fx, "/admin/audit/status").path("timestamp");
                    assertThat(t.path("failed").asLong()).isPositive();
                    assertThat(t.path("last_error").asText()).contains("answered HTTP 503");
                    assertThat(t.path("lag_seconds").asDouble()).isPositive();
                });
                assertThat(admin(fx, "/admin/audit/verify")
                                .path("chains")
                                .get(0)
                                .path("time_stamped")
                                .asLong())
                        .isEqualTo(8);

                tsa.fault(LocalTsa.Fault.NONE);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(admin(fx, "/admin/audit/verify")
                                        .path("chains")
                                        .get(0)
                                        .path("time_stamped")
                                        .asLong())
                                .isEqualTo(14));
            }
        }
    }
}
