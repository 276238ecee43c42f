package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.auth.KeyAuthenticator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin JSON API over the audit trail: only admin keys, filters and pages, verification, clear errors. */
class AdminApiTest {
    static final String ADMIN_KEY = "sk-sov-dpo-admin-key";
    static final String HR_KEY = "sk-sov-hr-assistant-key";
    static final String CODE_KEY = "sk-sov-code-helper-key";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of(
                "sovereign.yaml",
                """
                keys:
                  - id: dpo
                    sha256: %s
                    team: privacy
                    workload: audit
                    admin: true
                  - id: hr-prod
                    sha256: %s
                    team: hr
                    workload: hr-assistant
                  - id: code-prod
                    sha256: %s
                    team: engineering
                    workload: code-helper
                """.formatted(
                                KeyAuthenticator.sha256(ADMIN_KEY),
                                KeyAuthenticator.sha256(HR_KEY),
                                KeyAuthenticator.sha256(CODE_KEY)),
                "policy.yaml",
                "rules:\n  - {id: by-model, action: forward}\n"));
        for (int i = 0; i < 7; i++) chat(HR_KEY, "Patient " + i + " has diabetes, write to jane" + i + "@example.org");
        for (int i = 0; i < 5; i++) chat(CODE_KEY, "Refactor this loop " + i);
        // 12 decisions and 12 completions
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin("/admin/audit/events?limit=1000")
                                .json()
                                .path("events")
                                .size()
                        == 24);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void chat(String key, String text) {
        Http.Response r = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("gpt-4o-mini", text, false),
                        "authorization",
                        "Bearer " + key)
                .build());
        assertThat(r.status()).isEqualTo(200);
    }

    private static Http.Response admin(String pathAndQuery) {
        return get(pathAndQuery, ADMIN_KEY);
    }

    private static Http.Response get(String pathAndQuery, String key) {
        return Http.send(Http.get(fixture.baseUrl() + pathAndQuery, "authorization", "Bearer " + key)
                .build());
    }

    @Test
    void filtersByWorkloadCategoryAndType() {
        JsonNode hr =
                admin("/admin/audit/events?workload=hr-assistant&type=decision").json();
        assertThat(hr.path("events")).hasSize(7);
        for (JsonNode e : hr.path("events")) {
            assertThat(e.path("event").path("subject").path("workload").asText())
                    .isEqualTo("hr-assistant");
            assertThat(e.path("event").path("categories").has("special.health")).isTrue();
            assertThat(e.path("hash").asText()).hasSize(64);
        }
        assertThat(admin("/admin/audit/events?category=special.*").json().path("events"))
                .hasSize(7);
        assertThat(admin("/admin/audit/events?category=pii.email&key=code-prod")
                        .json()
                        .path("events"))
                .isEmpty();
        assertThat(admin("/admin/audit/events?jurisdiction=us&action=forward&type=decision")
                        .json()
                        .path("events"))
                .hasSize(12);
        assertThat(admin("/admin/audit/events?provider=anthropic").json().path("events"))
                .isEmpty();
        String from = URLEncoder.encode("1h", StandardCharsets.UTF_8);
        assertThat(admin("/admin/audit/events?from=" + from + "&limit=1000")
                        .json()
                        .path("events"))
                .hasSize(24);
        assertThat(admin("/admin/audit/events?to=2020-01-01").json().path("events"))
                .isEmpty();
    }

    @Test
    void theCostReportSumsTheEstimatesOfTheCompletionEvents() {
        long recorded = 0;
        for (JsonNode e :
                admin("/admin/audit/events?type=completion&limit=1000").json().path("events")) {
            recorded += e.path("event").path("result").path("cost_micro_usd").asLong();
        }
        assertThat(recorded).isPositive();
        JsonNode cost = admin("/admin/cost?as_of=2026-11-26&utilisation=0.8").json();
        assertThat(cost.path("utilisation").asDouble()).isEqualTo(0.8);
        assertThat(cost.path("total").path("requests").asLong()).isEqualTo(12);
        assertThat(cost.path("total").path("cost_micro_usd").asLong()).isEqualTo(recorded);
        assertThat(cost.path("total").path("unpriced_requests").asLong()).isZero();
        assertThat(cost.path("spend").path("by_workload").findValuesAsText("name"))
                .containsExactlyInAnyOrder("hr-assistant", "code-helper");
        assertThat(cost.path("what_if").size()).isEqualTo(2);
        assertThat(cost.path("alternatives").findValuesAsText("id"))
                .contains("aws-trn1.32xlarge-70b", "openai/gpt-4o-mini");
        assertThat(cost.toString()).doesNotContain("diabetes").doesNotContain("@example.org");
        Http.Response bad = admin("/admin/cost?utilisation=2");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("utilisation must be a number more than 0 and at most 1");
        assertThat(admin("/admin/cost?workload=x").body()).contains("unknown parameter 'workload'");
        assertThat(get("/admin/cost", HR_KEY).status()).isEqualTo(403);
    }

    @Test
    void pagesThroughEveryEventOnce() {
        Set<Long> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = admin("/admin/audit/events?limit=5" + (next == null ? "" : "&cursor=" + next))
                    .json();
            for (JsonNode e : page.path("events"))
                assertThat(seen.add(e.path("id").asLong())).isTrue();
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null);
        assertThat(seen).hasSize(24);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void verifiesTheTrailAndReportsTheWriter() {
        JsonNode report = admin("/admin/audit/verify").json();
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("events").asLong()).isEqualTo(24);
        assertThat(report.path("breaks")).isEmpty();
        JsonNode status = admin("/admin/audit/status").json();
        assertThat(status.path("healthy").asBoolean()).isTrue();
        assertThat(status.path("committed").asLong()).isGreaterThanOrEqualTo(24);
        assertThat(status.path("store").asText()).startsWith("sqlite:");
        assertThat(status.path("writer").asText())
                .isEqualTo(report.path("chains").get(0).path("writer").asText());
    }

    @Test
    void onlyAdminKeysMayCallIt() {
        Http.Response user = get("/admin/audit/events", HR_KEY);
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.json().path("error").path("code").asText()).isEqualTo("sovereign.forbidden");
        Http.Response none =
                Http.send(Http.get(fixture.baseUrl() + "/admin/audit/events").build());
        assertThat(none.status()).isEqualTo(401);
        Http.Response bad = get("/admin/audit/events", "sk-not-a-key");
        assertThat(bad.status()).isEqualTo(401);
    }

    @Test
    void badParametersGetAPreciseMessage() {
        Http.Response limit = admin("/admin/audit/events?limit=5000");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().path("error").path("message").asText()).contains("limit must be between 1 and 1000");
        Http.Response time = admin("/admin/audit/events?from=yesterday");
        assertThat(time.status()).isEqualTo(400);
        assertThat(time.json().path("error").path("message").asText()).contains("'yesterday' is not a time");
        Http.Response unknown = admin("/admin/audit/events?wrkload=x");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("message").asText()).contains("unknown parameter 'wrkload'");
        Http.Response type = admin("/admin/audit/events?type=other");
        assertThat(type.status()).isEqualTo(400);
        Http.Response missing = admin("/admin/nothing");
        assertThat(missing.status()).isEqualTo(404);
        Http.Response post = Http.send(
                Http.post(fixture.baseUrl() + "/admin/audit/events", "{}", "authorization", "Bearer " + ADMIN_KEY)
                        .build());
        assertThat(post.status()).isEqualTo(405);
    }
}
