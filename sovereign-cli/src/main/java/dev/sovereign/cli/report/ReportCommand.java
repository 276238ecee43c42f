package dev.sovereign.cli.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.cli.policy.PolicySource;
import dev.sovereign.cost.CostReport;
import dev.sovereign.report.OrganisationReport;
import dev.sovereign.report.Posture;
import dev.sovereign.report.PostureBuilder;
import dev.sovereign.report.ReportContext;
import dev.sovereign.report.ReportDocument;
import dev.sovereign.report.ReportJson;
import dev.sovereign.residency.ResidencyAssessment;
import dev.sovereign.residency.ResidencyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sovereign report}: the data-protection officer's report over a window of the audit trail, as Markdown,
 * a self-contained HTML page or JSON; {@code sovereign report posture} prints the organisation's posture alone.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        subcommands = {PostureCommand.class},
        description =
                "Write the AI data sovereignty report: where the organisation's requests went and under whose law,"
                        + " the Sovereignty Index of each deployment and the vendor risk events, with sources.")
public final class ReportCommand extends ReportRun {
    enum Format {
        markdown,
        html,
        json
    }

    @Mixin
    ReportOptions options;

    @Option(
            names = "--format",
            defaultValue = "markdown",
            description = "markdown, html or json. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path outFile;

    @Override
    int run() throws IOException {
        Instant from = options.fromInstant();
        Instant to = options.toInstant();
        PostureBuilder.Granularity granularity = options.granularity();
        ReportContext ctx = options.context();
        PolicySource.Loaded loaded = options.loaded();
        Posture posture;
        ResidencyReport assessment;
        CostReport costs;
        try (AuditStore store = options.openStoreIfAny()) {
            if (store == null) options.noTrail(err());
            posture = ctx.posture(store, from, to, granularity);
            assessment = ResidencyAssessment.run(
                    loaded.config(),
                    loaded.explainer(),
                    ctx.index(),
                    ctx.asOf(),
                    store,
                    from,
                    to,
                    "no audit trail yet: the assessment is from the policy alone");
            costs = ctx.costs(
                    loaded.config().prices(),
                    store,
                    from,
                    to,
                    loaded.config().prices().utilisation());
        }
        ReportDocument doc = OrganisationReport.document(
                ctx,
                posture,
                assessment,
                costs,
                Instant.now(options.clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String text = switch (format) {
            case markdown -> doc.markdown();
            case html -> doc.html();
            case json ->
                ReportJson.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc.json()) + "\n";
        };
        if (outFile == null) {
            out().print(text);
        } else {
            Files.writeString(outFile, text, StandardCharsets.UTF_8);
            err().println("wrote " + outFile);
        }
        return OK;
    }
}
