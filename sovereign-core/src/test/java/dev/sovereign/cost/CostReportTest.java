package dev.sovereign.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditedRequest;
import dev.sovereign.index.SovereigntyIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostReportTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final SovereigntyIndex INDEX = SovereigntyIndex.defaults();
    private static final Map<String, String> PROFILES =
            Map.of("claude", "anthropic", "gpt", "openai", "local", "self-hosted-open-weights");

    private static AuditedRequest request(
            String id, String workload, String action, String provider, String model, Long in, Long out, Long cost) {
        return new AuditedRequest(
                id,
                Instant.parse("2026-11-20T10:00:00Z"),
                "key-" + workload,
                "team-a",
                workload,
                "openai",
                model,
                Map.of(),
                List.of(),
                "rule",
                action,
                provider,
                "us",
                "us",
                model,
                null,
                true,
                in != null || out != null,
                200,
                in,
                out,
                cost,
                null,
                null);
    }

    private static CostReport report(List<AuditedRequest> requests) {
        CostReport.Builder b = CostReport.builder(Prices.defaults(), INDEX, DAY, 0.5, PROFILES::get);
        requests.forEach(b);
        return b.build();
    }

    private static final List<AuditedRequest> TRAFFIC = List.of(
            // recorded by the gateway: 1,000 × 3 + 500 × 15 micro-USD
            request("r1", "support", "forward", "claude", "claude-sonnet-4-5", 1_000L, 500L, 10_500L),
            // no estimate recorded: priced now, 2,000 × 2.5 + 1,000 × 10
            request("r2", "support", "redact", "gpt", "gpt-4o", 2_000L, 1_000L, null),
            // no price for a local model
            request("r3", "hr", "forward", "local", "llama3.3:70b", 4_000L, 300L, null),
            // no usage reported
            request("r4", "hr", "forward", "claude", "claude-sonnet-4-5", null, null, null),
            // blocked: read, never counted as spend
            request("r5", "hr", "block", null, "gpt-4o", null, null, null));

    @Test
    void spendIsSummedPerGroupAndUnpricedTrafficIsReported() {
        CostReport r = report(TRAFFIC);
        assertThat(r.requestsRead()).isEqualTo(5);
        Spend t = r.total();
        assertThat(t.requests()).isEqualTo(4);
        assertThat(t.costMicroUsd()).isEqualTo(10_500 + 15_000);
        assertThat(t.inputTokens()).isEqualTo(7_000);
        assertThat(t.outputTokens()).isEqualTo(1_800);
        assertThat(t.unpricedRequests()).isEqualTo(2);
        assertThat(t.unpricedInputTokens()).isEqualTo(4_000);
        assertThat(t.unpricedOutputTokens()).isEqualTo(300);
        assertThat(t.recomputedRequests()).isEqualTo(1);
        assertThat(r.groups().get("workload"))
                .extracting(Spend::name, Spend::costMicroUsd, Spend::unpricedRequests)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("support", 25_500L, 0L),
                        org.assertj.core.groups.Tuple.tuple("hr", 0L, 2L));
        assertThat(r.groups().get("provider")).extracting(Spend::name).containsExactly("gpt", "claude", "local");
        assertThat(r.groups().get("team"))
                .singleElement()
                .satisfies(s -> assertThat(s.requests()).isEqualTo(4));
        assertThat(r.unpriced())
                .extracting(CostReport.UnpricedModel::model, CostReport.UnpricedModel::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("llama3.3:70b", "no_price"),
                        org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-5", "no_usage"));
        assertThat(CostReportText.caveats(r)).anyMatch(c -> c.startsWith("2 forwarded requests (4300 tokens)"));
    }

    @Test
    void eachWorkloadsTokensArePricedOnEveryAlternativeBesideItsSovereignty() {
        CostReport r = report(TRAFFIC);
        CostReport.WhatIf support = r.whatIf().stream()
                .filter(w -> w.actual().name().equals("support"))
                .findFirst()
                .orElseThrow();
        // 3,000 input and 1,500 output tokens
        assertThat(support.costs().get("anthropic/claude-sonnet-4")).isEqualTo(3_000 * 3 + 1_500 * 15);
        assertThat(support.costs().get("claude-bedrock-eu/claude-sonnet-4"))
                .as("the regional premium")
                .isEqualTo(Math.round((3_000 * 3 + 1_500 * 15) * 1.1));
        assertThat(support.costs()).containsKey("aws-trn1.32xlarge-70b").containsKey("aws-p5.48xlarge-70b");
        assertThat(support.costs().get("aws-trainium3-chip"))
                .as("no published price")
                .isNull();
        Alternative mistral = r.alternatives().stream()
                .filter(a -> a.id().equals("mistral/mistral-medium-3"))
                .findFirst()
                .orElseThrow();
        Alternative anthropic = r.alternatives().stream()
                .filter(a -> a.id().equals("anthropic/claude-sonnet-4"))
                .findFirst()
                .orElseThrow();
        assertThat(mistral.jurisdiction()).isNotEqualTo("us");
        assertThat(anthropic.jurisdiction()).isEqualTo("us");
        assertThat(mistral.sovereigntyIndex()).isGreaterThan(anthropic.sovereigntyIndex());
        Alternative trn1 = r.alternatives().stream()
                .filter(a -> a.id().equals("aws-trn1.32xlarge-70b"))
                .findFirst()
                .orElseThrow();
        assertThat(trn1.profile()).isEqualTo("open-weights-on-aws-eu");
        assertThat(trn1.sovereigntyIndex()).isNotNull();
    }

    @Test
    void theJsonHasEveryKeyAndTheMarkdownCitesSources() {
        CostReport r = report(TRAFFIC);
        JsonNode json = CostReportJson.of(r);
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "as_of",
                        "from",
                        "to",
                        "currency",
                        "utilisation",
                        "price_files",
                        "requests_read",
                        "has_traffic",
                        "total",
                        "spend",
                        "unpriced",
                        "alternatives",
                        "what_if",
                        "caveats");
        assertThat(json.path("total").path("cost_micro_usd").asLong()).isEqualTo(25_500);
        assertThat(json.path("total").path("cost_usd").decimalValue()).isEqualByComparingTo("0.0255");
        assertThat(json.path("spend").fieldNames())
                .toIterable()
                .containsExactly("by_workload", "by_provider", "by_model", "by_team", "by_key");
        JsonNode trn3 = null;
        for (JsonNode a : json.path("alternatives")) if (a.path("id").asText().equals("aws-trainium3-chip")) trn3 = a;
        assertThat(trn3).isNotNull();
        assertThat(trn3.has("usd_per_mtok")).isTrue();
        assertThat(trn3.get("usd_per_mtok").isNull()).isTrue();
        assertThat(trn3.path("accelerator").path("memory_gb").asInt()).isEqualTo(144);
        String md = CostReportText.markdown(r);
        assertThat(md)
                .contains("# Inference cost")
                .contains("| support | 2 | 3000 | 1500 | 0.0255 | 0 |")
                .contains("### Unpriced traffic")
                .contains("https://platform.claude.com/docs/en/about-claude/pricing")
                .contains("https://aws.amazon.com/ec2/pricing/on-demand/")
                .contains("re-check");
    }

    @Test
    void withoutTrafficTheOptionsArePricedPerMillionTokens() {
        CostReport r = report(List.of());
        assertThat(r.hasTraffic()).isFalse();
        assertThat(r.whatIf()).isEmpty();
        String text = CostReportText.table(r);
        assertThat(text)
                .contains("No forwarded traffic")
                .contains("anthropic/claude-sonnet-4")
                .contains("15.00");
        assertThat(CostReportText.markdown(r)).contains("## Options");
    }

    @Test
    void theTableAndTheMarkdownNameEachOptionAlike() {
        CostReport r = report(List.of());
        String text = CostReportText.table(r);
        String md = CostReportText.markdown(r);
        for (Alternative a : r.alternatives()) {
            assertThat(text).as(a.id()).contains(a.id());
            assertThat(md).as(a.id()).contains("`" + a.id() + "`");
        }
        assertThat(text + md)
                .as("the entry pricing Opus 4.6 and 4.5 is named for both")
                .contains("anthropic/claude-opus-4-5-and-4-6")
                .doesNotContain("`claude-opus-4-6`");
    }

    @Test
    void anEuOptionPricedInUsEast1SaysSo() {
        CostReport r = report(List.of());
        Alternative p5 = alternative(r, "aws-p5en.48xlarge-70b");
        assertThat(p5.offer().region()).isEqualTo("us-east-1");
        assertThat(p5.profile()).isEqualTo("open-weights-on-aws-eu");
        assertThat(p5.priceCaveat())
                .isEqualTo("priced at the us-east-1 on-demand rate: its profile runs it in an EU region, whose price"
                        + " is not in the table");
        String text = CostReportText.table(r);
        assertThat(text)
                .contains("aws-p5en.48xlarge-70b (?) (*)")
                .contains("(*) read the price with its caveat:")
                .contains("  aws-p5en.48xlarge-70b: priced at the us-east-1 on-demand rate")
                .as("the EU difference the entry's note gives")
                .contains("eu-north-1 listed at about 67.73");
        assertThat(CostReportText.markdown(r))
                .contains("(see the price caveats)")
                .contains("### Price caveats")
                .contains("- aws-p5en.48xlarge-70b: priced at the us-east-1 on-demand rate");
        assertThat(alternative(r, "anthropic/claude-sonnet-4").priceCaveat()).isNull();
    }

    @Test
    void trainiumOptionsWithoutAPublicPriceAskForTheOperatorsQuote() {
        CostReport r = report(List.of());
        assertThat(alternative(r, "aws-trn2.48xlarge-70b").priceCaveat())
                .isEqualTo("no public on-demand price: needs your quote (usd_per_hour) in config/prices.yaml under"
                        + " the id aws-trn2.48xlarge-70b");
        assertThat(alternative(r, "aws-trainium3-chip").priceCaveat())
                .contains("needs your quote (usd_per_hour and the throughput you measure)");
        assertThat(CostReportText.table(r))
                .containsPattern("aws-trn2\\.48xlarge-70b \\(\\?\\) \\(\\*\\) +\\S+ +\\S+ +your quote +your quote");
    }

    private static Alternative alternative(CostReport r, String id) {
        return r.alternatives().stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
