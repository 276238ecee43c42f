package dev.sovereign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sovereign.index.IndexReport;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.index.Weights;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sovereign index}: the Enterprise AI Sovereignty Index of each provider deployment, as of a date. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description =
                "Score each provider deployment 0-100 from sourced facts by the published rubric, and explain every"
                        + " difference from the published index.")
final class IndexCommand implements Callable<Integer> {
    enum Format {
        json,
        table,
        markdown
    }

    @Mixin
    ConfigOptions config;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "Use the facts and events as they stood on this date (default: today).")
    String asOf;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "json, table or markdown. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(
            names = "--weights",
            paramLabel = "J,L,I,C",
            description = "Weights of jurisdiction, lock-in, infrastructure and compliance (default 35,30,20,15).")
    String weights;

    @Option(
            names = "--domicile",
            defaultValue = "eu",
            description =
                    "Where the organisation is established, for licence gates (eu, or another code). Default: ${DEFAULT-VALUE}")
    String domicile;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate date;
        Weights w;
        SovereigntyIndex index;
        try {
            date = asOf == null ? LocalDate.now(clock) : LocalDate.parse(asOf);
            w = weights == null ? Weights.PUBLISHED : Weights.parse(weights);
            index = SovereigntyIndex.load(config.dir);
        } catch (DateTimeParseException e) {
            err.println("sovereign index: --as-of: '" + asOf + "' is not a date (YYYY-MM-DD)");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("sovereign index: " + e.getMessage());
            return 2;
        }
        LocalDate firstChecked = index.catalog().profiles().values().stream()
                .flatMap(p -> p.facts().values().stream())
                .flatMap(java.util.List::stream)
                .filter(f -> f.from() == null && f.checked() != null)
                .map(dev.sovereign.index.Fact::checked)
                .min(LocalDate::compareTo)
                .orElse(null);
        if (firstChecked != null && date.isBefore(firstChecked)) {
            err.println("sovereign index: warning: facts without a start date were checked on " + firstChecked
                    + " or later; on " + date + " they are assumed to have held already, so these scores project"
                    + " today's knowledge backwards rather than record that day");
            err.flush();
        }
        IndexReport report = new IndexReport(index, date, w, domicile.toLowerCase(java.util.Locale.ROOT));
        switch (format) {
            case json ->
                out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report.json()));
            case table -> out.print(report.table());
            case markdown -> out.print(report.markdown());
        }
        out.flush();
        return 0;
    }
}
