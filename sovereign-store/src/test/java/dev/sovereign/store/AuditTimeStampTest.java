package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.audit.AuditChain;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.CheckpointStamper;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.TimeStampClient;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.testing.LocalTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoints anchored outside the gateway with RFC 3161 tokens, on both real stores and a real authority on
 * loopback: the tokens arrive off the request path, a writer stamps its stop checkpoint, an authority that fails
 * holds up no event, and the attack that signed checkpoints alone cannot catch — someone holding the gateway's
 * machine, signing key included, rewrites an event and signs every checkpoint again — is a break.
 */
class AuditTimeStampTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private LocalTsa tsa;
    private AuditSigner signer;

    @BeforeEach
    void start() throws Exception {
        tsa = LocalTsa.start("Anchor");
        signer = AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
    }

    @AfterEach
    void stop() {
        tsa.close();
    }

    private CheckpointLog files() {
        return new CheckpointLog(dir.resolve("checkpoints"));
    }

    private CheckpointStamper stamper(Stores.Opened db) {
        return new CheckpointStamper(
                new TimeStampClient(tsa.url(), Duration.ofSeconds(5)),
                db.store(),
                files(),
                Duration.ofMillis(200),
                Clock.systemUTC());
    }

    private AuditVerifier verifier(Stores.Opened db, Clock clock) throws Exception {
        return new AuditVerifier(db.store(), AuditSigner.verifier(dir.resolve("k.pub")), files())
                .withTimeStamps(new TimeStampVerifier(List.of(tsa.root())), Duration.ofSeconds(5), clock);
    }

    private VerifyReport verify(Stores.Opened db) throws Exception {
        return verifier(db, Clock.systemUTC()).verify();
    }

    private static VerifyReport.Chain chain(VerifyReport report) {
        return report.chains().stream()
                .filter(c -> c.writer().equals("gw-a"))
                .findFirst()
                .orElseThrow();
    }

    /** A started writer {@code gw-a} whose checkpoints, one every {@code checkpointEvery}, go to {@code stamper}. */
    private AuditWriter writer(Stores.Opened db, CheckpointStamper stamper, Duration checkpointEvery) {
        return new AuditWriter(
                        db.store(),
                        "gw-a",
                        signer,
                        files(),
                        Clock.systemUTC(),
                        AuditWriter.Options.DEFAULTS.withCheckpointEvery(checkpointEvery))
                .onCheckpoint(stamper::offer)
                .start();
    }

    /** A writer with the stamper, {@code n} events, closed: its stop checkpoint stamped too. */
    private void writeStamped(Stores.Opened db, int n) throws Exception {
        CheckpointStamper stamper = stamper(db);
        try (AuditWriter w = writer(db, stamper, Duration.ofMillis(100))) {
            for (int i = 1; i <= n; i++)
                w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
        } finally {
            stamper.close();
        }
        assertThat(stamper.failed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void everyEventEndsUnderAValidTokenKeptInTheStoreAndBesideTheCheckpoints(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            CheckpointStamper stamper = stamper(db);
            try (AuditWriter w = writer(db, stamper, Duration.ofMillis(100))) {
                for (int i = 1; i <= 40; i++)
                    w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
                // While the writer runs, the periodic checkpoints are stamped: no stop checkpoint needed.
                await().atMost(GENEROUS)
                        .untilAsserted(() ->
                                assertThat(chain(verify(db)).timeStamped()).isEqualTo(40));
                assertThat(stamper.lastStampedAt()).isNotNull();
                assertThat(stamper.lastError()).isNull();
            } finally {
                stamper.close();
            }
            VerifyReport report = verify(db);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.timeStampsChecked()).isTrue();
            VerifyReport.Chain c = chain(report);
            assertThat(c.timeStamped()).isEqualTo(40);
            assertThat(c.timeStampOverdue()).isZero();
            assertThat(c.lastTimeStamp()).isNotNull();
            assertThat(report.fullyAnchored()).isTrue();
            // The checkpoint over the last event got its own token.
            assertThat(db.store().timeStamps()).anyMatch(t -> t.seq() == 40);
            assertThat(files().readTimeStamps().stamps())
                    .hasSameSizeAs(db.store().timeStamps());
            // Far fewer tokens than checkpoints would be a saving; at least one per round that had a new checkpoint.
            assertThat(db.store().timeStamps().size())
                    .isLessThanOrEqualTo(db.store().checkpoints().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aWriterThatStopsHasItsStopCheckpointStampedBeforeItGoes(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            CheckpointStamper stamper = new CheckpointStamper(
                    new TimeStampClient(tsa.url(), Duration.ofSeconds(5)),
                    db.store(),
                    files(),
                    Duration.ofHours(1),
                    Clock.systemUTC());
            AuditWriter w = writer(db, stamper, Duration.ofHours(1));
            for (int i = 1; i <= 7; i++)
                w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
            assertThat(db.store().timeStamps()).isEmpty();
            w.close();
            stamper.close();
            Checkpoint stop = db.store().checkpoints().stream()
                    .filter(x -> x.reason().equals(Checkpoint.STOP))
                    .findFirst()
                    .orElseThrow();
            assertThat(stop.seq()).isEqualTo(7);
            assertThat(db.store().timeStamps())
                    .singleElement()
                    .satisfies(t -> assertThat(t.seq()).isEqualTo(7));
            assertThat(chain(verify(db)).timeStamped()).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void anAuthorityThatFailsHoldsUpNoEventAndIsCaughtUpWhenItAnswersAgain(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            tsa.fault(LocalTsa.Fault.HTTP_503);
            CheckpointStamper stamper = stamper(db);
            try (AuditWriter w = writer(db, stamper, Duration.ofMillis(100))) {
                for (int i = 1; i <= 20; i++)
                    w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
                await().atMost(GENEROUS).until(() -> stamper.failed() >= 2);
                assertThat(stamper.lastError()).contains("answered HTTP 503");
                assertThat(db.store().timeStamps()).isEmpty();
                assertThat(chain(verify(db)).timeStamped()).isZero();
                assertThat(stamper.lag()).isPositive();

                tsa.fault(LocalTsa.Fault.NONE);
                await().atMost(GENEROUS)
                        .untilAsserted(() ->
                                assertThat(chain(verify(db)).timeStamped()).isEqualTo(20));
                await().atMost(GENEROUS).until(() -> stamper.lastError() == null);
            } finally {
                stamper.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void rewritingAnEventAndSigningEveryCheckpointAgainWithTheStolenKeyIsABreak(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            writeStamped(db, 30);
            assertThat(verify(db).breaks()).isEmpty();

            // The attacker holds the machine: the database, the checkpoint files and the signing key.
            List<StoredEvent> rows = new ArrayList<>();
            db.store().scan("gw-a", rows::add);
            String prev = rows.get(18).hash();
            try (Connection c = db.connect();
                    PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET body = ?, prev_hash = ?,"
                            + " hash = ?, jurisdiction = ? WHERE writer = 'gw-a' AND seq = ?")) {
                for (StoredEvent row : rows.subList(19, rows.size())) {
                    String body = row.seq() == 20
                            ? row.body().replace("\"jurisdiction\":\"us\"", "\"jurisdiction\":\"eu\"")
                            : row.body();
                    String hash = AuditChain.hash(prev, body);
                    ps.setString(1, body);
                    ps.setString(2, prev);
                    ps.setString(3, hash);
                    ps.setString(4, row.seq() == 20 ? "eu" : row.columns().jurisdiction());
                    ps.setLong(5, row.seq());
                    ps.executeUpdate();
                    prev = hash;
                }
            }
            List<StoredEvent> rewritten = new ArrayList<>();
            db.store().scan("gw-a", rewritten::add);
            List<Checkpoint> resigned = new ArrayList<>();
            for (Checkpoint old : db.store().checkpoints()) {
                String hash = old.seq() == 0
                        ? old.hash()
                        : rewritten.get((int) old.seq() - 1).hash();
                resigned.add(signer.sign(new Checkpoint(
                        old.writer(), old.seq(), hash, old.time(), old.reason(), null, null, old.unanchored())));
            }
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_checkpoint");
            }
            Files.delete(dir.resolve("checkpoints/gw-a.jsonl"));
            for (Checkpoint r : resigned) {
                db.store().addCheckpoint(r);
                files().append(r);
            }

            // Signed checkpoints alone vouch for the forgery...
            VerifyReport signaturesOnly =
                    new AuditVerifier(db.store(), AuditSigner.verifier(dir.resolve("k.pub")), files()).verify();
            assertThat(signaturesOnly.intact()).isTrue();
            // ...the authority's tokens do not.
            VerifyReport report = verify(db);
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks())
                    .allSatisfy(b -> assertThat(b.kind()).isEqualTo(VerifyReport.Kind.BAD_CHECKPOINT))
                    .anySatisfy(b -> assertThat(b.message()).contains("changed and signed again after it was"));
            // Tokens over checkpoints before #20 still hold; none after it does.
            assertThat(chain(report).timeStamped()).isLessThan(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aForgedNewestTokenIsABreakAndTheChainFallsBackToTheTokenBeforeIt(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            writeStamped(db, 30);
            dev.sovereign.audit.TimeStamp newest = db.store().timeStamps().stream()
                    .max(java.util.Comparator.comparingLong(dev.sovereign.audit.TimeStamp::seq))
                    .orElseThrow();
            assertThat(newest.seq()).isEqualTo(30);
            byte[] der = java.util.Base64.getDecoder().decode(newest.token());
            der[der.length - 5] ^= 1; // inside the authority's signature
            dev.sovereign.audit.TimeStamp forged = new dev.sovereign.audit.TimeStamp(
                    newest.writer(),
                    newest.seq(),
                    newest.imprint(),
                    newest.time(),
                    newest.authority(),
                    java.util.Base64.getEncoder().encodeToString(der));
            try (Connection c = db.connect();
                    PreparedStatement ps = c.prepareStatement("UPDATE audit_timestamp SET line = ? WHERE line = ?")) {
                ps.setString(1, forged.line());
                ps.setString(2, newest.line());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            Path file = dir.resolve("checkpoints/timestamps/gw-a.jsonl");
            Files.writeString(file, Files.readString(file).replace(newest.line(), forged.line()));

            VerifyReport report = verify(db);
            assertThat(report.breaks())
                    .singleElement()
                    .satisfies(b -> assertThat(b.message()).startsWith("the time-stamp token of checkpoint #30 "));
            assertThat(chain(report).timeStamped()).isLessThan(30);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void tokensRemovedFromTheStoreAndTheFilesLeaveTheEventsOverdueWhichStrictRefuses(Stores.Kind kind)
            throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            writeStamped(db, 12);
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
            assertThat(verifier(db, later).verify().fullyAnchored()).isTrue();

            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_timestamp");
            }
            Files.delete(dir.resolve("checkpoints/timestamps/gw-a.jsonl"));

            // Within the allowed lag, events not yet stamped are expected; past it, each one is overdue.
            VerifyReport now = verify(db);
            assertThat(chain(now).timeStamped()).isZero();
            assertThat(chain(now).timeStampOverdue()).isZero();
            VerifyReport report = verifier(db, later).verify();
            assertThat(report.intact()).isTrue();
            assertThat(chain(report).timeStampOverdue()).isEqualTo(12);
            assertThat(report.fullyAnchored()).isFalse();
        }
    }
}
