package dev.sovereign.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final Prices BUILT_IN = Prices.defaults();

    @TempDir
    Path dir;

    private static BigDecimal usd(String v) {
        return new BigDecimal(v);
    }

    @Test
    void theSameGlobMatchesAnthropicBedrockAndVertexModelIds() {
        for (String model : new String[] {
            "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5@20250929",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "Claude-Sonnet-4-5"
        }) {
            Rate r = BUILT_IN.lookup("anthropic", model, DAY).orElseThrow();
            assertThat(r.id()).as(model).isEqualTo("claude-sonnet-4");
            assertThat(r.input()).isEqualByComparingTo("3");
            assertThat(r.output()).isEqualByComparingTo("15");
            assertThat(r.cachedInput()).isEqualByComparingTo("0.30");
        }
        assertThat(BUILT_IN.lookup("anthropic", "claude-opus-4-1-20250805", DAY)
                        .orElseThrow()
                        .output())
                .isEqualByComparingTo("75");
        assertThat(BUILT_IN.lookup("anthropic", "claude-opus-4-5-20251101", DAY)
                        .orElseThrow()
                        .output())
                .as("Opus 4.5 is not priced as Opus 4")
                .isEqualByComparingTo("25");
        assertThat(BUILT_IN.lookup("openai", "gpt-4o-mini-2024-07-18", DAY)
                        .orElseThrow()
                        .id())
                .as("the more specific entry comes first")
                .isEqualTo("gpt-4o-mini");
        assertThat(BUILT_IN.lookup("openai", "gpt-4o-2024-05-13", DAY))
                .as("an older snapshot with another price is not guessed")
                .isEmpty();
        assertThat(BUILT_IN.lookup("anthropic", "gpt-4o", DAY))
                .as("a model on a profile without its price")
                .isEmpty();
        assertThat(BUILT_IN.lookup("local", "llama3.3:70b", DAY)).isEmpty();
    }

    @Test
    void regionalEndpointsOfRecentClaudeModelsCostTenPercentMore() {
        Rate global = BUILT_IN.lookup("claude-bedrock-global", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", DAY)
                .orElseThrow();
        Rate eu = BUILT_IN.lookup("claude-bedrock-eu", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", DAY)
                .orElseThrow();
        assertThat(global.input()).isEqualByComparingTo("3");
        assertThat(eu.input()).isEqualByComparingTo("3.3");
        assertThat(eu.output()).isEqualByComparingTo("16.5");
        assertThat(eu.cachedInput()).isEqualByComparingTo("0.33");
        assertThat(eu.sources()).hasSize(2);
        Rate olderEu = BUILT_IN.lookup("claude-bedrock-eu", "eu.anthropic.claude-sonnet-4-20250514-v1:0", DAY)
                .orElseThrow();
        assertThat(olderEu.input()).as("Sonnet 4 predates the regional premium").isEqualByComparingTo("3");
        Rate beforePremium = BUILT_IN.lookup(
                        "claude-vertex-eu", "claude-sonnet-4-5@20250929", LocalDate.parse("2025-09-28"))
                .orElseThrow();
        assertThat(beforePremium.input()).isEqualByComparingTo("3");
    }

    @Test
    void aPriceCountsOnlyInItsValidityPeriod() {
        assertThat(BUILT_IN.lookup("anthropic", "claude-haiku-4-5", LocalDate.parse("2025-10-15")))
                .isPresent();
        assertThat(BUILT_IN.lookup("anthropic", "claude-haiku-4-5", LocalDate.parse("2025-10-14")))
                .as("before the model's release")
                .isEmpty();
    }

    @Test
    void anOrganisationsFileReplacesByIdAndItsNewEntriesComeFirst() throws IOException {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, """
                utilisation: 0.8
                api:
                  - id: claude-sonnet-4
                    profiles: [anthropic]
                    models: ["claude-sonnet-4*"]
                    usd_per_mtok: {input: 2.5, output: 12}
                    source: https://example.org/our-contract
                    checked: 2026-11-01
                  - id: local-llama
                    profiles: [local]
                    models: ["llama*"]
                    usd_per_mtok: {input: 0.2, output: 0.6}
                    to: 2026-12-31
                    source: https://example.org/gpu-box
                    checked: 2026-11-01
                  - id: our-gpt-4o
                    profiles: [openai]
                    models: ["gpt-4o*"]
                    usd_per_mtok: {input: 2, output: 8}
                    source: https://example.org/our-contract
                    checked: 2026-11-01
                """);
        Prices p = Prices.load(file);
        assertThat(p.utilisation()).isEqualTo(0.8);
        assertThat(p.files()).containsExactly("built-in prices.yaml", file.toString());
        Rate sonnet = p.lookup("anthropic", "claude-sonnet-4-5", DAY).orElseThrow();
        assertThat(sonnet.input()).isEqualByComparingTo("2.5");
        assertThat(p.lookup("claude-bedrock-global", "claude-sonnet-4-5", DAY))
                .as("the replaced entry is gone for every profile it listed")
                .isEmpty();
        assertThat(p.lookup("local", "llama3.3:70b", DAY).orElseThrow().output())
                .isEqualByComparingTo("0.6");
        assertThat(p.lookup("local", "llama3.3:70b", LocalDate.parse("2027-01-01")))
                .isEmpty();
        assertThat(p.lookup("openai", "gpt-4o-mini", DAY).orElseThrow().id())
                .as("a new entry goes before the built-in ones")
                .isEqualTo("our-gpt-4o");
        assertThat(p.api().stream()
                        .filter(a -> a.id().equals("claude-sonnet-4"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aMissingFileMeansTheBuiltInPrices() {
        Prices p = Prices.load(dir.resolve("prices.yaml"));
        assertThat(p.api()).hasSameSizeAs(BUILT_IN.api());
        assertThat(p.utilisation()).isEqualTo(Prices.DEFAULT_UTILISATION);
    }

    @Test
    void invalidEntriesAreRefusedNamingFileAndField() throws IOException {
        String entry = """
                api:
                  - id: x
                    profiles: [anthropic]
                    models: ["claude*"]
                    usd_per_mtok: %s
                    source: %s
                    checked: %s
                """;
        assertRefused(
                entry.formatted("{input: 3}", "https://example.org", "2026-11-01"),
                "api[0].usd_per_mtok.output: required, a number");
        assertRefused(
                entry.formatted("{input: -3, output: 1}", "https://example.org", "2026-11-01"),
                "api[0].usd_per_mtok.input: must not be negative");
        assertRefused(
                entry.formatted("{input: three, output: 1}", "https://example.org", "2026-11-01"),
                "api[0].usd_per_mtok.input: 'three' is not a number");
        assertRefused(
                entry.formatted("{input: 3, output: 15, cache: 1}", "https://example.org", "2026-11-01"),
                "api[0].usd_per_mtok.cache: unknown setting 'cache'");
        assertRefused(
                entry.formatted("{input: 3, output: 15}", "somewhere", "2026-11-01"),
                "api[0].source: every price needs the URL");
        assertRefused(
                entry.formatted("{input: 3, output: 15}", "https://example.org", "yesterday"),
                "api[0].checked: 'yesterday' is not a date (YYYY-MM-DD)");
        assertRefused("utilisation: 1.5\n", "utilisation: must be more than 0 and at most 1");
        assertRefused("""
                self_hosted:
                  - id: box
                    name: our box
                    instance: box
                    accelerator: {kind: gpu, count: 2, memory_gb: 80}
                    usd_per_hour: 10
                    throughput: {input_tokens_per_second: 100, output_tokens_per_second: 10}
                    source: https://example.org
                    checked: 2026-11-01
                """, "self_hosted[0].assumption: required with a throughput");
        assertRefused("""
                premiums:
                  - id: p
                    profiles: [mistral]
                    models: ["*"]
                    factor: 1.1
                    from: 2026-01-02
                    to: 2026-01-01
                    source: https://example.org
                    checked: 2026-11-01
                """, "premiums[0].to: 2026-01-01 is before 'from' 2026-01-02");
        assertRefused("api: [{id: x}]\napi_keys: 1\n", "api_keys: unknown setting");
    }

    private void assertRefused(String yaml, String message) throws IOException {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> Prices.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void everyBuiltInEntryHasASourceAndACheckDate() {
        assertThat(BUILT_IN.api()).allSatisfy(p -> {
            assertThat(p.source()).startsWith("https://");
            assertThat(p.checked()).isNotNull();
        });
        assertThat(BUILT_IN.offers()).allSatisfy(o -> assertThat(o.source()).startsWith("https://"));
        assertThat(BUILT_IN.offers())
                .as("every throughput is an assumption, so every priced offer is flagged")
                .filteredOn(o -> o.inputTokensPerSecond() != null)
                .allMatch(Offer::uncertain);
        assertThat(BUILT_IN.offers())
                .extracting(Offer::accelerator)
                .contains("nvidia-h100", "aws-trainium", "aws-trainium3");
        assertThat(usd("1")).isEqualByComparingTo("1.0");
    }
}
