package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** A gateway that has seen no traffic yet: each page says so and what to do, in a real headless Chromium. */
class DashboardEmptyBrowserTest {
    static GatewayFixture fixture;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("sovereign-dashboard-empty");
        fixture = GatewayFixture.start(DashboardTrail.files(data));
        browser = Browser.start();
        browser.open(fixture.baseUrl() + "/ui/");
        WebElement token = browser.waitFor("#token");
        token.sendKeys(DashboardTrail.ADMIN_KEY);
        browser.find("#sign-in").click();
        browser.awaitPage("overview");
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (fixture != null) fixture.close();
        }
    }

    @AfterEach
    void theConsoleHasNoErrors() {
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    static void go(String hash, String page) {
        browser.awaitNewPage(page, () -> browser.open(fixture.baseUrl() + "/ui/#/" + hash));
    }

    @Test
    void theOverviewSaysHowToPointAnSdkAtTheGateway() {
        go("overview", "overview");
        String empty = browser.find("#empty-state").getText();
        assertThat(empty)
                .contains("No traffic yet")
                .contains("anthropic.Anthropic(base_url=\"" + fixture.baseUrl() + "\"")
                .contains("openai.OpenAI(base_url=\"" + fixture.baseUrl() + "/v1\"")
                .contains("sovereign keys create");
        assertThat(browser.all("#page canvas")).isEmpty();
        browser.screenshot("overview-empty");
    }

    @Test
    void theAuditListSaysThereAreNoEventsYet() {
        go("audit", "audit");
        assertThat(browser.find("#events-table").getText())
                .contains("No events yet: send a request through the gateway.");
        browser.await().until(d -> browser.find("#chain-status").getText().contains("Intact: 0 events"));
    }

    @Test
    void costsShowThePriceOfTheOptionsUntilThereIsTraffic() {
        go("costs", "costs");
        assertThat(browser.find("#empty-state").getText()).contains("No priced traffic yet");
        assertThat(browser.all("#alternatives-table tbody tr").size()).isGreaterThan(3);
    }

    @Test
    void workloadsAreAssessedFromThePolicyAlone() {
        go("workloads", "workloads");
        assertThat(browser.all("section.workload")).isNotEmpty();
        assertThat(browser.find("#page").getText()).contains("Recommended action:");
    }
}
