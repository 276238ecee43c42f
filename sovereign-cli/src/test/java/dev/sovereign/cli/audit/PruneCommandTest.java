package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sovereign audit prune}: old events go, every chain still verifies, a broken trail is left alone. */
class PruneCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void pruneThenVerifyStillExitsZero(Trail.Kind kind) throws Exception {
        try (Trail trail = Trail.create(kind, dir)) {
            trail.write("gw-a", Trail.events(30)).write("gw-b", Trail.events(5));
            String config = trail.configDir.toString();
            // Ten and a half minutes of age before "now": events 1-10 of gw-a and 1-5 of gw-b are older.
            cli.at(Trail.T0.plusSeconds(60 * 20));

            Cli.Run r = cli.run("audit", "prune", "--older-than", "570s", "--config", config);

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("gw-a: deleted 10 events through #10 (older than 2026-11-01T10:10:30Z)")
                    .contains("gw-b: deleted 5 events through #5")
                    .contains("Deleted 15 events in 2 chains.");
            assertThat(trail.count("SELECT COUNT(*) FROM audit_event")).isEqualTo(20);

            Cli.Run verify = cli.run("audit", "verify", "--config", config);
            assertThat(verify.exit()).as(verify.out()).isZero();
            assertThat(verify.out())
                    .containsPattern("gw-a +#11–#30 +20 +\\d+ +20 +0 +0 +#10 +0")
                    .containsPattern("gw-b +- +0 +\\d+ +0 +0 +0 +#5 +0")
                    .contains("Intact: 2 chains, 20 events, no breaks.");

            Cli.Run again = cli.run("audit", "prune", "--older-than", "570s", "--config", config);
            assertThat(again.exit()).isZero();
            assertThat(again.out()).isEqualTo("Nothing older than 2026-11-01T10:10:30Z.\n");
        }
    }

    @Test
    void withoutOlderThanTheConfiguredRetentionApplies() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir, "  retention_days: 1\n")) {
            trail.write("gw-a", Trail.events(30));
            cli.at(Trail.T0.plusSeconds(86_400 + 60 * 10 + 30));
            Cli.Run r = cli.run("audit", "prune", "--config", trail.configDir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("gw-a: deleted 10 events through #10 (older than 2026-11-01T10:10:30Z)\n");
        }
    }

    @Test
    void withNeitherOlderThanNorRetentionItRefuses() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Cli.Run r = cli.run("audit", "prune", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err())
                    .isEqualTo("sovereign audit prune: give --older-than (for example 90d), or set"
                            + " audit.retention_days in sovereign.yaml\n");
            assertThat(trail.count("SELECT COUNT(*) FROM audit_event")).isEqualTo(3);
        }
    }

    @Test
    void aTrailThatDoesNotVerifyIsNotPruned() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(30));
            trail.exec("UPDATE audit_event SET jurisdiction = 'eu' WHERE writer = 'gw-a' AND seq = 4");
            Cli.Run r = cli.run("audit", "prune", "--older-than", "1d", "--config", trail.configDir.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err())
                    .isEqualTo("sovereign audit prune: refusing to prune: the trail does not verify (1 break; see"
                            + " sovereign audit verify)\n");
            assertThat(trail.count("SELECT COUNT(*) FROM audit_event")).isEqualTo(30);
        }
    }

    @Test
    void withoutTheSigningKeyItCannotPrune() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Files.delete(trail.config.signingKey());
            Cli.Run r = cli.run("audit", "prune", "--older-than", "1d", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err()).contains("no signing key at " + trail.config.signingKey());
        }
    }

    @Test
    void aSigningKeyThatIsNotTheVerifyKeysPairIsRefused() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            dev.sovereign.audit.AuditSigner.generate(trail.config.signingKey(), dir.resolve("other.pub"));
            Cli.Run r = cli.run("audit", "prune", "--older-than", "1d", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err()).contains("are not one key pair");
            assertThat(trail.count("SELECT COUNT(*) FROM audit_event")).isEqualTo(3);
        }
    }
}
