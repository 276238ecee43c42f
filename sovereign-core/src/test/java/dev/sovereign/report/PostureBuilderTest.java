package dev.sovereign.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditedRequest;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.index.Weights;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostureBuilderTest {
    static final SovereigntyIndex INDEX = SovereigntyIndex.defaults();
    static final Map<String, String> PROFILES = Map.of(
            "anthropic", "anthropic",
            "bedrock-eu", "claude-bedrock-eu",
            "local", "self-hosted-open-weights",
            "openai", "openai");

    static AuditedRequest request(
            String id,
            String time,
            String workload,
            Map<String, Integer> categories,
            List<String> redacted,
            String action,
            String provider,
            String jurisdiction,
            String policyRoute,
            Integer status,
            long in,
            long out) {
        return new AuditedRequest(
                id,
                Instant.parse(time),
                "key-" + workload,
                "team-a",
                workload,
                "anthropic",
                "claude-x",
                categories,
                redacted,
                action.equals("forward") || action.equals("redact") ? "rule-" + provider : "rule-" + action,
                action,
                provider,
                null,
                jurisdiction,
                provider == null ? null : "m",
                policyRoute,
                true,
                status != null,
                status,
                status == null ? null : in,
                status == null ? null : out,
                null,
                null,
                null);
    }

    static double total(String profile, String date) {
        return INDEX.row(INDEX.catalog().profiles().get(profile), LocalDate.parse(date), Weights.PUBLISHED, "eu")
                .exact();
    }

    PostureBuilder builder(PostureBuilder.Granularity g) {
        return new PostureBuilder(new DeploymentScores(INDEX, PROFILES, Weights.PUBLISHED, "eu"), g, "eu");
    }

    @Test
    void countsEachActionAndWeighsScoresByRequestsAndByTokens() {
        PostureBuilder b = builder(PostureBuilder.Granularity.DAY);
        String day = "2026-11-02T09:00:00Z";
        b.accept(request(
                "1",
                day,
                "support",
                Map.of("pii.email", 1),
                List.of("pii.email"),
                "redact",
                "bedrock-eu",
                "eu-us-reach",
                "eu-claude",
                200,
                900,
                100));
        b.accept(request("2", day, "support", Map.of(), List.of(), "forward", "anthropic", "us", null, 200, 90, 10));
        b.accept(request(
                "3",
                day,
                "hr",
                Map.of("special.health", 1),
                List.of(),
                "forward",
                "local",
                "eu",
                "self-hosted",
                500,
                0,
                0));
        b.accept(
                request("4", day, "hr", Map.of("secret.aws_key", 1), List.of(), "block", null, null, null, null, 0, 0));
        b.accept(request("5", day, "hr", Map.of(), List.of(), "unroutable", null, null, null, null, 0, 0));
        b.accept(request("6", day, "hr", Map.of(), List.of(), "forward", "mystery", "unknown", null, 200, 0, 0));
        Posture p = b.build(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        Posture.Totals t = p.totals();
        assertThat(t.requests()).isEqualTo(6);
        assertThat(t.forwarded()).isEqualTo(4);
        assertThat(t.redacted()).isEqualTo(1);
        assertThat(t.rerouted()).isEqualTo(2);
        assertThat(t.blocked()).isEqualTo(1);
        assertThat(t.unroutable()).isEqualTo(1);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.unscoredRequests()).isEqualTo(1);
        assertThat(t.inputTokens()).isEqualTo(990);
        assertThat(t.outputTokens()).isEqualTo(110);

        double bedrock = total("claude-bedrock-eu", "2026-11-02");
        double anthropic = total("anthropic", "2026-11-02");
        double local = total("self-hosted-open-weights", "2026-11-02");
        assertThat(local).isGreaterThan(bedrock);
        // The unknown provider weighs 0 in the mean per request.
        assertThat(t.scoreByRequests()).isCloseTo((bedrock + anthropic + local + 0) / 4, within(0.051));
        // Per token, only requests that reported tokens weigh: 1000 on Bedrock, 100 on Anthropic.
        assertThat(t.scoreByTokens()).isCloseTo((bedrock * 1000 + anthropic * 100) / 1100, within(0.051));
        assertThat(t.scoreByTokens()).isNotEqualTo(t.scoreByRequests());

        assertThat(p.byWorkload()).extracting(Posture.Group::name).containsExactly("hr", "support");
        Posture.Group hr = p.byWorkload().get(0);
        assertThat(hr.totals().requests()).isEqualTo(4);
        assertThat(hr.jurisdictions()).containsExactly(Map.entry("eu", 1L), Map.entry("unknown", 1L));
        assertThat(p.byProvider())
                .extracting(Posture.ProviderRow::name, Posture.ProviderRow::profile)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anthropic", "anthropic"),
                        org.assertj.core.groups.Tuple.tuple("bedrock-eu", "claude-bedrock-eu"),
                        org.assertj.core.groups.Tuple.tuple("local", "self-hosted-open-weights"),
                        org.assertj.core.groups.Tuple.tuple("mystery", null));
        assertThat(p.byProvider().get(3).score()).isNull();
    }

    @Test
    void categoriesCountWhereTheirValuesWentAndSensitiveDataOutsideTheEuIsTracedToItsRule() {
        PostureBuilder b = builder(PostureBuilder.Granularity.DAY);
        String day = "2026-11-02T09:00:00Z";
        // In clear to the US: counted outside the EU, under its rule.
        b.accept(request(
                "1",
                day,
                "support",
                Map.of("pii.email", 2, "content.binary", 1),
                List.of(),
                "forward",
                "anthropic",
                "us",
                null,
                200,
                10,
                5));
        // Pseudonymized on an EU route of a US-parent operator: the value did not reach it.
        b.accept(request(
                "2",
                day,
                "support",
                Map.of("pii.email", 1),
                List.of("pii.email"),
                "redact",
                "bedrock-eu",
                "eu-us-reach",
                "eu-claude",
                200,
                10,
                5));
        // Only binary content outside the EU: not sensitive.
        b.accept(request(
                "3",
                day,
                "support",
                Map.of("content.binary", 1),
                List.of(),
                "forward",
                "anthropic",
                "us",
                null,
                200,
                10,
                5));
        // Special category kept under EU jurisdiction.
        b.accept(request(
                "4",
                day,
                "hr",
                Map.of("special.health", 1),
                List.of(),
                "forward",
                "local",
                "eu",
                "self-hosted",
                200,
                10,
                5));
        b.accept(request("5", day, "hr", Map.of("pii.email", 1), List.of(), "block", null, null, null, null, 0, 0));
        Posture p = b.build(null, null);

        Posture.CategoryFlow email = p.categories().stream()
                .filter(c -> c.category().equals("pii.email"))
                .findFirst()
                .orElseThrow();
        assertThat(email.requests()).isEqualTo(3);
        assertThat(email.reached()).containsExactly(Map.entry("us", 1L));
        assertThat(email.redacted()).containsExactly(Map.entry("eu-us-reach", 1L));
        assertThat(email.blocked()).isEqualTo(1);

        Posture.OutsideEu out = p.outsideEu();
        assertThat(out.requests()).isEqualTo(1);
        assertThat(out.inputTokens()).isEqualTo(10);
        assertThat(out.flows()).hasSize(1);
        Posture.Flow f = out.flows().get(0);
        assertThat(f.rule()).isEqualTo("rule-anthropic");
        assertThat(f.jurisdiction()).isEqualTo("us");
        assertThat(f.categories()).containsExactly(Map.entry("pii.email", 1L));
    }

    @Test
    void aRequestThatFellBackCountsEveryJurisdictionItsDataReached() {
        PostureBuilder b = builder(PostureBuilder.Granularity.DAY);
        AuditedRequest served = request(
                "1",
                "2026-11-02T09:00:00Z",
                "support",
                Map.of("pii.email", 1),
                List.of(),
                "forward",
                "local",
                "eu",
                "claude",
                200,
                10,
                5);
        // It went to anthropic (US) first, which failed after receiving it, then to the self-hosted model.
        AuditEvent.Route first = new AuditEvent.Route("rule-local", "forward", "anthropic", "us", "us", "m");
        AuditedRequest fellBack = new AuditedRequest(
                served.requestId(),
                served.time(),
                served.key(),
                served.team(),
                served.workload(),
                served.api(),
                served.model(),
                served.categories(),
                served.redacted(),
                served.rule(),
                served.action(),
                served.provider(),
                served.region(),
                served.jurisdiction(),
                served.upstreamModel(),
                served.policyRoute(),
                true,
                true,
                200,
                10L,
                5L,
                null,
                null,
                List.of(first));
        b.accept(fellBack);
        Posture p = b.build(null, null);
        assertThat(p.categories().get(0).reached()).containsOnly(Map.entry("us", 1L), Map.entry("eu", 1L));
        assertThat(p.outsideEu().requests()).isEqualTo(1);
        assertThat(p.outsideEu().flows())
                .extracting(Posture.Flow::provider, Posture.Flow::jurisdiction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", "us"));
    }

    @Test
    void theTrendFollowsVendorRiskEventsFromTheirDates() {
        PostureBuilder b = builder(PostureBuilder.Granularity.WEEK);
        // OpenAI's serving compute changed on 2026-04-27 and 2026-04-28 (built-in events).
        b.accept(request(
                "1", "2026-04-22T10:00:00Z", "w", Map.of(), List.of(), "forward", "openai", "us", null, 200, 1, 1));
        b.accept(request(
                "2", "2026-05-06T10:00:00Z", "w", Map.of(), List.of(), "forward", "openai", "us", null, 200, 1, 1));
        Posture p = b.build(null, null);
        assertThat(p.series())
                .extracting(Posture.Bucket::start)
                .containsExactly(Instant.parse("2026-04-20T00:00:00Z"), Instant.parse("2026-05-04T00:00:00Z"));
        double before = p.series().get(0).totals().scoreByRequests();
        double after = p.series().get(1).totals().scoreByRequests();
        assertThat(before).isCloseTo(total("openai", "2026-04-22"), within(0.051));
        assertThat(after).isCloseTo(total("openai", "2026-05-06"), within(0.051));
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void eachPeriodCountsItsForwardedRequestsByJurisdictionAndProvider() {
        PostureBuilder b = builder(PostureBuilder.Granularity.HOUR);
        b.accept(request(
                "1", "2026-11-02T09:10:00Z", "w", Map.of(), List.of(), "forward", "anthropic", "us", null, 200, 1, 1));
        b.accept(request(
                "2", "2026-11-02T09:50:00Z", "w", Map.of(), List.of(), "forward", "local", "eu", "r", 200, 1, 1));
        b.accept(request(
                "3", "2026-11-02T09:55:00Z", "w", Map.of(), List.of(), "forward", "local", "eu", "r", 200, 1, 1));
        b.accept(request("4", "2026-11-02T09:59:00Z", "w", Map.of(), List.of(), "block", null, null, null, 403, 0, 0));
        b.accept(request(
                "5", "2026-11-02T10:00:00Z", "w", Map.of(), List.of(), "forward", "anthropic", "us", null, 200, 1, 1));
        Posture p = b.build(null, null);
        assertThat(p.granularity()).isEqualTo("hour");
        assertThat(p.series())
                .extracting(Posture.Bucket::start)
                .containsExactly(Instant.parse("2026-11-02T09:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"));
        Posture.Bucket nine = p.series().get(0);
        assertThat(nine.totals().requests()).isEqualTo(4);
        assertThat(nine.jurisdictions()).containsExactly(Map.entry("eu", 2L), Map.entry("us", 1L));
        assertThat(nine.providers()).containsExactly(Map.entry("anthropic", 1L), Map.entry("local", 2L));
        assertThat(p.series().get(1).providers()).containsExactly(Map.entry("anthropic", 1L));
        JsonNode json = p.toJson().path("series").get(0);
        assertThat(json.path("jurisdictions").path("eu").asLong()).isEqualTo(2);
        assertThat(json.path("providers").path("local").asLong()).isEqualTo(2);
        assertThat(PostureMarkdown.render(p, 2)).contains("| 2026-11-02T09:00 | 4 |");
    }

    @Test
    void jsonHasEveryKeyAndMarkdownSaysWhatToDoWithoutTraffic() {
        Posture empty = builder(PostureBuilder.Granularity.MONTH).build(null, null);
        JsonNode json = empty.toJson();
        assertThat(json.has("from")).isTrue();
        assertThat(json.get("from").isNull()).isTrue();
        assertThat(json.path("totals").path("requests").asLong()).isZero();
        assertThat(json.path("totals").has("score_by_tokens")).isTrue();
        assertThat(json.path("weights").path("jurisdiction").asLong()).isEqualTo(35);
        assertThat(json.path("outside_eu").path("flows").isArray()).isTrue();
        assertThat(PostureMarkdown.render(empty, 2)).contains("No requests in this window");

        PostureBuilder b = builder(PostureBuilder.Granularity.MONTH);
        b.accept(request(
                "1",
                "2026-11-02T09:00:00Z",
                "a|b",
                Map.of("pii.email", 1),
                List.of(),
                "forward",
                "anthropic",
                "us",
                null,
                200,
                10,
                5));
        String md = PostureMarkdown.render(b.build(null, null), 2);
        assertThat(md)
                .contains("## Organisation posture", "### Sensitive data outside EU jurisdiction", "`rule-anthropic`");
        assertThat(md).contains("a\\|b").doesNotContain("| a|b |");
        assertThat(b.build(null, null)
                        .toJson()
                        .path("series")
                        .get(0)
                        .path("start")
                        .asText())
                .isEqualTo("2026-11-01T00:00:00Z");
    }
}
