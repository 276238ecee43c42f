package dev.sovereign.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.policy.PolicyMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsTest {
    static final List<String> KNOWN = List.copyOf(PolicyMatrix.rowCategories(null));

    static Workloads parse(String yaml) {
        return Workloads.parse("workloads.yaml", yaml, KNOWN);
    }

    static final String GOOD = """
            establishment: eu
            workloads:
              - name: hr-assistant
                description: HR questions from employees
                categories: [pii.*, special.health]
                data_subjects: [eu, 'no']
                residency: eea
                role: controller
                transfer_mechanisms: [sccs, bcrs]
              - name: support
                categories: pii.email
                data_subjects: [any]
                residency: DE
                role: processor
            """;

    @Test
    void readsEveryField() {
        Workloads w = parse(GOOD);
        assertThat(w.file()).isEqualTo("workloads.yaml");
        assertThat(w.establishment()).isEqualTo("eu");
        assertThat(w.workloads())
                .containsExactly(
                        new Workload(
                                "hr-assistant",
                                "HR questions from employees",
                                List.of("pii.*", "special.health"),
                                List.of("eu", "no"),
                                "eea",
                                Workload.Role.CONTROLLER,
                                List.of("sccs", "bcrs"),
                                true),
                        new Workload(
                                "support",
                                null,
                                List.of("pii.email"),
                                List.of("any"),
                                "de",
                                Workload.Role.PROCESSOR,
                                List.of(),
                                true));
    }

    @Test
    void noFileMeansNoWorkloadAndAnEuEstablishment(@TempDir Path dir) {
        Workloads w = Workloads.load(dir.resolve("workloads.yaml"), KNOWN);
        assertThat(w.file()).isNull();
        assertThat(w.workloads()).isEmpty();
        assertThat(w.establishment()).isEqualTo("eu");
    }

    @Test
    void aFileIsNamedByItsPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("workloads.yaml"), GOOD.replace("role: processor", "role: owner"));
        assertThatThrownBy(() -> Workloads.load(file, KNOWN))
                .isInstanceOf(WorkloadsException.class)
                .hasMessage(file + ":14: workloads[1] (support).role: 'owner' is not one of: controller, processor");
    }

    @Test
    void eachProblemIsNamedWithItsLineAndSetting() {
        assertThatThrownBy(() -> parse(GOOD.replace("    residency: eea\n", "    residency: eea\n    residence: eu\n")))
                .hasMessage("workloads.yaml:8: workloads[0] (hr-assistant).residence: unknown setting 'residence';"
                        + " expected one of: art9_condition, categories, data_subjects, derogation, description,"
                        + " employee_data, name, personal_data, residency, role, transfer_impact_assessment,"
                        + " transfer_mechanisms");
        assertThatThrownBy(() -> parse(GOOD.replace("special.health", "special.healht")))
                .hasMessage("workloads.yaml:5: workloads[0] (hr-assistant).categories: 'special.healht' is not a"
                        + " built-in category or one the policy names (for the whole family: special.*)");
        assertThatThrownBy(() -> parse(GOOD.replace("categories: pii.email", "categories: [pii.email, Bad]")))
                .hasMessage("workloads.yaml:11: workloads[1] (support).categories: 'Bad' is not a category or family"
                        + " (pii.email, special.*)");
        assertThatThrownBy(() -> parse(GOOD.replace("residency: DE", "residency: germany")))
                .hasMessage("workloads.yaml:13: workloads[1] (support).residency: 'germany' is not eu, eea, none, or a"
                        + " two-letter country code");
        assertThatThrownBy(() -> parse(GOOD.replace("    residency: DE\n", "")))
                .hasMessage("workloads.yaml:10: workloads[1] (support).residency: required: eu, eea, none or a country"
                        + " code (where it must be processed)");
        assertThatThrownBy(() -> parse(GOOD.replace("name: support", "name: hr-assistant")))
                .hasMessage("workloads.yaml:10: workloads[1] (hr-assistant).name: another workload has the name"
                        + " 'hr-assistant'");
        assertThatThrownBy(() -> parse(GOOD.replace("[sccs, bcrs]", "[sccs, consent]")))
                .hasMessage("workloads.yaml:9: workloads[0] (hr-assistant).transfer_mechanisms: 'consent' is not one"
                        + " of: sccs, bcrs, dpf, code_of_conduct, certification");
        assertThatThrownBy(() -> parse(GOOD.replace("[eu, 'no']", "[europe]")))
                .hasMessage("workloads.yaml:6: workloads[0] (hr-assistant).data_subjects: 'europe' is not eu, eea, any"
                        + " or a two-letter country code");
        assertThatThrownBy(() -> parse("workload:\n  - name: x\n"))
                .hasMessage("workloads.yaml:1: workload: unknown setting 'workload'; expected one of: deployments,"
                        + " establishment, representative, sites, workloads");
        assertThatThrownBy(() -> parse("workloads:\n  - name: [x\n"))
                .isInstanceOf(WorkloadsException.class)
                .hasMessageStartingWith("workloads.yaml:2: not valid YAML: ");
    }

    @Test
    void categoriesThePolicyNamesAreAccepted() {
        String yaml = GOOD.replace("special.health", "custom.project_code");
        assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("'custom.project_code' is not a built-in category");
        Workloads w = Workloads.parse("workloads.yaml", yaml, List.of("pii.email", "custom.project_code"));
        assertThat(w.workloads().get(0).categories()).containsExactly("pii.*", "custom.project_code");
    }
}
