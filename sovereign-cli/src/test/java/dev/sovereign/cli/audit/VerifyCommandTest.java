package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditChain;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.ChainSeal;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.LocalTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sovereign audit verify} on trails written by a real audit writer, in SQLite and in PostgreSQL. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void anIntactTrailExitsZeroAndDescribesEachChain(Trail.Kind kind) throws Exception {
        try (Trail trail = Trail.create(kind, dir)) {
            trail.write("gw-a", Trail.events(30)).write("gw-b", Trail.events(5));

            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString());

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains(
                            "WRITER",
                            "SEQ",
                            "EVENTS",
                            "CHECKPOINTS",
                            "ANCHORED",
                            "AFTER-CRASH",
                            "UNANCHORED",
                            "PRUNED-THROUGH",
                            "BREAKS")
                    .containsPattern("gw-a +#1–#30 +30 +\\d+ +30 +0 +0 +- +0")
                    .containsPattern("gw-b +#1–#5 +5 ")
                    .contains("Intact: 2 chains, 35 events, no breaks.");
            assertThat(r.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void aRowEditedInTheDatabaseExitsOneNamingItsPosition(Trail.Kind kind) throws Exception {
        try (Trail trail = Trail.create(kind, dir)) {
            trail.write("gw-a", Trail.events(30)).write("gw-b", Trail.events(5));
            trail.exec("UPDATE audit_event SET body = REPLACE(body, '\"provider\":\"anthropic\"',"
                    + " '\"provider\":\"local\"') WHERE writer = 'gw-a' AND seq = 12");

            Cli.Run table = cli.run("audit", "verify", "--config", trail.configDir.toString());
            assertThat(table.exit()).isEqualTo(1);
            assertThat(table.out())
                    .containsPattern("gw-a +#12 +modified +event #12 was modified")
                    .contains("BROKEN: 1 break in 1 of 2 chains.");

            Cli.Run json = cli.run("audit", "verify", "--json", "--config", trail.configDir.toString());
            assertThat(json.exit()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("breaks")).hasSize(1);
            JsonNode first = report.get("breaks").get(0);
            assertThat(first.get("writer").asText()).isEqualTo("gw-a");
            assertThat(first.get("seq").asLong()).isEqualTo(12);
            assertThat(first.get("kind").asText()).isEqualTo("modified");
            assertThat(report.get("chains").get(0).get("breaks").asInt()).isEqualTo(1);
            assertThat(report.get("chains").get(1).get("breaks").asInt()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void strictFailsWhileEventsAreUnanchoredAndWhenTheyRestOnASealAfterACrash(Trail.Kind kind) throws Exception {
        try (Trail trail = Trail.create(kind, dir)) {
            trail.write("gw-a", Trail.events(5));
            AuditSigner signer = trail.signer();
            try (AuditStore store = AuditStores.open(trail.config)) {
                // A writer killed after committing events #1-#4 with no checkpoint over them.
                AuditChain chain = new AuditChain("gw-crashed", 0, AuditChain.GENESIS);
                Checkpoint start = signer.sign(
                        new Checkpoint("gw-crashed", 0, chain.head(), Trail.T0, Checkpoint.START, null, null));
                store.addCheckpoint(start);
                new CheckpointLog(trail.config.checkpoints()).append(start);
                for (AuditEvent e : Trail.events(4)) store.append(List.of(chain.link(e, AuditJson.canonical(e))));
            }
            String config = trail.configDir.toString();

            assertThat(cli.run("audit", "verify", "--config", config).exit()).isZero();
            Cli.Run strict = cli.run("audit", "verify", "--strict", "--config", config);
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.out())
                    .containsPattern("gw-crashed +#1–#4 +4 +\\d+ +0 +0 +4 +- +0")
                    .contains("4 events are not yet covered by a signed checkpoint")
                    .contains("NOT FULLY ANCHORED (--strict): 4 events.");

            try (AuditStore store = AuditStores.open(trail.config)) {
                ChainSeal seal =
                        new ChainSeal(store, signer, new CheckpointLog(trail.config.checkpoints()), Clock.systemUTC());
                assertThat(seal.seal("gw-crashed", store.head("gw-crashed").orElseThrow()))
                        .isEqualTo(new ChainSeal.Sealed("gw-crashed", 4, 4));
            }
            Cli.Run sealed = cli.run("audit", "verify", "--strict", "--json", "--config", config);
            assertThat(sealed.exit()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(sealed.out());
            assertThat(report.get("intact").asBoolean()).isTrue();
            assertThat(report.get("fully_anchored").asBoolean()).isFalse();
            JsonNode crashed = report.get("chains").get(1);
            assertThat(crashed.get("writer").asText()).isEqualTo("gw-crashed");
            assertThat(crashed.get("anchored").asLong()).isZero();
            assertThat(crashed.get("anchored_after_crash").asLong()).isEqualTo(4);
            assertThat(crashed.get("unanchored").asLong()).isZero();
            assertThat(report.get("chains").get(0).get("anchored").asLong()).isEqualTo(5);
            assertThat(cli.run("audit", "verify", "--config", config).exit()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void timeStampTokensAreCheckedAndStrictFailsOnEventsThatLostThem(Trail.Kind kind) throws Exception {
        try (LocalTsa tsa = LocalTsa.start("Verify");
                Trail trail = Trail.create(
                        kind,
                        dir,
                        "  timestamp:\n    url: \"" + tsa.url() + "\"\n    trust: \""
                                + tsa.writeTrust(dir.resolve("tsa.pem")) + "\"\n    every: 1s\n")) {
            trail.write("gw-a", Trail.events(10));
            String config = trail.configDir.toString();

            Cli.Run ok = cli.run("audit", "verify", "--strict", "--config", config);
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out())
                    .contains("time-stamps  " + tsa.url() + " (trusted: " + dir.resolve("tsa.pem"))
                    .contains("TIME-STAMPED", "OVERDUE", "LAST-TIME-STAMP")
                    .containsPattern("gw-a +#1–#10 +10 +\\d+ +10 +0 +0 +- +10 +0 +20\\d\\d-")
                    .contains("Intact: 1 chain, 10 events, no breaks.");
            JsonNode report = new ObjectMapper()
                    .readTree(cli.run("audit", "verify", "--json", "--config", config)
                            .out());
            assertThat(report.get("time_stamps_checked").asBoolean()).isTrue();
            assertThat(report.get("chains").get(0).get("time_stamped").asLong()).isEqualTo(10);
            assertThat(report.get("chains").get(0).get("time_stamp_overdue").asLong())
                    .isZero();

            // Tokens removed from the database and the files: still intact, but every (old) event is overdue.
            trail.exec("DELETE FROM audit_timestamp");
            try (var files = Files.list(trail.config.checkpoints().resolve("timestamps"))) {
                for (Path f : files.toList()) Files.delete(f);
            }
            assertThat(cli.run("audit", "verify", "--config", config).exit()).isZero();
            Cli.Run strict = cli.run("audit", "verify", "--strict", "--config", config);
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.out())
                    .containsPattern("gw-a +#1–#10 +10 +\\d+ +10 +0 +0 +- +0 +10 +- +0")
                    .contains("10 events are older than the time-stamping lag and covered by no valid token")
                    .contains("NOT FULLY ANCHORED (--strict): 10 events.");
        }
    }

    @Test
    void aTokenOfAnAuthorityThatIsNotTrustedIsABreak() throws Exception {
        try (LocalTsa tsa = LocalTsa.start("Real");
                LocalTsa other = LocalTsa.start("Other");
                Trail trail = Trail.create(
                        Trail.Kind.SQLITE,
                        dir,
                        "  timestamp:\n    url: \"" + tsa.url() + "\"\n    trust: \""
                                + tsa.writeTrust(dir.resolve("tsa.pem")) + "\"\n")) {
            trail.write("gw-a", Trail.events(3));
            other.writeTrust(dir.resolve("tsa.pem"));
            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("is not signed by a trusted time-stamping authority");
        }
    }

    @Test
    void strictPassesATrailWhoseWritersAllStoppedCleanly() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3)).write("gw-b", Trail.events(2));
            assertThat(cli.run("audit", "verify", "--strict", "--config", trail.configDir.toString())
                            .exit())
                    .isZero();
        }
    }

    @Test
    void jsonDescribesAnIntactTrail() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Cli.Run r = cli.run("audit", "verify", "--json", "--config", trail.configDir.toString());
            assertThat(r.exit()).isZero();
            JsonNode report = new ObjectMapper().readTree(r.out());
            assertThat(report.get("intact").asBoolean()).isTrue();
            assertThat(report.get("events").asLong()).isEqualTo(3);
            assertThat(report.get("key_id").asText()).isEqualTo(trail.signer().keyId());
            JsonNode chain = report.get("chains").get(0);
            assertThat(chain.get("writer").asText()).isEqualTo("gw-a");
            assertThat(chain.get("first_seq").asLong()).isEqualTo(1);
            assertThat(chain.get("last_seq").asLong()).isEqualTo(3);
            assertThat(chain.get("checkpoints").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(chain.get("unanchored").asLong()).isZero();
            assertThat(chain.get("pruned_through").asLong()).isZero();
            assertThat(report.get("breaks")).isEmpty();
        }
    }

    @Test
    void aMissingVerifyKeyIsAnErrorInOneLine() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Files.delete(trail.config.verifyKey());
            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err()).startsWith("sovereign audit verify: no verify key at " + trail.config.verifyKey());
        }
    }

    @Test
    void anUnreadableVerifyKeyIsAnErrorInOneLine() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Files.writeString(trail.config.verifyKey(), "not a key\n");
            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err()).contains(trail.config.verifyKey() + ": expected a PEM block 'BEGIN PUBLIC KEY'");
        }
    }

    @Test
    void aMissingStoreIsAnErrorNotAnEmptyTrail() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.signer();
            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err())
                    .contains("no audit store at " + dir.resolve("data").resolve("audit.db"));
            assertThat(dir.resolve("data").resolve("audit.db")).doesNotExist();
        }
    }

    @Test
    void anUnreachableStoreIsAnErrorInOneLine() throws Exception {
        try (Trail trail =
                Trail.create(Trail.Kind.SQLITE, dir, "  store: \"postgresql://postgres@127.0.0.1:1/nowhere\"\n")) {
            trail.signer();
            Cli.Run r = cli.run("audit", "verify", "--config", trail.configDir.toString())
                    .failedInOneLine();
            assertThat(r.err())
                    .startsWith("sovereign audit verify: cannot prepare the audit database"
                            + " postgresql://postgres@127.0.0.1:1/nowhere");
        }
    }

    @Test
    void aBrokenConfigurationIsAnErrorInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("sovereign.yaml"), "audit:\n  stroe: x\n");
        Cli.Run r = cli.run("audit", "verify", "--config", dir.resolve("config").toString())
                .failedInOneLine();
        assertThat(r.err())
                .startsWith("sovereign audit verify: invalid configuration: sovereign.yaml:2")
                .contains("'stroe'");
    }

    @Test
    void withoutASubcommandItSaysOneIsNeeded() {
        Cli.Run r = cli.run("audit").failedInOneLine();
        assertThat(r.err()).contains("sovereign audit: Missing required subcommand");
    }
}
