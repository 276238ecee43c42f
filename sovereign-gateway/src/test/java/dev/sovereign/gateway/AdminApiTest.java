package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
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
        JsonNode cost =
                admin("/admin/reports/costs?as_of=2026-11-26&utilisation=0.8").json();
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
        Http.Response bad = admin("/admin/reports/costs?utilisation=2");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("utilisation must be a number more than 0 and at most 1");
        assertThat(admin("/admin/reports/costs?workload=x").body()).contains("unknown parameter 'workload'");
        assertThat(get("/admin/reports/costs", HR_KEY).status()).isEqualTo(403);
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
        // The same field names as `sovereign audit verify --json`.
        JsonNode chain = report.path("chains").get(0);
        assertThat(chain.path("first_seq").asLong()).isEqualTo(1);
        assertThat(chain.path("last_seq").asLong())
                .isEqualTo(chain.path("events").asLong());
        assertThat(chain.has("pruned_through")).isTrue();
        assertThat(chain.has("firstSeq")).isFalse();
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

    @Test
    void postureCountsTheTrafficByWorkloadAndCategory() {
        JsonNode p = admin("/admin/reports/posture").json();
        assertThat(p.path("totals").path("requests").asLong()).isEqualTo(12);
        assertThat(p.path("totals").path("forwarded").asLong()).isEqualTo(12);
        assertThat(p.path("totals").path("score_by_requests").isNumber()).isTrue();
        assertThat(p.path("granularity").asText()).isEqualTo("day");
        JsonNode workloads = p.path("by_workload");
        assertThat(workloads.get(0).path("name").asText()).isEqualTo("code-helper");
        assertThat(workloads.get(1).path("name").asText()).isEqualTo("hr-assistant");
        assertThat(workloads.get(1).path("totals").path("requests").asLong()).isEqualTo(7);
        JsonNode health = null;
        for (JsonNode c : p.path("categories")) if (c.path("category").asText().equals("special.health")) health = c;
        assertThat(health).isNotNull();
        assertThat(health.path("requests").asLong()).isEqualTo(7);
        // Sent in clear by the by-model rule to a provider of unknown jurisdiction: outside the EU.
        assertThat(p.path("outside_eu").path("requests").asLong()).isEqualTo(7);
        assertThat(p.path("outside_eu").path("flows").get(0).path("rule").asText())
                .isEqualTo("by-model");

        JsonNode none =
                admin("/admin/reports/posture?to=2020-01-01&from=2019-12-01").json();
        assertThat(none.path("totals").path("requests").asLong()).isZero();
    }

    @Test
    void theWholeReportComesAsJsonMarkdownOrHtml() {
        JsonNode doc = admin("/admin/reports/document").json();
        assertThat(doc.path("sections")
                        .path("posture")
                        .path("totals")
                        .path("requests")
                        .asLong())
                .isEqualTo(12);
        assertThat(doc.path("sections").path("index").path("rows").size()).isGreaterThanOrEqualTo(10);
        Http.Response md = admin("/admin/reports/document?format=markdown");
        assertThat(md.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
        assertThat(md.body()).startsWith("# AI data sovereignty report").contains("## Sources");
        Http.Response html = admin("/admin/reports/document?format=html");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        // No prompt text reaches a report.
        assertThat(md.body() + html.body() + doc.toString())
                .doesNotContain("diabetes")
                .doesNotContain("jane0@");
        JsonNode index = admin("/admin/reports/index?as_of=2026-04-20").json();
        assertThat(index.path("as_of").asText()).isEqualTo("2026-04-20");
        assertThat(admin("/admin/reports/vendor-events").json().isArray()).isTrue();
    }

    @Test
    void reportRequestsWithBadParametersGetA400NamingThem() {
        Http.Response unknown = admin("/admin/reports/posture?color=red");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown parameter 'color'");
        assertThat(admin("/admin/reports/posture?granularity=hour").body()).contains("granularity");
        assertThat(admin("/admin/reports/posture?from=tomorrow").status()).isEqualTo(400);
        assertThat(admin("/admin/reports/index?weights=1,2").status()).isEqualTo(400);
        assertThat(admin("/admin/reports/document?format=pdf").status()).isEqualTo(400);
        Http.Response missing = admin("/admin/reports/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("/admin/reports/posture");
        assertThat(get("/admin/reports/posture", HR_KEY).status()).isEqualTo(403);
    }
}
