package dev.sovereign.cli.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.report.Posture;
import dev.sovereign.report.PostureBuilder;
import dev.sovereign.report.PostureMarkdown;
import dev.sovereign.report.ReportContext;
import dev.sovereign.report.ReportJson;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sovereign report posture}: the organisation's sovereignty posture computed from its audit trail. */
@Command(
        name = "posture",
        mixinStandardHelpOptions = true,
        description =
                "The organisation's sovereignty posture from its traffic: the Sovereignty Index of where requests went,"
                        + " weighted by requests and tokens, over time; categories by jurisdiction; per workload, key,"
                        + " team and provider; sensitive data outside EU jurisdiction by rule.")
final class PostureCommand extends ReportRun {
    enum Format {
        markdown,
        json
    }

    @Mixin
    ReportOptions options;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json. Default: ${DEFAULT-VALUE}")
    Format format;

    @Override
    int run() throws IOException {
        Instant from = options.fromInstant();
        Instant to = options.toInstant();
        PostureBuilder.Granularity granularity = options.granularity();
        ReportContext ctx = options.context();
        Posture posture;
        try (AuditStore store = options.openStoreIfAny()) {
            if (store == null) options.noTrail(err());
            posture = ctx.posture(store, from, to, granularity);
        }
        if (format == Format.json) {
            out().println(ReportJson.MAPPER
                    .writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(posture.toJson()));
        } else {
            out().print(PostureMarkdown.render(posture, 1));
        }
        return OK;
    }
}
