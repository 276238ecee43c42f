package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditRetention;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.AuditConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sovereign audit prune}: deletes events older than a cutoff through {@link AuditRetention}, which signs
 * a retention checkpoint for each chain first so that the chain still verifies from where it now starts. Only an
 * intact trail is pruned: deleting the old part of a broken chain would leave it verifying again, the evidence
 * gone. Exit code 0 when done, 1 when the trail does not verify, 2 on error.
 */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description = "Delete audit events older than --older-than (or audit.retention_days), keeping every chain"
                + " verifiable. Refuses a trail that does not verify. Exit code: 0 done, 1 trail broken, 2 error.")
final class PruneCommand extends AuditSubcommand {
    static final int BROKEN = 1;

    @Option(
            names = "--older-than",
            paramLabel = "AGE",
            description = "Delete events older than this: an age (90d, 12h) or a point in time (" + TimeArgument.FORMS
                    + "). Default: audit.retention_days.")
    String olderThan;

    @Override
    int run() throws IOException {
        AuditConfig audit = audit();
        Instant cutoff = cutoff(audit);
        AuditSigner signer = signer(audit);
        CheckpointLog checkpoints = new CheckpointLog(audit.checkpoints());
        PrintWriter out = out();
        try (AuditStore store = openStore(audit)) {
            VerifyReport report = new AuditVerifier(store, signer, checkpoints).verify();
            if (!report.intact()) {
                int n = report.breaks().size();
                err().println(spec.qualifiedName() + ": refusing to prune: the trail does not verify (" + n
                        + (n == 1 ? " break" : " breaks") + "; see sovereign audit verify)");
                return BROKEN;
            }
            List<AuditRetention.Pruned> pruned =
                    new AuditRetention(store, signer, checkpoints, clock).deleteOlderThan(cutoff);
            if (pruned.isEmpty()) {
                out.println("Nothing older than " + cutoff + ".");
            }
            long total = 0;
            for (AuditRetention.Pruned p : pruned) {
                out.println(p.writer() + ": deleted " + p.deleted() + (p.deleted() == 1 ? " event" : " events")
                        + " through #" + p.throughSeq() + " (older than " + cutoff + ")");
                total += p.deleted();
            }
            if (pruned.size() > 1) out.println("Deleted " + total + " events in " + pruned.size() + " chains.");
        }
        return OK;
    }

    private Instant cutoff(AuditConfig audit) {
        if (olderThan != null) {
            return TimeArgument.parse("--older-than", olderThan, clock, TimeArgument.DateAs.START_OF_DAY);
        }
        if (audit.retentionDays() > 0) {
            return clock.instant().minus(Duration.ofDays(audit.retentionDays()));
        }
        throw new CommandFailure("give --older-than (for example 90d), or set audit.retention_days in sovereign.yaml");
    }

    /** The gateway's key pair: retention checkpoints must verify like the ones the gateway signs. */
    private static AuditSigner signer(AuditConfig audit) {
        if (!Files.exists(audit.signingKey())) {
            throw new CommandFailure("no signing key at " + audit.signingKey()
                    + " (audit.signing_key: pruning signs a retention checkpoint with the gateway's private key)");
        }
        if (!Files.exists(audit.verifyKey())) {
            throw new CommandFailure("no verify key at " + audit.verifyKey() + " (audit.verify_key)");
        }
        AuditSigner signer = AuditSigner.load(audit.signingKey(), audit.verifyKey());
        Checkpoint probe = new Checkpoint("probe", 0, "0".repeat(64), Instant.EPOCH, Checkpoint.PERIODIC, null, null);
        if (!signer.verify(signer.sign(probe))) {
            throw new CommandFailure(audit.signingKey() + " and " + audit.verifyKey() + " are not one key pair");
        }
        return signer;
    }
}
