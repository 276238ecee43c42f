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

    static final String DECLARED = """
            representative: {name: EU Rep GmbH, country: de}
            sites: {fra-dc1: de}
            deployments:
              anthropic:
                contracting_entity: {name: "Anthropic Ireland, Limited", country: ie}
                dpf: non_hr
                subject_to_gdpr_art3_2: false
                remote_access: [{by: provider support, from: [us]}]
                measures: {encryption_in_transit: true, keys_held_in: customer, zero_retention: true}
                subprocessors: [{name: Amazon Web Services, country: us, purpose: hosting}]
            workloads:
              - name: claims
                categories: [pii.*, special.health]
                data_subjects: [eu]
                residency: none
                role: controller
                transfer_mechanisms: [sccs]
                art9_condition: 9(2)(h)
                transfer_impact_assessment: 2026-03-02
                derogation: {point: b, frequency: occasional}
                employee_data: true
            """;

    @Test
    void whatADataProtectionOfficerDeclaresIsRead() {
        Workloads w = parse(DECLARED);
        assertThat(w.representative()).isEqualTo(new Workloads.Representative("EU Rep GmbH", "de"));
        assertThat(w.sites()).containsEntry("fra-dc1", "de");
        DeploymentDeclaration d = w.deployment("anthropic").orElseThrow();
        assertThat(d.at()).isEqualTo("workloads.yaml:4");
        assertThat(d.contractingEntity()).isEqualTo("Anthropic Ireland, Limited");
        assertThat(d.contractingCountry()).isEqualTo("ie");
        assertThat(d.dpfCovers(false)).isTrue();
        assertThat(d.dpfCovers(true))
                .as("a non-HR certification does not cover HR data")
                .isFalse();
        assertThat(d.subjectToGdpr()).isFalse();
        assertThat(d.remoteAccess())
                .containsExactly(new DeploymentDeclaration.RemoteAccess("provider support", List.of("us")));
        assertThat(d.measures().keysOutOfReach()).isTrue();
        assertThat(d.subprocessors())
                .extracting(DeploymentDeclaration.Subprocessor::country)
                .containsExactly("us");
        Declarations c = w.workloads().get(0).declarations();
        assertThat(c.art9Condition()).isEqualTo("9(2)(h)");
        assertThat(c.tiaDone()).hasToString("2026-03-02");
        assertThat(c.derogation()).isEqualTo(new Declarations.Derogation("b", "occasional"));
        assertThat(c.employeeData()).isTrue();
        assertThat(c.personalData()).isTrue();
    }

    @Test
    void eachDeclarationProblemIsNamedWithItsLineAndSetting() {
        assertThatThrownBy(() -> parse(DECLARED.replace("dpf: non_hr", "dpf: yes-ish")))
                .hasMessage("workloads.yaml:6: deployments.anthropic.dpf: 'yes-ish' is not one of: none, non_hr, hr,"
                        + " hr_and_non_hr");
        assertThatThrownBy(() -> parse(DECLARED.replace("from: [us]", "from: [usa]")))
                .hasMessage("workloads.yaml:8: deployments.anthropic.remote_access[0].from: 'usa' is not a two-letter"
                        + " country code");
        assertThatThrownBy(() -> parse(DECLARED.replace("keys_held_in: customer", "keys_held_in: vault")))
                .hasMessage("workloads.yaml:9: deployments.anthropic.measures.keys_held_in: 'vault' is not customer or"
                        + " a two-letter country code");
        assertThatThrownBy(() -> parse(DECLARED.replace("9(2)(h)", "9(2)(k)")))
                .hasMessage("workloads.yaml:18: workloads[0] (claims).art9_condition: '9(2)(k)' is not an Art. 9(2)"
                        + " condition (9(2)(a) to 9(2)(j))");
        assertThatThrownBy(() -> parse(DECLARED.replace("2026-03-02", "last spring")))
                .hasMessage("workloads.yaml:19: workloads[0] (claims).transfer_impact_assessment: 'last spring' is not"
                        + " a date (YYYY-MM-DD): the day the assessment was completed");
        assertThatThrownBy(() -> parse(DECLARED.replace("frequency: occasional", "frequency: daily")))
                .hasMessage("workloads.yaml:20: workloads[0] (claims).derogation.frequency: 'daily' is not one of:"
                        + " occasional, regular");
        assertThatThrownBy(() -> parse(DECLARED.replace("employee_data: true", "employee_data: maybe")))
                .hasMessage("workloads.yaml:21: workloads[0] (claims).employee_data: expected true or false");
        assertThatThrownBy(() -> parse(DECLARED.replace("sites: {fra-dc1: de}", "sites: {fra-dc1: germany}")))
                .hasMessage("workloads.yaml:2: sites.fra-dc1: 'germany' is not a two-letter country code");
        assertThatThrownBy(() -> parse(
                        DECLARED.replace("    bcrs", "    bcr").replace("dpf: non_hr", "dpf: non_hr\n    bcr: true")))
                .hasMessageStartingWith("workloads.yaml:7: deployments.anthropic.bcr: unknown setting 'bcr'");
    }

    @Test
    void categoriesThePolicyNamesAreAccepted() {
        String yaml = GOOD.replace("special.health", "custom.project_code");
        assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("'custom.project_code' is not a built-in category");
        Workloads w = Workloads.parse("workloads.yaml", yaml, List.of("pii.email", "custom.project_code"));
        assertThat(w.workloads().get(0).categories()).containsExactly("pii.*", "custom.project_code");
    }
}
