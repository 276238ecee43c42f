package dev.sovereign.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.Durations;
import dev.sovereign.config.TimestampConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sovereign audit verify}: checks every chain of the configured store against its hashes and the signed
 * checkpoints (in the store and in the checkpoint directory). Exit code 0 when the trail is intact, 1 on any
 * break (and, with {@code --strict}, when any event is unanchored or anchored only by a seal made after a crash),
 * 2 when it cannot be checked.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check the audit trail's hash chains and signed checkpoints; report every break with its"
                + " position, and how many events of each writer are anchored, anchored after a crash, or unanchored."
                + " Exit code: 0 intact, 1 broken (or, with --strict, not fully anchored), 2 error.")
final class VerifyCommand extends AuditSubcommand {
    static final int BROKEN = 1;

    @Option(names = "--json", description = "Print {intact, chains:[…], breaks:[…], notes:[…]}.")
    boolean json;

    @Option(
            names = "--strict",
            description = "Also fail (exit 1) when any event is unanchored, anchored only by a checkpoint sealed"
                    + " after a crash, or (with audit.timestamp configured) older than the time-stamping lag without a"
                    + " valid token: for a scheduled job that alerts on it.")
    boolean strict;

    @Override
    int run() throws IOException {
        AuditConfig audit = audit();
        AuditSigner verifier = verifier(audit);
        VerifyReport report;
        String store;
        try (AuditStore s = openStore(audit)) {
            store = s.describe();
            AuditVerifier v = new AuditVerifier(s, verifier, new CheckpointLog(audit.checkpoints()));
            if (audit.timestamp().isPresent()) {
                TimestampConfig t = audit.timestamp().get();
                TimeStampVerifier trusted;
                try {
                    trusted = TimeStampVerifier.load(t.trust());
                } catch (IOException e) {
                    throw new CommandFailure("audit.timestamp.trust: " + e.getMessage());
                }
                v = v.withTimeStamps(trusted, t.allowedLag(audit.checkpointInterval()), Clock.systemUTC());
            }
            report = v.verify();
        }
        if (json) {
            out().println(json(report, store, verifier.keyId()));
        } else {
            table(out(), report, store, audit, verifier.keyId(), strict);
        }
        if (!report.intact()) return BROKEN;
        return strict && !report.fullyAnchored() ? BROKEN : OK;
    }

    private static String json(VerifyReport report, String store, String keyId) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("intact", report.intact());
        root.put("store", store);
        root.put("key_id", keyId);
        root.setAll(AuditJson.verifyReport(report));
        return root.toString();
    }

    private static void table(
            PrintWriter out, VerifyReport report, String store, AuditConfig audit, String keyId, boolean strict) {
        out.println("store        " + store);
        out.println("verify key   " + audit.verifyKey() + " (key id " + keyId + ")");
        out.println("checkpoints  " + audit.checkpoints());
        audit.timestamp()
                .ifPresent(t -> out.println("time-stamps  " + dev.sovereign.audit.TimeStampClient.describe(t.url())
                        + " (trusted: " + t.trust() + "; expected within "
                        + Durations.format(t.allowedLag(audit.checkpointInterval())) + ")"));
        out.println();
        if (report.chains().isEmpty()) {
            out.println("No audit events in the store.");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {
                "WRITER",
                "SEQ",
                "EVENTS",
                "CHECKPOINTS",
                "ANCHORED",
                "AFTER-CRASH",
                "UNANCHORED",
                "PRUNED-THROUGH",
                "BREAKS"
            });
            for (VerifyReport.Chain c : report.chains()) {
                rows.add(new String[] {
                    c.writer(),
                    c.events() == 0 ? "-" : "#" + c.firstSeq() + "–#" + c.lastSeq(),
                    Long.toString(c.events()),
                    Integer.toString(c.checkpoints()),
                    Long.toString(c.anchored()),
                    Long.toString(c.anchoredAfterCrash()),
                    Long.toString(c.unanchored()),
                    c.prunedThrough() == 0 ? "-" : "#" + c.prunedThrough(),
                    Integer.toString(c.breaks())
                });
            }
            if (report.timeStampsChecked()) {
                // The time-stamp columns go before BREAKS, the last.
                rows.set(0, append(rows.get(0), "TIME-STAMPED", "OVERDUE", "LAST-TIME-STAMP", "BREAKS"));
                for (int i = 1; i < rows.size(); i++) {
                    VerifyReport.Chain c = report.chains().get(i - 1);
                    rows.set(
                            i,
                            append(
                                    rows.get(i),
                                    Long.toString(c.timeStamped()),
                                    Long.toString(c.timeStampOverdue()),
                                    c.lastTimeStamp() == null
                                            ? "-"
                                            : c.lastTimeStamp().toString(),
                                    Integer.toString(c.breaks())));
                }
            }
            Columns.print(out, rows);
        }
        if (!report.breaks().isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"WRITER", "POSITION", "KIND", "MESSAGE"});
            for (VerifyReport.Break b : report.breaks()) {
                rows.add(new String[] {
                    b.writer() == null ? "-" : b.writer(),
                    b.seq() < 0 ? "file" : "#" + b.seq(),
                    kind(b.kind()),
                    b.message()
                });
            }
            Columns.print(out, rows);
        }
        if (!report.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            report.notes().forEach(n -> out.println("  " + n));
        }
        out.println();
        long afterCrash = report.chains().stream()
                .mapToLong(VerifyReport.Chain::anchoredAfterCrash)
                .sum();
        long unanchored = report.chains().stream()
                .mapToLong(VerifyReport.Chain::unanchored)
                .sum();
        if (afterCrash > 0) {
            out.println(afterCrash + " events rest only on a checkpoint sealed after a crash (AFTER-CRASH): whoever"
                    + " held the database before the seal could have changed them.");
        }
        if (unanchored > 0) {
            out.println(unanchored + " events are not yet covered by a signed checkpoint (UNANCHORED): their end"
                    + " could be cut or rewritten without a trace.");
        }
        long overdue = report.chains().stream()
                .mapToLong(VerifyReport.Chain::timeStampOverdue)
                .sum();
        if (overdue > 0) {
            out.println(overdue + " events are older than the time-stamping lag and covered by no valid token"
                    + " (OVERDUE): whoever holds the signing key could rewrite them and sign again.");
        }
        if (strict && !report.fullyAnchored() && report.intact()) {
            out.println("NOT FULLY ANCHORED (--strict): " + (afterCrash + unanchored + overdue) + " events.");
        }
        int chains = report.chains().size();
        if (report.intact()) {
            out.println("Intact: " + chains + (chains == 1 ? " chain, " : " chains, ") + report.events()
                    + " events, no breaks.");
        } else {
            long broken = report.chains().stream().filter(c -> c.breaks() > 0).count();
            int n = report.breaks().size();
            out.println("BROKEN: " + n + (n == 1 ? " break" : " breaks") + " in " + broken + " of " + chains
                    + (chains == 1 ? " chain." : " chains."));
        }
    }

    /** {@code row} without its last cell, then {@code cells}. */
    private static String[] append(String[] row, String... cells) {
        String[] out = java.util.Arrays.copyOf(row, row.length - 1 + cells.length);
        System.arraycopy(cells, 0, out, row.length - 1, cells.length);
        return out;
    }

    private static String kind(VerifyReport.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
