package dev.sovereign.residency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditedRequest;
import dev.sovereign.classify.Classifier;
import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.routing.ModelRouter;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The finding logic over the built-in sovereignty profiles, as they stand on {@link #AS_OF}. */
class ResidencyAssessmentTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-11-26");
    static final SovereigntyIndex INDEX = SovereigntyIndex.defaults();

    /** Four deployments: Claude on Bedrock with the EU and the global inference profile, self-hosted, unprofiled. */
    static final List<ProviderConfig> CONFIGS = List.of(
            provider("bedrock-eu", "eu-central-1", "claude-bedrock-eu", "eu.claude-*"),
            provider("bedrock-global", "eu-central-1", "claude-bedrock-global", "global.claude-*"),
            provider("local", "local", "self-hosted-open-weights", "llama*"),
            provider("mystery", "eu", "no-such-profile", "mystery-*"));

    static final Map<String, ProviderDeployment> DEPLOYMENTS = deployments();

    static ProviderConfig provider(String id, String region, String profile, String pattern) {
        return new ProviderConfig(
                id,
                ProviderKind.OPENAI_COMPATIBLE,
                URI.create("http://localhost/v1"),
                region,
                Optional.empty(),
                Set.of(WireFormat.OPENAI),
                profile,
                Timeouts.DEFAULTS,
                8,
                List.of(new ModelMapping(pattern, null)),
                Optional.empty());
    }

    static Map<String, ProviderDeployment> deployments() {
        Map<String, ProviderDeployment> map = new LinkedHashMap<>();
        for (ProviderConfig p : CONFIGS) map.put(p.id(), new ProviderDeployment(p.id(), p.region(), p.profile()));
        return map;
    }

    static Map<String, ProviderFacts> facts() {
        Map<String, ProviderFacts> map = new LinkedHashMap<>();
        for (ProviderConfig p : CONFIGS)
            map.put(p.id(), new ProviderFacts(p.id(), p.region(), Jurisdiction.of(INDEX, p.profile(), AS_OF)));
        return map;
    }

    /** Without a policy: each request goes where its model is served, so every category can reach every provider. */
    static Explainer byModel() {
        return Explainer.byModel(new ModelRouter(CONFIGS), facts(), Classifier.defaults());
    }

    static Explainer policy(String yaml) {
        Policy p = new PolicyLoader(facts(), new ModelRouter(CONFIGS)).load("policy.yaml", yaml);
        return Explainer.of(p, Classifier.defaults());
    }

    static Workloads workloads(String yaml) {
        return Workloads.parse("workloads.yaml", yaml, PolicyMatrix.rowCategories(null));
    }

    static ResidencyReport assess(Explainer explainer, Workloads workloads, Traffic traffic) {
        PolicyMatrix matrix = ResidencyAssessment.matrix(explainer, workloads, traffic);
        return new ResidencyAssessment(workloads, matrix, traffic, DEPLOYMENTS, INDEX, AS_OF).assess();
    }

    static final String EU_SUPPORT = """
            workloads:
              - name: support
                categories: [pii.email]
                data_subjects: [eu]
                residency: eu
                role: controller
                transfer_mechanisms: [sccs]
            """;

    static List<Finding> of(ResidencyReport r, String provider) {
        return r.findings().stream().filter(f -> provider.equals(f.provider())).toList();
    }

    static List<Kind> kinds(ResidencyReport r, String provider) {
        return of(r, provider).stream().map(Finding::kind).toList();
    }

    @Test
    void euRegionInferenceAtAUsHyperscalerIsNoTransferWithTheOperatorsReachAsItsOwnFinding() {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT), null);
        assertThat(kinds(r, "bedrock-eu")).containsExactly(Kind.THIRD_COUNTRY_ACCESS, Kind.NO_TRANSFER);
        Finding reach = of(r, "bedrock-eu").get(0);
        assertThat(reach.workload()).isEqualTo("support");
        assertThat(reach.scope()).isEqualTo("pii.email");
        assertThat(reach.profile()).isEqualTo("claude-bedrock-eu");
        assertThat(reach.severity()).isEqualTo(Severity.WARN);
        assertThat(reach.destinations()).containsExactly("de");
        assertThat(reach.articles()).contains("GDPR Art. 28(1)", "GDPR Art. 32").doesNotContain("GDPR Art. 46(2)(c)");
        assertThat(reach.explanation())
                .contains("in de (EEA): no transfer on the inference path")
                .contains("CLOUD Act");
        assertThat(reach.action()).doesNotContain("SCCs").contains("remote access from a third country is a transfer");
        Finding none = of(r, "bedrock-eu").get(1);
        assertThat(none.severity()).isEqualTo(Severity.INFO);
        assertThat(none.articles()).contains("EDPB Guidelines 05/2021, para. 9 (the three criteria)");
        assertThat(none.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("policy");
            assertThat(e.requests()).isNull();
            assertThat(e.models())
                    .as("the configured model pattern, not the sample name the matrix tried for it")
                    .containsExactly("eu.claude-*");
        });
        assertThat(ResidencyReport.describe(none.evidence()))
                .isEqualTo("policy can (rule model-routing; model eu.claude-*)");
        assertThat(r.findings()).noneMatch(f -> f.kind() == Kind.SCCS_TIA && "bedrock-eu".equals(f.provider()));
    }

    @Test
    void theGlobalInferenceProfileBreaksEuResidencyEvenFromAnEuRegion() {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT), null);
        assertThat(kinds(r, "bedrock-global")).containsExactly(Kind.RESIDENCY_BREACH, Kind.SCCS_TIA);
        Finding breach = of(r, "bedrock-global").get(0);
        assertThat(breach.severity()).isEqualTo(Severity.BREACH);
        assertThat(breach.destinations()).containsExactly("any");
        assertThat(breach.explanation())
                .startsWith("The policy lets pii.email of support reach bedrock-global (the policy's rule"
                        + " model-routing), which may process it in any country where the provider has capacity,"
                        + " including countries without an adequacy decision")
                .contains("inference_location: none")
                .endsWith("The workload requires processing in the EU.");
        assertThat(breach.articles()).containsExactly("GDPR Art. 44", "GDPR Art. 25(1)");
        assertThat(breach.sources())
                .containsExactly("https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html");
        Finding sccs = of(r, "bedrock-global").get(1);
        assertThat(sccs.explanation()).contains("A restricted transfer to any country where the provider has capacity");
        assertThat(sccs.action()).contains("document one per destination");
        assertThat(r.breach()).isTrue();
    }

    @Test
    void selfHostedIsNoTransferAndAnUnknownProfileIsAManualReviewThatStillPlacesTheData() {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT), null);
        assertThat(kinds(r, "local")).containsExactly(Kind.NO_TRANSFER);
        assertThat(of(r, "local").get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(kinds(r, "mystery")).containsExactly(Kind.MANUAL_REVIEW, Kind.NO_TRANSFER);
        Finding review = of(r, "mystery").get(0);
        assertThat(review.explanation())
                .contains("'no-such-profile', which does not exist")
                .contains("EU member states");
        assertThat(review.destinations()).containsExactly("eu");
        assertThat(review.articles()).contains("GDPR Art. 49");
        assertThat(review.action()).contains("do not rely on an Art. 49 derogation");
    }

    @Test
    void withoutAResidencyRequirementNothingIsABreach() {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT.replace("residency: eu", "residency: none")), null);
        assertThat(kinds(r, "bedrock-global")).containsExactly(Kind.SCCS_TIA);
        assertThat(r.breach()).isFalse();
    }

    @Test
    void aCountryResidencyIsMetOnlyByARegionInThatCountry() {
        ResidencyReport de = assess(byModel(), workloads(EU_SUPPORT.replace("residency: eu", "residency: de")), null);
        assertThat(kinds(de, "bedrock-eu")).containsExactly(Kind.THIRD_COUNTRY_ACCESS, Kind.NO_TRANSFER);
        assertThat(kinds(de, "local"))
                .as("self-hosted 'somewhere in the EU' cannot be told to be in Germany")
                .containsExactly(Kind.MANUAL_REVIEW, Kind.NO_TRANSFER);
        ResidencyReport fr = assess(byModel(), workloads(EU_SUPPORT.replace("residency: eu", "residency: fr")), null);
        assertThat(kinds(fr, "bedrock-eu"))
                .containsExactly(Kind.RESIDENCY_BREACH, Kind.THIRD_COUNTRY_ACCESS, Kind.NO_TRANSFER);
        assertThat(of(fr, "bedrock-eu").get(0).explanation())
                .contains("which may process it in de (EEA)")
                .endsWith("The workload requires processing in fr.");
        assertThat(of(fr, "bedrock-eu").get(0).articles())
                .as("processing in another EU country is no transfer")
                .containsExactly("GDPR Art. 25(1)");
    }

    @Test
    void specialCategoriesRequireADpia() {
        ResidencyReport r =
                assess(byModel(), workloads(EU_SUPPORT.replace("[pii.email]", "[pii.email, special.*]")), null);
        List<Finding> dpia = r.findings().stream()
                .filter(f -> f.kind() == Kind.DPIA_REQUIRED)
                .toList();
        assertThat(dpia).singleElement().satisfies(f -> {
            assertThat(f.workload()).isEqualTo("support");
            assertThat(f.scope()).isEqualTo("special.*");
            assertThat(f.categories()).hasSize(8).contains("special.health");
            assertThat(f.articles()).containsExactly("GDPR Art. 35(3)(b)", "GDPR Art. 9(1)");
            assertThat(f.provider()).isNull();
        });
        assertThat(assess(byModel(), workloads(EU_SUPPORT), null).findings())
                .noneMatch(f -> f.kind() == Kind.DPIA_REQUIRED);
    }

    @Test
    void aCategoryThePolicyMasksDoesNotReachTheProvider() {
        Explainer redacting = policy("""
                rules:
                  - id: pii-masked
                    when: categories.exists(c, c.startsWith('pii.'))
                    action: redact
                    mode: mask
                    categories: [pii.*]
                  - id: by-model
                    action: forward
                """);
        ResidencyReport r = assess(redacting, workloads(EU_SUPPORT), null);
        assertThat(r.findings()).as("pii.email never reaches any provider").isEmpty();
        assertThat(r.breach()).isFalse();
    }

    static AuditedRequest request(
            String workload, String provider, String region, Map<String, Integer> categories, List<String> redacted) {
        return new AuditedRequest(
                "req-" + provider + categories.hashCode(),
                Instant.parse("2026-11-20T09:00:00Z"),
                "key",
                "team",
                workload,
                "openai",
                "global.claude-x",
                categories,
                redacted,
                "by-model",
                redacted.isEmpty() ? "forward" : "redact",
                provider,
                region,
                "us",
                "global.claude-x",
                null,
                true,
                true,
                200,
                10L,
                10L,
                null,
                null,
                null);
    }

    static AuditedRequest request(
            String workload,
            String provider,
            String region,
            Map<String, Integer> categories,
            List<String> redacted,
            String rule) {
        AuditedRequest r = request(workload, provider, region, categories, redacted);
        return new AuditedRequest(
                r.requestId() + rule,
                r.time(),
                r.key(),
                r.team(),
                r.workload(),
                r.api(),
                r.model(),
                r.categories(),
                r.redacted(),
                rule,
                r.action(),
                r.provider(),
                r.region(),
                r.jurisdiction(),
                r.upstreamModel(),
                r.policyRoute(),
                r.decisionRead(),
                r.completed(),
                r.status(),
                r.inputTokens(),
                r.outputTokens(),
                r.costMicroUsd(),
                r.error(),
                r.earlierTargets());
    }

    static final String MASK_PII = """
            rules:
              - id: pii-masked
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: mask
                categories: [pii.*]
              - id: nothing-else
                action: block
                message: No.
            """;

    @Test
    void trafficShowsWhatTheGatewayDidAndOnlyMaskedCategoriesLeaveTheTransfer() {
        Traffic traffic = new Traffic("sqlite:audit.db", null, null);
        traffic.accept(request("support", "bedrock-global", "eu-central-1", Map.of("pii.email", 1), List.of()));
        traffic.accept(request("support", "bedrock-global", "eu-central-1", Map.of("pii.email", 3), List.of()));
        traffic.accept(request(
                "support", "bedrock-eu", "eu-central-1", Map.of("pii.email", 1), List.of("pii.email"), "pii-masked"));
        ResidencyReport r = assess(policy(MASK_PII), workloads(EU_SUPPORT), traffic);
        assertThat(traffic.requests()).isEqualTo(3);
        assertThat(kinds(r, "bedrock-eu")).as("masked before it left").isEmpty();
        assertThat(kinds(r, "bedrock-global")).containsExactly(Kind.RESIDENCY_BREACH, Kind.SCCS_TIA);
        Finding breach = of(r, "bedrock-global").get(0);
        assertThat(breach.explanation())
                .startsWith("The trail shows pii.email of support reached bedrock-global (2 requests by rule by-model),"
                        + " which may process it in any country");
        assertThat(breach.articles()).containsExactly("GDPR Art. 44");
        assertThat(breach.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("traffic");
            assertThat(e.requests()).isEqualTo(2);
            assertThat(e.rules()).containsExactly("by-model");
        });
        assertThat(breach.action()).contains("Review the requests already sent (2 requests by rule by-model)");
    }

    @Test
    void aRedactionByARuleThePolicyNoLongerHasIsAssessedAsReachingTheProvider() {
        Traffic traffic = new Traffic("sqlite:audit.db", null, null);
        traffic.accept(request(
                "support", "bedrock-global", "eu-central-1", Map.of("pii.email", 1), List.of("pii.email"), "gone"));
        ResidencyReport r = assess(policy(MASK_PII), workloads(EU_SUPPORT), traffic);
        assertThat(kinds(r, "bedrock-global")).containsExactly(Kind.RESIDENCY_BREACH, Kind.SCCS_TIA);
        assertThat(of(r, "bedrock-global").get(1).explanation()).contains("pseudonymised data is still personal data");
    }

    @Test
    void aCategoryThatAlsoReachesTheProviderInClearIsNotCalledPseudonymised() {
        Traffic traffic = new Traffic("sqlite:audit.db", null, null);
        traffic.accept(request(
                "support", "bedrock-global", "eu-central-1", Map.of("pii.email", 1), List.of("pii.email"), "gone"));
        traffic.accept(request("support", "bedrock-global", "eu-central-1", Map.of("pii.email", 1), List.of()));
        ResidencyReport r = assess(policy(MASK_PII), workloads(EU_SUPPORT), traffic);
        assertThat(of(r, "bedrock-global").get(1).explanation()).doesNotContain("pseudonymised");
        assertThat(of(r, "bedrock-global").get(0).evidence().get(0).requests()).isEqualTo(2);
    }

    @Test
    void aWorkloadSeenOnlyInTheTrailIsUndeclaredAndFlagged() {
        Traffic traffic = new Traffic("sqlite:audit.db", null, null);
        traffic.accept(request("batch-jobs", "bedrock-global", "eu-central-1", Map.of("pii.phone", 1), List.of()));
        ResidencyReport r = assess(policy("""
                rules:
                  - id: nothing-leaves
                    action: block
                    message: No.
                """), Workloads.none(), traffic);
        assertThat(r.workloads()).extracting(Workload::name).containsExactly("batch-jobs", "other");
        assertThat(r.workloads()).noneMatch(Workload::declared);
        assertThat(r.findings())
                .extracting(Finding::workload, Finding::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("batch-jobs", Kind.MANUAL_REVIEW),
                        org.assertj.core.groups.Tuple.tuple("batch-jobs", Kind.MANUAL_REVIEW),
                        org.assertj.core.groups.Tuple.tuple("other", Kind.MANUAL_REVIEW));
        assertThat(r.findings().get(0).explanation())
                .startsWith(
                        "Workload batch-jobs is seen in the policy or the trail but not declared in workloads.yaml");
        assertThat(r.findings().get(1).explanation())
                .as("an undeclared workload's mechanisms are unknown: a review, not a breach")
                .contains("its transfer mechanisms are unknown");
        assertThat(r.findings().get(2).evidence())
                .as("the policy lets nothing of other's reach a provider")
                .isEmpty();
        assertThat(r.breach()).isFalse();
    }

    @Test
    void aProcessorIsToldToObtainTheControllersAuthorisation() {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT.replace("controller", "processor")), null);
        Finding f = of(r, "bedrock-global").get(1);
        assertThat(f.kind()).isEqualTo(Kind.SCCS_TIA);
        assertThat(f.action()).contains("prior specific or general written authorisation (Art. 28(2))");
        assertThat(f.articles()).contains("GDPR Art. 28(2) and (4)");
        assertThat(of(r, "bedrock-global").get(0).articles()).contains("GDPR Art. 28(3)(a)");
        assertThat(of(r, "local").get(0).action())
                .as("the organisation's own servers are no sub-processor")
                .doesNotContain("Art. 28(2)");
    }

    @Test
    void subjectsAndEstablishmentOutsideTheEuGetAScopeNoteInsteadOfATransferFinding() {
        Workloads us = workloads("establishment: us\n"
                + EU_SUPPORT.replace("[eu]", "[us, ca]").replace("residency: eu", "residency: none"));
        ResidencyReport r = assess(byModel(), us, null);
        assertThat(kinds(r, "bedrock-eu")).containsExactly(Kind.GDPR_SCOPE);
        assertThat(of(r, "bedrock-eu").get(0).articles()).containsExactly("GDPR Art. 3");
        assertThat(r.findings()).noneMatch(f -> f.kind() == Kind.REPRESENTATIVE);
        Workloads euEstablished = workloads(EU_SUPPORT.replace("[eu]", "[us, ca]"));
        assertThat(kinds(assess(byModel(), euEstablished, null), "bedrock-eu"))
                .containsExactly(Kind.THIRD_COUNTRY_ACCESS, Kind.NO_TRANSFER);
    }

    @Test
    void theJsonIsStableAndHasEveryKey() throws Exception {
        ResidencyReport r = assess(byModel(), workloads(EU_SUPPORT), null);
        assertThat(assess(byModel(), workloads(EU_SUPPORT), null).toJson()).isEqualTo(r.toJson());
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "as_of",
                        "workloads_file",
                        "establishment",
                        "policy",
                        "traffic",
                        "workloads",
                        "summary",
                        "breach",
                        "findings");
        assertThat(json.get("traffic").get("read").asBoolean()).isFalse();
        assertThat(json.get("breach").asBoolean()).isTrue();
        assertThat(json.get("summary").get("kinds").size()).isEqualTo(Kind.values().length);
        assertThat(json.get("summary").get("breach").asInt()).isEqualTo(1);
        JsonNode first = json.get("findings").get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly(
                        "workload",
                        "scope",
                        "categories",
                        "provider",
                        "region",
                        "profile",
                        "destinations",
                        "kind",
                        "severity",
                        "articles",
                        "explanation",
                        "action",
                        "evidence",
                        "sources");
        assertThat(first.get("evidence").get(0).fieldNames())
                .toIterable()
                .containsExactly("source", "requests", "rules", "models", "first", "last");
        assertThat(json.get("findings"))
                .extracting(f -> f.get("provider").asText())
                .containsExactly(
                        "bedrock-eu", "bedrock-eu", "bedrock-global", "bedrock-global", "local", "mystery", "mystery");
    }

    @Test
    void theMarkdownNamesTheResultAndTheSources() {
        String md = assess(byModel(), workloads(EU_SUPPORT), null).toMarkdown();
        assertThat(md)
                .startsWith("# Residency assessment (GDPR Chapter V)")
                .contains("**Result: 1 residency breach found.**")
                .contains(
                        "- **BREACH** `residency_breach` — `pii.email` → `bedrock-global` (profile `claude-bedrock-global`, region `eu-central-1`)")
                .contains("<https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html>")
                .contains("Traffic: not read; assessed from the policy only");
    }
}
