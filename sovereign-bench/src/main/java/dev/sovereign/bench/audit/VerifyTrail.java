package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.bench.load.Flags;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.store.AuditStores;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the audit trail a benchmarked gateway wrote, after it stopped, so that a latency figure with
 * auditing on comes with proof that every request was recorded:
 *
 * <pre>
 * VerifyTrail --store sqlite:DIR/audit.db|postgresql://… --verify-key DIR/audit-signing.pub --checkpoints DIR/checkpoints
 * </pre>
 *
 * Prints {@code RESULT verified=intact|BROKEN chains=… events=… unanchored=…} and exits with 1 when the trail
 * has a break.
 */
public final class VerifyTrail {
    private VerifyTrail() {}

    public static void main(String[] args) throws Exception {
        Flags f = Flags.parse(args, Set.of("--store", "--verify-key", "--checkpoints"), Set.of());
        Path pub = Path.of(f.required("--verify-key"));
        AuditConfig d = AuditConfig.defaults(Path.of("."));
        AuditConfig config = new AuditConfig(
                true,
                f.required("--store"),
                Optional.empty(),
                Optional.empty(),
                d.signingKey(),
                pub,
                Path.of(f.required("--checkpoints")),
                d.checkpointInterval(),
                false,
                0,
                "normal",
                2); // Flyway needs two connections to open a PostgreSQL store: with one it times out
        try (AuditStore store = AuditStores.open(config)) {
            VerifyReport report = new AuditVerifier(
                            store, AuditSigner.verifier(pub), new CheckpointLog(config.checkpoints()))
                    .verify();
            report.breaks().stream().limit(5).forEach(b -> System.err.println("break: " + b));
            long unanchored = report.chains().stream()
                    .mapToLong(VerifyReport.Chain::unanchored)
                    .sum();
            System.out.println("RESULT verified=" + (report.intact() ? "intact" : "BROKEN") + " chains="
                    + report.chains().size() + " events=" + report.events() + " unanchored=" + unanchored
                    + " breaks=" + report.breaks().size());
            System.exit(report.intact() ? 0 : 1);
        }
    }
}
