package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.LocalTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against a running gateway whose trail holds three weeks of an earlier
 * replica's traffic ({@link DashboardTrail}) and the requests sent through it here. Each page is opened as a person
 * would, checked for what it must show, and photographed into {@code target/ui-screenshots/}; the browser console
 * must stay free of errors throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static GatewayFixture fixture;
    static Browser browser;
    /** Console errors the current test causes on purpose. */
    static List<Pattern> expectedErrors = new ArrayList<>();

    static LocalTsa tsa;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("sovereign-dashboard-trail");
        DashboardTrail.writeHistory(data, Instant.now());
        // Checkpoints time-stamped by an authority on loopback; the replica's history carries no token.
        tsa = LocalTsa.start("Dashboard");
        Map<String, String> files = new HashMap<>(DashboardTrail.files(data));
        files.put(
                "sovereign.yaml",
                files.get("sovereign.yaml") + "  timestamp:\n    url: \"" + tsa.url() + "\"\n    trust: \""
                        + tsa.writeTrust(data.resolve("tsa.pem")) + "\"\n    every: 1s\n");
        fixture = GatewayFixture.start(files);
        for (int i = 0; i < 3; i++) {
            chat(DashboardTrail.HR_KEY, "Patient " + i + " has diabetes; write to jane" + i + "@example.org", 200);
            chat(DashboardTrail.SUPPORT_KEY, "Customer bob" + i + "@example.com asks about order 7" + i, 200);
        }
        for (int i = 0; i < 4; i++) chat(DashboardTrail.CODE_KEY, "Refactor this loop " + i, 200);
        chat(DashboardTrail.CODE_KEY, "deploy with AKIAIOSFODNN7EXAMPLE please", 403);
        // 11 decisions, 11 completions (the refusal's too).
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin("/admin/audit/events?limit=1000&from=1h")
                                .path("events")
                                .size())
                        .isEqualTo(22));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (fixture != null) fixture.close();
            if (tsa != null) tsa.close();
        }
    }

    @AfterEach
    void theConsoleHasNoErrors() {
        List<String> errors = browser.consoleErrors(expectedErrors.toArray(Pattern[]::new));
        expectedErrors.clear();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    static void chat(String key, String text, int status) {
        Http.Response r = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("claude-sonnet-4-5", text, false),
                        "authorization",
                        "Bearer " + key)
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    static JsonNode admin(String pathAndQuery) {
        return Http.send(Http.get(
                                fixture.baseUrl() + pathAndQuery, "authorization", "Bearer " + DashboardTrail.ADMIN_KEY)
                        .build())
                .json();
    }

    static void go(String hash, String page) {
        browser.awaitNewPage(page, () -> browser.open(fixture.baseUrl() + "/ui/#/" + hash));
    }

    static void signIn(String key) {
        WebElement token = browser.waitFor("#token");
        token.clear();
        token.sendKeys(key);
        browser.find("#sign-in").click();
    }

    static void assertChartRendered(String css) {
        List<List<Long>> canvases = browser.canvases(css);
        assertThat(canvases).as(css + " canvases").isNotEmpty();
        for (List<Long> c : canvases) {
            assertThat(c.get(0)).as(css + " width").isPositive();
            assertThat(c.get(1)).as(css + " height").isPositive();
            assertThat(c.get(2)).as(css + " painted pixels").isGreaterThan(300);
        }
    }

    static String text(String css) {
        return browser.find(css).getText();
    }

    @Test
    @Order(1)
    void aClientKeyCannotSignInAndAnAdminKeyCan() {
        browser.open(fixture.baseUrl() + "/ui/");
        browser.waitFor("#token");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/ui/sign-in");
        browser.screenshot("sign-in");
        signIn(DashboardTrail.HR_KEY);
        assertThat(browser.waitFor("#sign-in-error").getText())
                .contains("'hr-prod' is a client key without admin: true");
        expectedErrors.add(Pattern.compile("sign-in - Failed to load resource: .* 403"));
        signIn(DashboardTrail.ADMIN_KEY);
        browser.awaitPage("overview");
        assertThat(browser.driver.getCurrentUrl()).contains("/ui/");
        assertThat(text("#who")).isEqualTo("Signed in as dpo");
    }

    @Test
    @Order(2)
    void theOverviewCountsTheTrafficAndChartsItByJurisdictionProviderAndScore() {
        go("overview", "overview");
        JsonNode totals =
                admin("/admin/reports/posture?from=30d&granularity=day").path("totals");
        assertThat(totals.path("requests").asLong()).isGreaterThan(150);
        assertThat(text("#stat-requests .value"))
                .isEqualTo(String.format("%,d", totals.path("requests").asLong()));
        assertThat(text("#stat-forwarded .value"))
                .isEqualTo(String.format("%,d", totals.path("forwarded").asLong()));
        assertThat(text("#stat-redacted .value"))
                .isEqualTo(String.format("%,d", totals.path("redacted").asLong()));
        assertThat(text("#stat-rerouted .value"))
                .isEqualTo(String.format("%,d", totals.path("rerouted").asLong()));
        assertThat(text("#stat-blocked .value"))
                .isEqualTo(String.format("%,d", totals.path("blocked").asLong()));
        assertThat(text("#stat-score .value"))
                .isEqualTo(
                        String.format("%.1f", totals.path("score_by_requests").asDouble()));
        assertThat(text("#stat-score .hint")).startsWith("▲");
        assertChartRendered("#chart-jurisdictions");
        assertChartRendered("#chart-providers");
        assertChartRendered("#chart-score");
        assertThat(text("#chart-jurisdictions").toLowerCase()).contains("eu", "us");
        assertThat(text("#chart-providers").toLowerCase()).contains("anthropic", "local", "mistral-eu");
        assertThat(browser.driver.getPageSource())
                .doesNotContain("@example.org")
                .doesNotContain("diabetes");
        browser.screenshot("overview");
        browser.screenshot("overview-full", 1450);

        browser.awaitNewPage(
                "overview",
                () -> browser.find("#range button[data-value='24h']").click());
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/overview?range=24h");
        long lastDay = admin("/admin/reports/posture?from=24h&granularity=hour")
                .path("totals")
                .path("requests")
                .asLong();
        assertThat(lastDay).isGreaterThanOrEqualTo(11);
        assertThat(text("#stat-requests .value")).isEqualTo(String.format("%,d", lastDay));
        assertChartRendered("#chart-providers");
    }

    @Test
    @Order(3)
    void movingAWeightRescoresEveryProviderWithTheRubric() {
        go("providers", "providers");
        int published = admin("/admin/reports/index?weights=35,30,20,15").path("rows").findParents("id").stream()
                .filter(r -> r.path("id").asText().equals("anthropic"))
                .findFirst()
                .orElseThrow()
                .path("total")
                .asInt();
        assertThat(text("strong.total[data-id='anthropic']")).isEqualTo(String.valueOf(published));
        assertChartRendered("#chart-index");
        WebElement jurisdiction = browser.find("#weight-jurisdiction");
        jurisdiction.sendKeys(Keys.END);
        browser.await().until(d -> text("#index-heading").contains("61 / 18 / 12 / 9"));
        browser.awaitPage("providers");
        JsonNode reweighted = admin("/admin/reports/index?weights=100,30,20,15").path("rows");
        boolean anyChanged = false;
        for (JsonNode row : reweighted) {
            String shown = text("strong.total[data-id='" + row.path("id").asText() + "']");
            assertThat(shown)
                    .as(row.path("id").asText())
                    .isEqualTo(row.path("total").asText());
        }
        for (JsonNode row : admin("/admin/reports/index?weights=35,30,20,15").path("rows")) {
            for (JsonNode now : reweighted) {
                if (now.path("id").equals(row.path("id"))
                        && now.path("total").asInt() != row.path("total").asInt()) anyChanged = true;
            }
        }
        assertThat(anyChanged).isTrue();
        assertThat(text("#index-table")).contains("vs published");
        // The table is drawn again when the rescoring answers; a click on a row it has just replaced is lost, so the
        // row is clicked again until its detail shows.
        browser.await()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    if (text("#profile-detail h2").contains("elf-hosted")) return true;
                    browser.find("#index-table tr[data-id='self-hosted-open-weights']")
                            .click();
                    return text("#profile-detail h2").contains("elf-hosted");
                });
        assertThat(browser.all("#facts-table a[href^='https://']")).isNotEmpty();
        assertChartRendered("#chart-index");
        browser.screenshot("providers");
        browser.find("#weights-reset").click();
        browser.await().until(d -> text("#index-heading").contains("35 / 30 / 20 / 15"));
        browser.awaitPage("providers");
        assertThat(text("strong.total[data-id='anthropic']")).isEqualTo(String.valueOf(published));
    }

    @Test
    @Order(4)
    void eachWorkloadShowsItsResidencyFindingsWithArticleAndAction() {
        go("workloads", "workloads");
        assertThat(browser.all("section.workload"))
                .extracting(e -> e.getAttribute("data-workload"))
                .contains("hr-assistant", "support-bot");
        WebElement breach = browser.find(
                "section.workload[data-workload='support-bot'] .finding-card[data-kind='residency_breach']");
        assertThat(breach.getText())
                .contains(
                        "GDPR Art. 44", "Recommended action:", "anthropic", "Destinations: any country with capacity");
        JsonNode api = admin("/admin/reports/assessment?from=30d");
        assertThat(browser.all(".finding-card"))
                .as("the page shows the findings the API and sovereign assess give")
                .hasSize(api.path("findings").size());
        assertThat(browser.all(".finding-card"))
                .extracting(c -> c.getAttribute("data-kind"))
                .containsExactlyElementsOf(api.path("findings").findValuesAsText("kind"));
        assertThat(browser.all(".finding-card"))
                .extracting(WebElement::getText)
                .as("policy evidence names the configured model patterns, not the sample names tried for them")
                .noneMatch(t -> t.matches("(?s).*\\b(claude-x|mistral-x|llamax)\\b.*"))
                .anyMatch(t -> t.matches(
                        "(?s).*The policy can send it: rule [^\\n]* for [^\\n]*(claude-|mistral-|llama)\\*.*"));
        browser.screenshot("workloads");
        browser.awaitNewPage(
                "workloads",
                () -> browser.find("#severity button[data-value='breach']").click());
        List<WebElement> cards = browser.all(".finding-card");
        assertThat(cards).isNotEmpty();
        assertThat(cards)
                .allSatisfy(c -> assertThat(c.getAttribute("data-severity")).isEqualTo("breach"));
    }

    @Test
    @Order(5)
    void theAuditListFiltersAndPagesAndShowsAnEventAndTheChainStatus() {
        go("audit", "audit");
        browser.await().until(d -> text("#chain-status").contains("Intact:"));
        assertThat(browser.all("#chains-table tbody tr")).hasSize(2);
        assertThat(text("#chains-table"))
                .contains(DashboardTrail.REPLICA)
                .containsIgnoringCase("anchored after a crash")
                .containsIgnoringCase("unanchored")
                .containsIgnoringCase("time-stamped")
                .containsIgnoringCase("last time-stamp");
        // The replica's history was never time-stamped: its events are overdue; the live chain's are covered.
        browser.await()
                .until(d -> browser.all("#chains-table tbody tr").stream()
                        .anyMatch(r -> r.getText().contains(DashboardTrail.REPLICA)
                                && r.getText().contains("overdue")));
        List<WebElement> rows = browser.all("#events-table tbody tr");
        assertThat(rows).hasSize(25);
        String firstOnPageOne = rows.get(0).getAttribute("data-id");
        browser.find("#page-older").click();
        browser.awaitPage("audit");
        browser.await().until(d -> text("#page-number").equals("Page 2"));
        assertThat(browser.all("#events-table tbody tr").get(0).getAttribute("data-id"))
                .isNotEqualTo(firstOnPageOne);
        browser.find("#page-newer").click();
        browser.await().until(d -> text("#page-number").equals("Page 1"));
        browser.awaitPage("audit");
        assertThat(browser.all("#events-table tbody tr").get(0).getAttribute("data-id"))
                .isEqualTo(firstOnPageOne);

        browser.find("#filter-workload").sendKeys("code-helper");
        new Select(browser.find("#filter-action")).selectByValue("block");
        new Select(browser.find("#filter-type")).selectByValue("decision");
        browser.awaitNewPage("audit", () -> browser.find("#apply-filters").click());
        assertThat(browser.driver.getCurrentUrl()).contains("workload=code-helper", "action=block", "type=decision");
        List<WebElement> blocked = browser.all("#events-table tbody tr");
        int matching = admin("/admin/audit/events?workload=code-helper&action=block&type=decision&limit=1000")
                .path("events")
                .size();
        assertThat(matching).isBetween(1, 199);
        assertThat(blocked).hasSize(Math.min(25, matching));
        for (WebElement row : blocked) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(2).getText()).isEqualTo("code-helper");
            assertThat(cells.get(5).getText()).isEqualTo("block");
        }
        blocked.get(0).click();
        browser.await().until(d -> text("#event-detail").contains("secrets-block"));
        assertThat(text("#event-fields")).containsPattern("[0-9a-f]{64}").contains("secret.aws_access_key");
        assertThat(browser.driver.getPageSource()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
        browser.screenshot("audit");
        String requestId = browser.find("#event-fields code").getText();
        assertThat(requestId).startsWith("sgw_");
        browser.awaitNewPage("audit", () -> browser.find("#same-request").click());
        assertThat(browser.driver.getCurrentUrl()).endsWith("request_id=" + requestId);
        int events = admin("/admin/audit/events?request_id=" + requestId)
                .path("events")
                .size();
        assertThat(events).isPositive();
        assertThat(browser.all("#events-table tbody tr")).hasSize(events);

        go("audit?type=fallback", "audit");
        List<WebElement> fallbacks = browser.all("#events-table tbody tr");
        assertThat(fallbacks)
                .hasSize(admin("/admin/audit/events?type=fallback")
                        .path("events")
                        .size());
        assertThat(fallbacks).isNotEmpty();
        for (WebElement row : fallbacks) {
            assertThat(row.findElements(By.tagName("td")).get(5).getText()).isEqualTo("fallback after upstream.529");
        }
        fallbacks.get(0).click();
        browser.await().until(d -> text("#event-detail h2").startsWith("Fallback"));
        assertThat(text("#event-fields")).contains("Previous target failed", "upstream.529", "local");
    }

    @Test
    @Order(6)
    void theExplainBoxMarksEachFindingWithItsCategoryRuleAndDestination() {
        go("policy", "policy");
        assertThat(browser.all("#rules-table tbody tr")).hasSize(4);
        assertThat(browser.all("#guarantees-table tbody tr")).hasSize(2);
        assertThat(browser.all("#matrix-table tbody tr").size()).isGreaterThan(10);
        browser.find("#matrix-filter").sendKeys("special.health");
        browser.await().until(d -> browser.all("#matrix-table tbody tr").size() == 1);
        assertThat(text("#matrix-table tbody")).contains("local");

        // An emoji (two UTF-16 code units) before the e-mail address: offsets must still fall on it.
        String prompt = "\uD83D\uDE42 Customer jane.doe@example.org asked for a refund.";
        browser.script("document.getElementById('explain-text').value = arguments[0];", prompt);
        browser.find("#explain-workload").sendKeys("support-bot");
        browser.find("#explain-run").click();
        WebElement email = browser.waitFor("#explain-highlight mark[data-category='pii.email']");
        assertThat(email.getText()).isEqualTo("jane.doe@example.org");
        assertThat(email.getAttribute("title"))
                .contains("pii.email", "pseudonymized by rule pii-pseudonymized", "mistral-eu");
        assertThat(text("#explain-verdict")).contains("pseudonymized and forwarded to mistral-eu");
        assertThat(text("#explain-highlight")).startsWith("\uD83D\uDE42 Customer jane.doe@example.org");

        browser.script(
                "document.getElementById('explain-text').value = arguments[0];",
                prompt + " She mentioned her diabetes.");
        browser.find("#explain-run").click();
        WebElement health = browser.waitFor("#explain-highlight mark[data-category='special.health']");
        assertThat(health.getText()).isEqualTo("diabetes");
        assertThat(health.getAttribute("title")).contains("reaches local", "special-self-hosted");
        assertThat(text("#explain-verdict")).contains("forwarded to local");
        assertThat(text("#explain-findings")).contains("pii.email", "special.health");
        browser.screenshot("policy-explain");
    }

    @Test
    @Order(7)
    void costsShowSpendPerWorkloadAndTheAlternatives() {
        go("costs", "costs");
        JsonNode costs = admin("/admin/reports/costs?from=30d");
        assertThat(text("#stat-spend .value")).startsWith("$");
        assertThat(browser.all("#spend-table tbody tr"))
                .hasSize(costs.path("spend").path("by_workload").size());
        assertThat(text("#spend-table")).contains("hr-assistant", "support-bot", "code-helper");
        assertChartRendered("#chart-spend");
        // The value axis fits the spend, however small: its top is a little above the largest bar.
        double largest = 0;
        for (JsonNode w : costs.path("spend").path("by_workload"))
            largest = Math.max(largest, w.path("cost_micro_usd").asDouble() / 1e6);
        String drawn = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> String.valueOf(
                                browser.script("return document.querySelector('#chart-spend').dataset.yMax || ''")),
                        v -> !v.isEmpty());
        double yMax = Double.parseDouble(drawn);
        assertThat(largest).isPositive();
        assertThat(yMax).isBetween(largest, largest * 1.2);
        assertThat(browser.all("table[id^='what-if-']").size())
                .isEqualTo(costs.path("what_if").size());
        assertThat(browser.all("#alternatives-table tbody tr").size()).isGreaterThan(3);
        String options = text("#alternatives-table");
        assertThat(options)
                .as("each option is named by the id sovereign cost prints")
                .contains("anthropic/claude-opus-4-5-and-4-6")
                .as("an EU option priced in us-east-1 says so")
                .contains("aws-p5.48xlarge-70b\npriced at the us-east-1 on-demand rate")
                .as("a Trainium option without a public price asks for the operator's quote")
                .contains("aws-trn2.48xlarge-70b\nno public on-demand price: needs your quote");
        browser.screenshot("costs");
    }

    @Test
    @Order(8)
    void theLimitsPageShowsEachLimitWithItsUse() {
        go("limits", "limits");
        JsonNode api = admin("/admin/limits");
        assertThat(text("#stat-store .value")).isEqualTo("this process");
        List<WebElement> rows = browser.all("#limits-table tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getText()).contains("key", "hr-prod", "requests / minute", "1,000");
        assertThat(rows.get(1).getText()).contains("hr-prod", "US$ / month", "$100.00");
        assertThat(rows.get(2).getText()).contains("team", "engineering", "tokens / day", "5,000,000");
        // the code helper's requests were settled from the tokens the provider reported
        long tokens =
                api.path("limits").get(1).path("limits").get(0).path("used").asLong();
        assertThat(tokens).isPositive();
        assertThat(rows.get(2).getText()).contains(String.format(java.util.Locale.ROOT, "%,d", tokens));
        browser.screenshot("limits");
    }

    @Test
    @Order(9)
    void signingOutEndsTheSession() {
        go("overview", "overview");
        browser.find("#sign-out").click();
        browser.waitFor("#token");
        browser.open(fixture.baseUrl() + "/ui/");
        browser.waitFor("#token");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/ui/sign-in");
    }
}
