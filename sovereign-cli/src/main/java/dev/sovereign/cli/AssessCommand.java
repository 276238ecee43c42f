package dev.sovereign.cli;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.AuditTime;
import dev.sovereign.cli.policy.PolicySource;
import dev.sovereign.cli.policy.Table;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigException;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.policy.PolicyException;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.residency.Finding;
import dev.sovereign.residency.ResidencyAssessment;
import dev.sovereign.residency.ResidencyReport;
import dev.sovereign.residency.Workloads;
import dev.sovereign.residency.WorkloadsException;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sovereign assess}: the GDPR Chapter V residency assessment of each workload — where the policy can send
 * its data and where the trail shows it did — with findings, the articles they rest on and the actions to take.
 *
 * <p>Reads the configuration and policy as {@code serve} does, {@code workloads.yaml} from the configuration
 * directory, and the audit trail from the configured store; a store that does not exist yet is not created: the
 * assessment is then from the policy alone, and says so. Exit code 0 when no breach is found, 1 when a required
 * residency is breached, a restricted transfer has no fitting mechanism, or special categories go to a third country
 * without an Art. 9(2) condition, 2 when an argument, the configuration, the policy, the workloads or the store cannot be read (one line on
 * standard error, never a stack trace).
 */
@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        description = "Assess each workload's data flows under GDPR Chapter V (residency, adequacy, SCCs with a"
                + " transfer impact assessment, DPIA); exit code 1 when a required residency is breached or a"
                + " restricted transfer has no fitting mechanism.")
public final class AssessCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int BREACH = 1;
    static final int ERROR = 2;

    enum Format {
        table,
        json,
        markdown
    }

    @Mixin
    PolicySource source;

    @Option(
            names = "--workloads",
            paramLabel = "FILE",
            description = "The workloads file (default: workloads.yaml in the configuration directory).")
    Path workloadsFile;

    @Option(
            names = "--from",
            paramLabel = "T",
            description = "Read the trail from this time: " + AuditTime.FORMS + ". Default: its start.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "Read the trail up to this time (a date includes the day). Default: now.")
    String to;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "Use the provider facts as they stood on this date (default: today).")
    String asOf;

    @Option(names = "--no-traffic", description = "Assess from the policy alone; do not read the audit trail.")
    boolean noTraffic;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json or markdown. Default: ${DEFAULT-VALUE}")
    Format format;

    @Spec
    CommandSpec spec;

    /** The clock that ages ({@code 7d}) and today count from; replaceable by tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ResidencyReport report = assess();
            switch (format) {
                case json -> out.println(report.toJson());
                case markdown -> out.print(report.toMarkdown());
                case table -> table(out, report);
            }
            return report.breach() ? BREACH : OK;
        } catch (Failure | PolicyException | WorkloadsException e) {
            return fail(e.getMessage());
        } catch (ConfigException e) {
            return fail("invalid configuration: " + e.getMessage());
        } catch (AuditStoreException e) {
            return fail("audit store: " + e.getMessage());
        } catch (NoSuchFileException e) {
            return fail("no such file: " + e.getFile());
        } catch (IOException e) {
            return fail(e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(e.getCause().getMessage());
        } finally {
            out.flush();
        }
    }

    private ResidencyReport assess() throws IOException {
        LocalDate date;
        try {
            date = asOf == null ? LocalDate.now(clock) : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new Failure("--as-of: '" + asOf + "' is not a date (YYYY-MM-DD)");
        }
        Instant start = from == null ? null : time("--from", from, AuditTime.DateAs.START_OF_DAY);
        Instant end = to == null ? null : time("--to", to, AuditTime.DateAs.END_OF_DAY);
        if ((start != null || end != null) && noTraffic)
            throw new Failure("--from and --to read the trail, which --no-traffic skips");
        PolicySource.Loaded loaded = source.load();
        Path dir = source.configDir();
        SovereigntyIndex index;
        try {
            index = SovereigntyIndex.load(dir);
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
        Path file = workloadsFile != null ? workloadsFile : dir.resolve(Workloads.FILE);
        if (workloadsFile != null && !Files.exists(workloadsFile))
            throw new NoSuchFileException(workloadsFile.toString());
        Workloads workloads =
                Workloads.load(file, PolicyMatrix.rowCategories(loaded.policy().orElse(null)));
        AuditConfig audit = loaded.config().audit();
        String note = null;
        if (noTraffic) {
            note = "--no-traffic";
        } else if (!audit.enabled()) {
            note = "the audit trail is off (audit.enabled: false)";
        } else if (!audit.postgres() && !Files.isRegularFile(sqliteFile(audit))) {
            note = "no audit store at " + sqliteFile(audit) + " yet";
        }
        try (AuditStore store = note == null ? AuditStores.open(audit) : null) {
            return ResidencyAssessment.run(
                    loaded.config(), loaded.explainer(), workloads, index, date, store, start, end, note);
        }
    }

    private static Path sqliteFile(AuditConfig audit) {
        return Path.of(audit.store().substring("sqlite:".length()));
    }

    private Instant time(String option, String text, AuditTime.DateAs dateAs) {
        try {
            return AuditTime.parse(text, clock, dateAs);
        } catch (IllegalArgumentException e) {
            throw new Failure(option + ": '" + text + "' is not " + AuditTime.FORMS);
        }
    }

    private static void table(PrintWriter out, ResidencyReport r) {
        out.println("Residency assessment as of " + r.asOf());
        Table head = Table.plain(2);
        long declared = r.workloads().stream().filter(w -> w.declared()).count();
        head.row(
                "Workloads",
                (r.declared().file() == null
                                ? "no " + Workloads.FILE
                                : r.declared().file()) + " (" + declared
                        + " declared, " + (r.workloads().size() - declared) + " undeclared), establishment "
                        + r.declared().establishment());
        head.row("Policy", r.policy() == null ? "none (by model)" : r.policy());
        head.row("Traffic", r.describeTraffic());
        head.print(out, "");
        out.println();
        if (r.findings().isEmpty()) {
            out.println("No findings: no workload's data reaches a provider.");
        } else {
            Table t = new Table("#", "SEVERITY", "KIND", "WORKLOAD", "DATA", "PROVIDER", "REGION", "EVIDENCE");
            int i = 0;
            for (Finding f : r.findings()) {
                t.row(
                        Integer.toString(++i),
                        f.severity().id(),
                        f.kind().id(),
                        f.workload(),
                        f.scope(),
                        f.provider(),
                        f.region(),
                        evidence(f));
            }
            t.print(out, "");
            out.println();
            i = 0;
            for (Finding f : r.findings()) {
                out.println("[" + ++i + "] " + f.kind().id() + ": " + f.explanation());
                out.println("    Action: " + f.action());
                out.println("    Rests on: " + String.join("; ", f.articles()));
                if (!f.destinations().isEmpty())
                    out.println("    Destinations: " + String.join(", ", f.destinations()));
                if (!f.sources().isEmpty()) out.println("    Sources: " + String.join(", ", f.sources()));
            }
            out.println();
        }
        out.println(r.result());
    }

    private static String evidence(Finding f) {
        StringBuilder sb = new StringBuilder();
        for (Finding.Evidence e : f.evidence()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(e.source().equals(Finding.Evidence.TRAFFIC) ? "did: " + e.requests() + " requests" : "can");
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sovereign assess: "
                + (message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ")));
        err.flush();
        return ERROR;
    }

    /** A reason the assessment cannot be made, said in one line. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
