package dev.sovereign.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.Classifier;
import dev.sovereign.config.AzureDataZone;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of {@code docs/residency-assessment.md}, each over a workload written from the guidance it rests
 * on: GDPR Chapter V, EDPB Guidelines 05/2021 (what is a transfer), EDPB Recommendations 01/2020 (supplementary
 * measures), Decision (EU) 2021/914 (SCCs) and Decision (EU) 2023/1795 (DPF).
 */
class ResidencyRulesTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-11-26");
    static final SovereigntyIndex INDEX = SovereigntyIndex.defaults();

    /** A deployment as providers.yaml would load it: its kind, the region requests are processed in, its host. */
    record Dep(String id, ProviderKind kind, String region, String profile, String host) {}

    static ResidencyReport assess(String workloadsYaml, String policyYaml, Dep... deps) {
        List<ProviderConfig> configs = new java.util.ArrayList<>();
        Map<String, ProviderDeployment> deployments = new LinkedHashMap<>();
        Map<String, ProviderFacts> facts = new LinkedHashMap<>();
        for (Dep d : deps) {
            ProviderConfig p = new ProviderConfig(
                    d.id(),
                    ProviderKind.OPENAI_COMPATIBLE,
                    URI.create("https://" + d.host() + "/v1"),
                    d.region(),
                    Optional.empty(),
                    Set.of(WireFormat.OPENAI),
                    d.profile(),
                    Timeouts.DEFAULTS,
                    8,
                    List.of(new ModelMapping(d.id() + "-*", null)),
                    Optional.empty());
            configs.add(p);
            deployments.put(d.id(), new ProviderDeployment(d.id(), d.region(), d.profile(), d.kind(), d.host()));
            facts.put(d.id(), new ProviderFacts(d.id(), d.region(), Jurisdiction.of(INDEX, d.profile(), AS_OF)));
        }
        Explainer explainer;
        if (policyYaml == null) {
            explainer = Explainer.byModel(new ModelRouter(configs), facts, Classifier.defaults());
        } else {
            Policy p = new PolicyLoader(facts, new ModelRouter(configs)).load("policy.yaml", policyYaml);
            explainer = Explainer.of(p, Classifier.defaults());
        }
        Workloads workloads = Workloads.parse("workloads.yaml", workloadsYaml, PolicyMatrix.rowCategories(null));
        PolicyMatrix matrix = ResidencyAssessment.matrix(explainer, workloads, null);
        return new ResidencyAssessment(workloads, matrix, null, deployments, INDEX, AS_OF).assess();
    }

    static String workload(String residency, String mechanisms, String extra) {
        return "workloads:\n"
                + "  - name: claims\n"
                + "    categories: [pii.email]\n"
                + "    data_subjects: [eu]\n"
                + "    residency: " + residency + "\n"
                + "    role: controller\n"
                + "    transfer_mechanisms: " + mechanisms + "\n"
                + extra;
    }

    static List<Kind> kinds(ResidencyReport r, String provider) {
        return r.findings().stream()
                .filter(f -> provider.equals(f.provider()))
                .map(Finding::kind)
                .toList();
    }

    static Finding first(ResidencyReport r, Kind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
    }

    // Rule 1: a known location is checked against the required residency with or without a profile (Art. 44).

    @Test
    void bedrockInUsEast1WithoutAProfileBreaksEuResidency() {
        ResidencyReport r = assess(
                workload("eu", "[sccs]", ""),
                null,
                new Dep(
                        "bedrock-us",
                        ProviderKind.BEDROCK,
                        "us-east-1",
                        "bedrock-us",
                        "bedrock-runtime.us-east-1.amazonaws.com"));
        Finding breach = first(r, Kind.RESIDENCY_BREACH);
        assertThat(breach.destinations()).containsExactly("us");
        assertThat(breach.articles()).contains("GDPR Art. 44");
        assertThat(breach.explanation()).contains("us (adequacy only for importers certified under the DPF)");
        assertThat(r.breach()).isTrue();
    }

    @Test
    void aUsInferenceProfileIsProcessedInTheUnitedStatesWhateverTheEndpoint() {
        String region = ProviderKind.BEDROCK.regionOf("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1");
        ResidencyReport r = assess(
                workload("eu", "[sccs]", ""),
                null,
                new Dep("bedrock-us", ProviderKind.BEDROCK, region, "claude-bedrock-eu", "bedrock.example"));
        assertThat(kinds(r, "bedrock-us")).startsWith(Kind.RESIDENCY_BREACH);
        assertThat(first(r, Kind.RESIDENCY_BREACH).destinations()).containsExactly("us");
    }

    @Test
    void vertexInLondonWithoutAProfileIsOutsideTheEuAndUnderTheUkAdequacyDecision() {
        ResidencyReport eu = assess(
                workload("eu", "[]", ""),
                null,
                new Dep(
                        "vertex",
                        ProviderKind.VERTEX,
                        "europe-west2",
                        "vertex",
                        "europe-west2-aiplatform.googleapis.com"));
        assertThat(first(eu, Kind.RESIDENCY_BREACH).destinations()).containsExactly("gb");
        assertThat(eu.breach()).isTrue();
        ResidencyReport none = assess(
                workload("none", "[]", ""),
                null,
                new Dep(
                        "vertex",
                        ProviderKind.VERTEX,
                        "europe-west2",
                        "vertex",
                        "europe-west2-aiplatform.googleapis.com"));
        assertThat(kinds(none, "vertex")).containsExactly(Kind.MANUAL_REVIEW, Kind.ADEQUACY);
        assertThat(first(none, Kind.ADEQUACY).explanation())
                .contains("of 19 December 2025 renewing Decision (EU) 2021/1772")
                .doesNotContain("not itself a transfer");
        assertThat(none.breach())
                .as("an adequate destination needs no other mechanism")
                .isFalse();
    }

    @Test
    void anAzureGlobalDeploymentMayProcessAnywhere() {
        String region = AzureDataZone.GLOBAL.processingRegion("swedencentral");
        ResidencyReport r = assess(
                workload("eu", "[sccs]", ""),
                null,
                new Dep("azure", ProviderKind.AZURE_OPENAI, region, "azure", "x.openai.azure.com"));
        assertThat(first(r, Kind.RESIDENCY_BREACH).destinations()).containsExactly("any");
        assertThat(kinds(r, "azure")).contains(Kind.SCCS_TIA);
    }

    // Rule 2: a region is a place; the operator's seat is a separate axis.

    @Test
    void londonAndZurichRegionsAreNotEuWhateverTheirPrefix() {
        for (String region : List.of("eu-west-2", "eu-central-2")) {
            ResidencyReport r = assess(
                    workload("eu", "[sccs]", ""),
                    null,
                    new Dep("aws", ProviderKind.OPENAI_COMPATIBLE, region, "host", "aws.example"));
            assertThat(first(r, Kind.RESIDENCY_BREACH).destinations())
                    .containsExactly(region.equals("eu-west-2") ? "gb" : "ch");
            assertThat(first(r, Kind.ADEQUACY).articles()).containsExactly("GDPR Art. 45");
        }
    }

    @Test
    void anAdequacyDecisionCountsFromTheDayItWasAdopted() {
        ResidencyReport r = assess(
                workload("none", "[]", ""),
                null,
                new Dep("sao-paulo", ProviderKind.OPENAI_COMPATIBLE, "sa-east-1", "host-br", "x"));
        assertThat(first(r, Kind.ADEQUACY).explanation()).contains("(EU) 2026/179 of 26 January 2026");
        assertThat(dev.sovereign.residency.internal.Adequacy.of("br", LocalDate.parse("2026-01-25")))
                .isEmpty();
    }

    @Test
    void aPartialAdequacyDecisionIsCitedWithItsScope() {
        ResidencyReport canada = assess(
                workload("none", "[]", ""),
                null,
                new Dep("montreal", ProviderKind.OPENAI_COMPATIBLE, "ca-central-1", "host-ca", "x"));
        assertThat(first(canada, Kind.ADEQUACY).explanation())
                .contains("Decision 2002/2/EC of 20 December 2001 (Canada) (commercial organisations subject to PIPEDA"
                        + " only)");
        ResidencyReport singapore = assess(
                workload("none", "[]", ""),
                null,
                new Dep("sg", ProviderKind.OPENAI_COMPATIBLE, "ap-southeast-1", "host-sg", "x"));
        assertThat(first(singapore, Kind.MISSING_MECHANISM).destinations()).containsExactly("sg");
    }

    @Test
    void theOrganisationsOwnServersOutsideTheEeaAreNoTransferButALocalLawRisk() {
        ResidencyReport r = assess(
                "sites: {sgp-dc1: sg}\n" + workload("none", "[]", ""),
                null,
                new Dep("dc", ProviderKind.OPENAI_COMPATIBLE, "sgp-dc1", "self-hosted-open-weights", "gpu.internal"));
        assertThat(kinds(r, "dc")).containsExactly(Kind.NO_TRANSFER);
        Finding f = first(r, Kind.NO_TRANSFER);
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.articles()).contains("GDPR Art. 32");
        assertThat(f.explanation()).contains("no other controller or processor receives it");
        assertThat(r.breach()).isFalse();
    }

    // Rule 3: cross-region inference and global endpoints are sets of destinations.

    @Test
    void anApacProfileIsARestrictedTransferToTheCountriesWithoutAdequacy() {
        ResidencyReport r = assess(
                workload("none", "[sccs]", ""),
                null,
                new Dep("apac", ProviderKind.BEDROCK, "apac", "claude-bedrock-eu", "bedrock.example"));
        Finding sccs = first(r, Kind.SCCS_TIA);
        assertThat(sccs.destinations()).contains("jp", "kr", "in", "sg", "au");
        assertThat(sccs.explanation())
                .contains("A restricted transfer to ")
                .contains("in, ")
                .contains("(adequacy covers jp, kr)");
    }

    @Test
    void mistralWithoutTheEuEndpointIsNotEuProcessingAndTheEuEndpointSaysEfta() {
        ResidencyReport global =
                assess(workload("eu", "[sccs]", ""), null, new Dep("mistral", null, null, "mistral", "api.mistral.ai"));
        assertThat(first(global, Kind.RESIDENCY_BREACH).explanation()).contains("Mistral's global endpoint");
        ResidencyReport eu = assess(
                workload("eea", "[sccs]", ""), null, new Dep("mistral", null, null, "mistral", "api.eu.mistral.ai"));
        Finding breach = first(eu, Kind.RESIDENCY_BREACH);
        assertThat(breach.explanation()).contains("may include EFTA countries");
        assertThat(breach.destinations()).containsExactly("eu", "ch", "is", "li", "no");
        assertThat(kinds(eu, "mistral")).contains(Kind.ADEQUACY);
    }

    // Rule 4: EU-region inference at a US hyperscaler is no transfer; the operator's reach is its own finding.

    @Test
    void anAzureEuDataZoneIsNoTransferAndItsRisksAreArticle28And32Findings() {
        ResidencyReport r = assess(
                workload("eu", "[]", ""),
                null,
                new Dep("azure-eu", ProviderKind.AZURE_OPENAI, "eu", "azure-eu", "x.openai.azure.com"));
        assertThat(kinds(r, "azure-eu"))
                .containsExactly(Kind.MANUAL_REVIEW, Kind.THIRD_COUNTRY_ACCESS, Kind.NO_TRANSFER);
        Finding access = first(r, Kind.THIRD_COUNTRY_ACCESS);
        assertThat(access.articles()).contains("GDPR Art. 28(1)", "GDPR Art. 32");
        assertThat(access.explanation()).contains("US-owned hyperscaler operates it, so US law");
        assertThat(r.findings()).noneMatch(f -> f.action().contains("Sign"));
        assertThat(r.breach()).isFalse();
    }

    // Rule 5: pseudonymised data is still personal data; masking removes only the categories it replaced.

    @Test
    void pseudonymizingBeforeAUsProviderLeavesTheTransferInTheAssessment() {
        String pseudonymize = """
                rules:
                  - id: pii-pseudonymized
                    when: categories.exists(c, c.startsWith('pii.'))
                    action: redact
                    mode: pseudonymize
                    categories: [pii.*]
                """;
        Dep anthropic = new Dep("anthropic", ProviderKind.ANTHROPIC, null, "anthropic", "api.anthropic.com");
        ResidencyReport r = assess(workload("none", "[sccs]", ""), pseudonymize, anthropic);
        Finding sccs = first(r, Kind.SCCS_TIA);
        assertThat(sccs.articles())
                .contains(
                        "GDPR Art. 4(5) and Recital 26 (pseudonymised data is personal data)",
                        "EDPB Recommendations 01/2020, Annex 2, use case 2");
        assertThat(sccs.explanation()).contains("rarely meets on its own");
        ResidencyReport masked =
                assess(workload("none", "[sccs]", ""), pseudonymize.replace("pseudonymize\n", "mask\n"), anthropic);
        assertThat(masked.findings()).isEmpty();
    }

    // Rule 6: declared safeguards are checked against the importer's facts.

    static final Dep US_IMPORTER =
            new Dep("us-api", ProviderKind.OPENAI_COMPATIBLE, "us-east-1", "no-profile", "api.example.com");

    @Test
    void aRestrictedTransferWithoutAMechanismIsABreach() {
        ResidencyReport r = assess(workload("none", "[]", ""), null, US_IMPORTER);
        Finding missing = first(r, Kind.MISSING_MECHANISM);
        assertThat(missing.severity()).isEqualTo(Severity.BREACH);
        assertThat(missing.explanation()).contains("(the workload declares none)");
        assertThat(r.breach()).isTrue();
    }

    @Test
    void theDpfServesOnlyACertifiedImporterForUsDestinationsAndHrDataNeedsItsHrScope() {
        String certified = "deployments:\n  us-api:\n    dpf: non_hr\n";
        ResidencyReport ok = assess(certified + workload("none", "[dpf]", ""), null, US_IMPORTER);
        assertThat(kinds(ok, "us-api")).containsExactly(Kind.MANUAL_REVIEW, Kind.ADEQUACY_DPF);
        assertThat(ok.breach()).isFalse();

        ResidencyReport hr =
                assess(certified + workload("none", "[dpf]", "    employee_data: true\n"), null, US_IMPORTER);
        assertThat(kinds(hr, "us-api")).contains(Kind.MISSING_MECHANISM, Kind.MECHANISM_MISMATCH);
        assertThat(first(hr, Kind.MECHANISM_MISMATCH).explanation()).contains("needs an HR certification");

        ResidencyReport global = assess(
                certified.replace("us-api", "global") + workload("none", "[dpf]", ""),
                null,
                new Dep("global", ProviderKind.BEDROCK, "global", "claude-bedrock-global", "bedrock.example"));
        assertThat(first(global, Kind.MECHANISM_MISMATCH).explanation())
                .contains("the DPF covers only US importers and US destinations");
        assertThat(global.breach()).isTrue();
    }

    @Test
    void the2021SccsDoNotServeAnImporterSubjectToTheGdprUnderArticle3Paragraph2() {
        ResidencyReport r = assess(
                "deployments:\n  us-api:\n    subject_to_gdpr_art3_2: true\n" + workload("none", "[sccs]", ""),
                null,
                US_IMPORTER);
        Finding mismatch = first(r, Kind.MECHANISM_MISMATCH);
        assertThat(mismatch.explanation()).contains("recital 7").contains("workloads.yaml:2");
        assertThat(kinds(r, "us-api")).contains(Kind.MISSING_MECHANISM);
    }

    @Test
    void theSccModuleFollowsTheRolesAndAnEeaContractingEntityMakesItAnOnwardTransfer() {
        ResidencyReport processor =
                assess(workload("none", "[sccs]", "").replace("controller", "processor"), null, US_IMPORTER);
        assertThat(first(processor, Kind.SCCS_TIA).action()).contains("Module 3, processor to processor");
        ResidencyReport controller = assess(workload("none", "[sccs]", ""), null, US_IMPORTER);
        assertThat(first(controller, Kind.SCCS_TIA).action()).contains("Module 2, controller to processor");
        ResidencyReport ireland = assess(
                "deployments:\n  us-api:\n    contracting_entity: {name: 'Anthropic Ireland, Limited', country: ie}\n"
                        + workload("none", "[sccs]", ""),
                null,
                US_IMPORTER);
        assertThat(first(ireland, Kind.SCCS_TIA).action())
                .contains("Module 3, processor to sub-processor, for the onward transfer from Anthropic Ireland,"
                        + " Limited to its parent outside the EEA");
    }

    @Test
    void theOrganisationsOwnBcrsDoNotCoverAProvider() {
        ResidencyReport r = assess(workload("none", "[bcrs]", ""), null, US_IMPORTER);
        assertThat(first(r, Kind.MECHANISM_MISMATCH).explanation())
                .contains("binding corporate rules cover transfers within a group");
        assertThat(r.breach()).isTrue();
        ResidencyReport bcrp =
                assess("deployments:\n  us-api:\n    bcrs: true\n" + workload("none", "[bcrs]", ""), null, US_IMPORTER);
        assertThat(kinds(bcrp, "us-api")).contains(Kind.SCCS_TIA).doesNotContain(Kind.MISSING_MECHANISM);
    }

    // Rule 7: special categories and controllers outside the EU.

    @Test
    void specialCategoriesToAThirdCountryNeedTheArticle9Paragraph2Condition() {
        String special = workload("none", "[sccs]", "").replace("[pii.email]", "[special.health]");
        ResidencyReport r = assess(special, null, US_IMPORTER);
        Finding f = first(r, Kind.SPECIAL_CATEGORIES_TRANSFER);
        assertThat(f.severity()).isEqualTo(Severity.BREACH);
        assertThat(f.articles()).contains("GDPR Art. 9(2)");
        ResidencyReport named = assess(special + "    art9_condition: 9(2)(h)\n", null, US_IMPORTER);
        assertThat(first(named, Kind.SPECIAL_CATEGORIES_TRANSFER).severity()).isEqualTo(Severity.WARN);
        assertThat(first(named, Kind.SPECIAL_CATEGORIES_TRANSFER).explanation()).contains("Art. 9(2)(h)");
        ResidencyReport undeclared = assess("establishment: eu\n", null, US_IMPORTER);
        assertThat(undeclared.findings())
                .filteredOn(x -> x.workload().equals("other") && x.kind() == Kind.SPECIAL_CATEGORIES_TRANSFER)
                .as("an undeclared workload's condition is unknown: a warning, not a breach")
                .isNotEmpty()
                .allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.WARN));
    }

    @Test
    void aControllerOutsideTheEuNeedsARepresentativeAndItsTransfersAreStillTransfers() {
        String us = "establishment: us\n" + workload("none", "[sccs]", "");
        ResidencyReport r = assess(us, null, US_IMPORTER);
        Finding rep = first(r, Kind.REPRESENTATIVE);
        assertThat(rep.severity()).isEqualTo(Severity.WARN);
        assertThat(rep.articles()).containsExactly("GDPR Art. 3(2)", "GDPR Art. 27");
        assertThat(first(r, Kind.SCCS_TIA).explanation())
                .contains("subject to the GDPR for this processing under Art. 3(2)");
        ResidencyReport named = assess("representative: {name: EU Rep GmbH, country: de}\n" + us, null, US_IMPORTER);
        assertThat(first(named, Kind.REPRESENTATIVE).severity()).isEqualTo(Severity.INFO);
        assertThat(first(named, Kind.REPRESENTATIVE).explanation()).contains("EU Rep GmbH (de)");
    }

    // Point 8: what a data-protection officer declares changes the findings, and they cite it.

    @Test
    void remoteAccessAndSubprocessorsInThirdCountriesAreTransfersOfTheirOwn() {
        String yaml = """
                deployments:
                  azure-eu:
                    remote_access: [{by: provider support, from: [us]}]
                    subprocessors: [{name: Follow-the-sun Ltd, country: in, purpose: support}]
                """;
        Dep azure = new Dep("azure-eu", ProviderKind.AZURE_OPENAI, "eu", "azure-openai-eu", "x.openai.azure.com");
        ResidencyReport none = assess(yaml + workload("eu", "[]", ""), null, azure);
        Finding missing = first(none, Kind.MISSING_MECHANISM);
        assertThat(missing.explanation())
                .contains("remote access by provider support from us")
                .contains("sub-processor Follow-the-sun Ltd in in")
                .contains("declared at workloads.yaml:2");
        assertThat(kinds(none, "azure-eu")).doesNotContain(Kind.RESIDENCY_BREACH);
        ResidencyReport sccs =
                assess(yaml + workload("eu", "[sccs]", "    transfer_impact_assessment: 2026-03-02\n"), null, azure);
        assertThat(first(sccs, Kind.SCCS_TIA).action()).contains("completed on 2026-03-02 (declared)");
    }

    @Test
    void measuresThatKeepTheKeysAwayLowerTheOperatorRiskToANote() {
        String yaml = """
                deployments:
                  azure-eu:
                    measures: {encryption_at_rest: true, keys_held_in: customer, zero_retention: true}
                """;
        Dep azure = new Dep("azure-eu", ProviderKind.AZURE_OPENAI, "eu", "azure-eu", "x.openai.azure.com");
        Finding access = first(assess(yaml + workload("eu", "[]", ""), null, azure), Kind.THIRD_COUNTRY_ACCESS);
        assertThat(access.severity()).isEqualTo(Severity.INFO);
        assertThat(access.explanation()).contains("keys held by the organisation, zero-retention terms");
        Finding bare = first(assess(workload("eu", "[]", ""), null, azure), Kind.THIRD_COUNTRY_ACCESS);
        assertThat(bare.severity()).isEqualTo(Severity.WARN);
        assertThat(bare.explanation()).contains("No supplementary measures are declared");
    }

    @Test
    void aDerogationServesOccasionalTransfersOnly() {
        ResidencyReport occasional = assess(
                workload("none", "[]", "    derogation: {point: b, frequency: occasional}\n"), null, US_IMPORTER);
        assertThat(first(occasional, Kind.DEROGATION).articles()).contains("GDPR Art. 49");
        assertThat(occasional.breach()).isFalse();
        ResidencyReport regular =
                assess(workload("none", "[]", "    derogation: {point: b, frequency: regular}\n"), null, US_IMPORTER);
        assertThat(first(regular, Kind.MECHANISM_MISMATCH).explanation()).contains("occasional transfers only");
        assertThat(regular.breach()).isTrue();
    }

    @Test
    void aWorkloadDeclaredWithoutPersonalDataThatSendsSomeIsFlagged() {
        ResidencyReport r = assess(workload("none", "[]", "    personal_data: false\n"), null, US_IMPORTER);
        assertThat(first(r, Kind.MANUAL_REVIEW).explanation()).contains("personal_data: false");
    }

    @Test
    void nonPersonalDataAtAUsReachableOperatorIsNoTransferWithTheDataActNote() {
        String yaml = workload("none", "[]", "    personal_data: false\n").replace("[pii.email]", "[financial.*]");
        ResidencyReport r = assess(yaml, null, new Dep("azure", ProviderKind.AZURE_OPENAI, "global", "azure", "x"));
        assertThat(r.findings()).extracting(Finding::kind).containsOnly(Kind.NO_TRANSFER);
        assertThat(r.findings().get(0).articles()).singleElement().asString().contains("Data Act) Art. 32");
        assertThat(r.breach()).isFalse();
    }

    @Test
    void theOrganisationsOwnSitesAreMappedToTheirCountry() {
        ResidencyReport r = assess(
                "sites: {fra-dc1: de, zrh-dc1: ch}\n" + workload("eu", "[]", ""),
                null,
                new Dep("dc", ProviderKind.OPENAI_COMPATIBLE, "zrh-dc1", "self-hosted-open-weights", "gpu.internal"));
        assertThat(first(r, Kind.RESIDENCY_BREACH).destinations()).containsExactly("ch");
        assertThat(first(r, Kind.RESIDENCY_BREACH).explanation()).contains("the organisation's site zrh-dc1");
    }
}
