package dev.sovereign.cli.report;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditTime;
import dev.sovereign.cli.policy.PolicySource;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.index.Weights;
import dev.sovereign.report.PostureBuilder;
import dev.sovereign.report.ReportContext;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the report commands share: the configuration read as {@code serve} reads it, the audit trail it names, the
 * time window, and the index settings. Bad values fail with {@link ReportFailure} and one precise line.
 */
public final class ReportOptions {
    @Mixin
    PolicySource source;

    @Option(
            names = "--from",
            defaultValue = "30d",
            paramLabel = "TIME",
            description = "Start of the window: " + AuditTime.FORMS + ". Default: ${DEFAULT-VALUE}")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "End of the window (exclusive; a date covers its whole day). Default: now")
    String to;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "Take the index facts and events as of this date. Default: the end of the window")
    String asOf;

    @Option(
            names = "--weights",
            paramLabel = "J,L,I,C",
            description =
                    "Index weights of jurisdiction, lock-in, infrastructure and compliance (default 35,30,20,15).")
    String weights;

    @Option(
            names = "--domicile",
            defaultValue = "eu",
            description = "Where the organisation is established, for licence gates. Default: ${DEFAULT-VALUE}")
    String domicile;

    @Option(
            names = "--granularity",
            defaultValue = "day",
            description = "Period of the trend: hour, day, week or month. Default: ${DEFAULT-VALUE}")
    String granularity;

    Clock clock = Clock.systemUTC();

    private PolicySource.Loaded loaded;

    /** The configuration and the policy, as {@code serve} reads them (provider credentials need not be set). */
    PolicySource.Loaded loaded() throws IOException {
        if (loaded == null) loaded = source.load();
        return loaded;
    }

    GatewayConfig gatewayConfig() {
        try {
            return loaded().config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Instant fromInstant() {
        return time("--from", from, AuditTime.DateAs.START_OF_DAY);
    }

    Instant toInstant() {
        return to == null
                ? Instant.now(clock)
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .plusMillis(1)
                : time("--to", to, AuditTime.DateAs.END_OF_DAY);
    }

    private Instant time(String option, String text, AuditTime.DateAs as) {
        try {
            return AuditTime.parse(text, clock, as).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new ReportFailure(option + ": '" + text + "' is not " + AuditTime.FORMS);
        }
    }

    PostureBuilder.Granularity granularity() {
        try {
            return PostureBuilder.Granularity.of(granularity);
        } catch (IllegalArgumentException e) {
            throw new ReportFailure("--granularity: " + e.getMessage());
        }
    }

    ReportContext context() {
        LocalDate date;
        try {
            date = asOf != null
                    ? LocalDate.parse(asOf)
                    : toInstant().minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new ReportFailure("--as-of: '" + asOf + "' is not a date (YYYY-MM-DD)");
        }
        Weights w;
        try {
            w = weights == null ? Weights.PUBLISHED : Weights.parse(weights);
        } catch (IllegalArgumentException e) {
            throw new ReportFailure("--weights: " + e.getMessage());
        }
        return ReportContext.of(gatewayConfig(), w, domicile, date);
    }

    /**
     * The configured audit store, or {@code null} when its SQLite file does not exist yet (no traffic so far: the
     * reports say so rather than create an empty trail).
     */
    AuditStore openStoreIfAny() {
        AuditConfig audit = gatewayConfig().audit();
        if (!audit.enabled()) return null;
        if (!audit.postgres()) {
            Path file = Path.of(audit.store().substring("sqlite:".length()));
            if (!Files.isRegularFile(file)) return null;
        }
        return AuditStores.open(audit);
    }

    /** Says on {@code err} that there is no trail to read yet, and where it was looked for. */
    void noTrail(java.io.PrintWriter err) {
        AuditConfig audit = gatewayConfig().audit();
        err.println(
                audit.enabled()
                        ? "no audit trail yet at " + audit.store().substring("sqlite:".length())
                                + ": no traffic to report"
                        : "auditing is off in " + gatewayConfig().source() + ": no traffic to report");
    }
}
