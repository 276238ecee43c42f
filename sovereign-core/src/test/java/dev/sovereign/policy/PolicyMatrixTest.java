package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.Categories;
import dev.sovereign.classify.Classifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyMatrixTest {
    static final PolicyMatrix GOOD =
            PolicyMatrix.of(Explainer.of(PolicyTest.load(PolicyTest.GOOD), Classifier.defaults()));

    static PolicyMatrix.Cell cell(PolicyMatrix m, List<String> categories, String workload) {
        return m.cells().stream()
                .filter(c -> c.categories().equals(categories) && c.workload().equals(workload))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void columnsAreTheWorkloadsThePolicyNamesAndOther() {
        assertThat(GOOD.workloads()).containsExactly("hr-assistant", "other");
        assertThat(GOOD.assumptions().models()).containsExactly("claude-*", "eu.claude-*", "llama*");
        assertThat(GOOD.categories().get(0)).as("no sensitive data comes first").isEmpty();
        assertThat(GOOD.categories().subList(1, GOOD.categories().size()))
                .extracting(c -> c.get(0))
                .containsExactlyElementsOf(Categories.builtIn());
        assertThat(GOOD.cells()).hasSize(GOOD.categories().size() * 2);
    }

    @Test
    void eachCellSaysWhereTheDataGoes() {
        PolicyMatrix.Cell health = cell(GOOD, List.of("special.health"), "other");
        assertThat(health.family()).isEqualTo("special");
        assertThat(health.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.models()).containsExactly("claude-*", "eu.claude-*", "llama*");
            assertThat(o.action()).isEqualTo("forward");
            assertThat(o.rule()).isEqualTo("special-local");
            assertThat(o.route()).isEqualTo("self-hosted");
            assertThat(o.provider()).isEqualTo("local");
            assertThat(o.jurisdiction()).isEqualTo("eu");
            assertThat(o.reaching()).containsExactly("special.health");
            assertThat(o.brokenGuarantees()).isEmpty();
        });
        PolicyMatrix.Cell email = cell(GOOD, List.of("pii.email"), "other");
        assertThat(email.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo("redact");
            assertThat(o.provider()).isEqualTo("claude-eu");
            assertThat(o.region()).isEqualTo("eu-central-1");
            assertThat(o.redaction().categories()).containsExactly("pii.*");
            assertThat(o.reaching()).isEmpty();
        });
        assertThat(cell(GOOD, List.of("secret.private_key"), "hr-assistant").outcomes())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.action()).isEqualTo("block");
                    assertThat(o.provider()).isNull();
                });
        assertThat(cell(GOOD, List.of("pii.email"), "hr-assistant").outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.rule()).isEqualTo("special-local"));
    }

    @Test
    void aCellThatDependsOnTheModelListsEachOutcomeWithItsModels() {
        PolicyMatrix.Cell none = cell(GOOD, List.of(), "other");
        assertThat(none.family()).isNull();
        assertThat(none.outcomes())
                .extracting(PolicyMatrix.Outcome::models, PolicyMatrix.Outcome::provider)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of("claude-*"), "anthropic"),
                        org.assertj.core.groups.Tuple.tuple(List.of("eu.claude-*"), "claude-eu"),
                        org.assertj.core.groups.Tuple.tuple(List.of("llama*"), "local"));
        assertThat(none.outcomes()).allSatisfy(o -> assertThat(o.rule()).isEqualTo("by-model"));
    }

    @Test
    void categoriesWorkloadsAndLabelsThePolicyNamesBecomeRowsAndColumns() {
        Policy p = PolicyTest.load(PolicyTest.ROUTES + """
                rules:
                  - id: confidential-local
                    when: "'confidential' in labels || labels.exists(l, l == 'internal')"
                    action: forward
                    route: self-hosted
                  - id: legal
                    when: workload in ['legal', 'compliance'] || 'dpo' == workload || workload.startsWith('x-')
                    action: forward
                    route: self-hosted
                  - id: project-x
                    when: "'custom.project_x' in categories"
                    action: redact
                    categories: [custom.project_x]
                    route: claude-eu
                  - id: rest
                    action: forward
                    route: claude-eu
                guarantees:
                  - id: hr
                    workloads: [hr-assistant]
                    categories: [custom.salary]
                    allow: {routes: [self-hosted, claude-eu]}
                """);
        PolicyMatrix m = PolicyMatrix.of(Explainer.of(p, Classifier.defaults()));
        assertThat(m.workloads()).containsExactly("legal", "compliance", "dpo", "hr-assistant", "other");
        assertThat(m.categories())
                .contains(
                        List.of("custom.project_x"),
                        List.of("custom.salary"),
                        List.of("label.confidential"),
                        List.of("label.internal"));
        assertThat(cell(m, List.of("label.internal"), "other").outcomes())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.rule()).isEqualTo("confidential-local");
                    assertThat(o.reaching()).containsExactly("label.internal");
                });
        assertThat(cell(m, List.of("custom.project_x"), "other").outcomes())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.action()).isEqualTo("redact");
                    assertThat(o.reaching()).isEmpty();
                });
        assertThat(cell(m, List.of(), "dpo").outcomes().get(0).rule()).isEqualTo("legal");
    }

    @Test
    void chosenWorkloadsAndModelsReplaceTheDefaults() {
        PolicyMatrix m = PolicyMatrix.of(
                Explainer.of(PolicyTest.load(PolicyTest.GOOD), Classifier.defaults()),
                List.of("support"),
                List.of("llama3"));
        assertThat(m.workloads()).containsExactly("support");
        assertThat(m.assumptions().models()).containsExactly("llama3");
        assertThat(cell(m, List.of(), "support").outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.provider()).isEqualTo("local"));
    }

    @Test
    void theJsonFormIsStable() {
        JsonNode json = GOOD.toJsonTree();
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("policy", "assumptions", "workloads", "categories", "cells");
        assertThat(json.path("assumptions").toString())
                .isEqualTo("{\"api\":\"openai\",\"operation\":\"chat_completions\",\"stream\":false,"
                        + "\"size_bytes\":1000,\"models\":[\"claude-*\",\"eu.claude-*\",\"llama*\"]}");
        JsonNode health = null;
        for (JsonNode c : json.path("cells")) {
            if (c.path("categories").toString().equals("[\"special.health\"]")
                    && c.path("workload").asText().equals("other")) health = c;
        }
        assertThat(health.toString())
                .isEqualTo("{\"categories\":[\"special.health\"],\"family\":\"special\",\"workload\":\"other\","
                        + "\"outcomes\":[{\"models\":[\"claude-*\",\"eu.claude-*\",\"llama*\"],\"action\":\"forward\","
                        + "\"rule\":\"special-local\",\"route\":\"self-hosted\",\"provider\":\"local\","
                        + "\"region\":\"local\",\"jurisdiction\":\"eu\",\"redaction\":null,"
                        + "\"reaching\":[\"special.health\"],\"broken_guarantees\":[]}]}");
        assertThat(GOOD.toJson()).isEqualTo(json.toString());
    }
}
