package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.residency.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of the README's "Residency assessment" section, run as printed there: its {@code
 * providers.yaml} and {@code workloads.yaml} are written to a configuration directory, {@code sovereign assess} is
 * run, and every line of the output the README shows (lines shortened with "…" up to the ellipsis) must be in the
 * output, with the exit code the README states.
 */
class AssessReadmeExampleTest {
    static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    /** The fenced block after {@code <!-- residency-example: name -->}. */
    static String block(String readme, String name) {
        Matcher m = Pattern.compile(
                        "<!-- residency-example: " + Pattern.quote(name) + " -->\\n```[a-z]*\\n(.*?)```",
                        Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README block " + name).isTrue();
        return m.group(1);
    }

    @Test
    void theReadmesDeclarationsExampleLoads() throws Exception {
        Workloads w = Workloads.parse(
                "workloads.yaml", block(Files.readString(README), "declarations"), PolicyMatrix.rowCategories(null));
        assertThat(w.representative()).isNotNull();
        assertThat(w.deployment("anthropic").orElseThrow().remoteAccess()).hasSize(1);
        assertThat(w.workloads().get(0).declarations().art9Condition()).isEqualTo("9(2)(b)");
    }

    @Test
    void theReadmesWorkedExampleGivesTheOutputItShows() throws Exception {
        String readme = Files.readString(README);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("providers.yaml"), block(readme, "providers.yaml"));
        Files.writeString(config.resolve("workloads.yaml"), block(readme, "workloads.yaml"));
        Files.writeString(config.resolve("policy.yaml"), block(readme, "policy.yaml"));
        CliTest.Run r = CliTest.run("assess", "--config", config.toString(), "--no-traffic", "--as-of", "2026-11-26");
        assertThat(r.err()).isEmpty();
        assertThat(readme)
                .contains("`./sovereign assess --no-traffic --as-of 2026-11-26` prints (explanations shortened"
                        + " here) and exits with " + r.exit() + ":");
        List<String> shown = block(readme, "output").lines().toList();
        assertThat(shown).hasSizeGreaterThan(5);
        String out = r.out().replace(config.toString(), "config");
        for (String line : shown) {
            int ellipsis = line.indexOf('…');
            assertThat(out)
                    .as(r.out())
                    .contains(ellipsis < 0 ? line : line.substring(0, ellipsis).stripTrailing());
        }
    }

    @Test
    void theJsonSampleNamesOnlyFieldsAssessPrints() throws Exception {
        String readme = Files.readString(README);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("providers.yaml"), block(readme, "providers.yaml"));
        Files.writeString(config.resolve("workloads.yaml"), block(readme, "workloads.yaml"));
        Files.writeString(config.resolve("policy.yaml"), block(readme, "policy.yaml"));
        CliTest.Run r = CliTest.run(
                "assess", "--config", config.toString(), "--no-traffic", "--as-of", "2026-11-26", "--format", "json");
        assertThat(r.err()).isEmpty();
        dev.sovereign.cli.readme.ReadmeExamplesTest.assertNamesOnlyPrintedFields(
                dev.sovereign.cli.readme.ReadmeExamplesTest.jsonSampleAfter("(?m)^`--format json` prints one object"),
                r.out());
    }
}
