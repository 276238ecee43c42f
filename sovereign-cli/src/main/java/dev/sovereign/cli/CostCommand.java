package dev.sovereign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.AuditTime;
import dev.sovereign.audit.AuditedRequests;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.cost.CostReport;
import dev.sovereign.cost.CostReportJson;
import dev.sovereign.cost.CostReportText;
import dev.sovereign.cost.PriceTableText;
import dev.sovereign.cost.Prices;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.store.AuditStores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sovereign cost}: estimated spend from the audit trail per workload, provider, model, team and key, and what
 * the same traffic would cost on every priced option beside its Sovereignty Index. Reads the configuration and the
 * trail as {@code sovereign audit} does; with no trail yet, prices a million tokens on each option. A bad argument,
 * an invalid price file or an unreachable store ends with one line on standard error and exit code 2.
 */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description = "Estimate spend from the audit trail and compare it with every priced option (API deployments,"
                + " self-hosted GPU and Trainium instances) beside their Sovereignty Index.")
final class CostCommand implements Callable<Integer> {
    enum Format {
        table,
        json,
        markdown
    }

    @Mixin
    ConfigOptions config;

    @Option(names = "--from", paramLabel = "T", description = "Requests from this time: " + AuditTime.FORMS + ".")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "Requests before this time (a date includes its whole day).")
    String to;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "Price the options and score their sovereignty as of this date (default: today).")
    String asOf;

    @Option(
            names = "--utilisation",
            paramLabel = "X",
            description = "Share of paid hours a self-hosted instance serves at its assumed throughput, in (0, 1]"
                    + " (default: prices.yaml, else 0.5).")
    Double utilisation;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json or markdown. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--prices", description = "List the price table with its sources instead.")
    boolean prices;

    @Spec
    CommandSpec spec;

    /** The clock ages ({@code 7d}) and the default date count from; replaceable by tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            GatewayConfig loaded = config.load();
            Prices table = loaded.prices();
            double u = utilisation == null ? table.utilisation() : utilisation;
            if (!(u > 0 && u <= 1)) throw new Failure("--utilisation: must be more than 0 and at most 1, not " + u);
            if (prices) {
                switch (format) {
                    case json -> out.println(pretty(CostReportJson.prices(table, u)));
                    case table -> out.print(PriceTableText.of(table, u, false));
                    case markdown -> out.print(PriceTableText.of(table, u, true));
                }
                return 0;
            }
            LocalDate date = date();
            Instant fromTime = from == null ? null : time("--from", from, AuditTime.DateAs.START_OF_DAY);
            Instant toTime = to == null ? null : time("--to", to, AuditTime.DateAs.END_OF_DAY);
            SovereigntyIndex index = SovereigntyIndex.load(config.dir);
            Map<String, String> profiles = new HashMap<>();
            for (ProviderConfig p : loaded.providers()) profiles.put(p.id(), p.profile());
            // A provider no longer configured is priced under the profile of its id, as the loader defaults it.
            CostReport.Builder builder = CostReport.builder(
                            table, index, date, u, id -> id == null ? null : profiles.getOrDefault(id, id))
                    .period(fromTime, toTime);
            read(loaded.audit(), fromTime, toTime, builder);
            CostReport report = builder.build();
            switch (format) {
                case json -> out.println(pretty(CostReportJson.of(report)));
                case table -> out.print(CostReportText.table(report));
                case markdown -> out.print(CostReportText.markdown(report));
            }
            return 0;
        } catch (Failure | AuditStoreException e) {
            return fail(e.getMessage());
        } catch (ConfigException e) {
            return fail("invalid configuration: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        } finally {
            out.flush();
        }
    }

    /**
     * Feeds the trail's requests to {@code builder}. A SQLite trail that does not exist yet is no traffic (the
     * gateway creates it on its first request), not an error.
     */
    private void read(AuditConfig audit, Instant fromTime, Instant toTime, CostReport.Builder builder) {
        if (!audit.enabled()) return;
        if (!audit.postgres()) {
            Path file = Path.of(audit.store().substring("sqlite:".length()));
            if (!Files.isRegularFile(file)) return;
        }
        try (AuditStore store = AuditStores.open(audit)) {
            AuditedRequests.read(store, fromTime, toTime, builder);
        }
    }

    private LocalDate date() {
        if (asOf == null) return LocalDate.now(clock);
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new Failure("--as-of: '" + asOf + "' is not a date (YYYY-MM-DD)");
        }
    }

    private Instant time(String option, String text, AuditTime.DateAs dateAs) {
        try {
            return AuditTime.parse(text, clock, dateAs);
        } catch (IllegalArgumentException e) {
            throw new Failure(option + ": " + e.getMessage());
        }
    }

    private static String pretty(ObjectNode node) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sovereign cost: "
                + (message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ")));
        err.flush();
        return 2;
    }

    /** A reason the command cannot go on, said in one line. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
