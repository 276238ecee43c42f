package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.audit.AuditChain;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.ChainedEvent;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How much of the trail signed checkpoints cover, on both real stores: the window without a checkpoint closes
 * within the interval once events stop, a restart seals the chains a crash left open, and the attacks on a crashed
 * or running trail (rewrite the tail, cut it, append to it) are each reported, as a break when a checkpoint covers
 * the forged events and otherwise as events not fully anchored, which {@code audit verify --strict} refuses.
 */
class AuditAnchoringTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private AuditSigner signer;

    private AuditSigner signer() throws Exception {
        if (signer == null) signer = AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
        return signer;
    }

    private CheckpointLog files() {
        return new CheckpointLog(dir.resolve("checkpoints"));
    }

    private VerifyReport verify(Stores.Opened db) throws Exception {
        return new AuditVerifier(db.store(), AuditSigner.verifier(dir.resolve("k.pub")), files()).verify();
    }

    private static VerifyReport.Chain chain(VerifyReport report, String writer) {
        return report.chains().stream()
                .filter(c -> c.writer().equals(writer))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chain " + writer + " in " + report.chains()));
    }

    private AuditWriter writer(Stores.Opened db, String id) throws Exception {
        return new AuditWriter(db.store(), id, signer(), files(), Clock.systemUTC(), AuditWriter.Options.DEFAULTS)
                .start();
    }

    /**
     * What a process killed under load leaves: {@code n} events of {@code writer}, signed checkpoints at start and
     * at {@code checkpointAt}, none after.
     */
    private void crashed(Stores.Opened db, String writer, int n, long checkpointAt) throws Exception {
        AuditChain chain = new AuditChain(writer, 0, AuditChain.GENESIS);
        sign(db, new Checkpoint(writer, 0, chain.head(), Instant.now(), Checkpoint.START, null, null));
        for (int i = 1; i <= n; i++) {
            var event = AuditTrailTest.decision(i, AuditTrailTest.T0.plusSeconds(i));
            ChainedEvent linked = chain.link(event, AuditJson.canonical(event));
            db.store().append(List.of(linked));
            if (i == checkpointAt) {
                sign(db, new Checkpoint(writer, i, linked.hash(), Instant.now(), Checkpoint.PERIODIC, null, null));
            }
        }
    }

    private void sign(Stores.Opened db, Checkpoint unsigned) throws Exception {
        Checkpoint c = signer().sign(unsigned);
        db.store().addCheckpoint(c);
        files().append(c);
    }

    /** Starts another gateway's writer on the store and waits until it sealed {@code writer}'s chain. */
    private void restartAndAwaitSeal(Stores.Opened db, String writer) throws Exception {
        try (AuditWriter next = writer(db, "gw-next")) {
            await().atMost(GENEROUS)
                    .until(() -> db.store().checkpoints().stream()
                            .anyMatch(
                                    c -> c.writer().equals(writer) && c.reason().equals(Checkpoint.RECOVERED)));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void onceEventsStopTheLastOfThemAreCoveredWithinTheInterval(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditWriter w = writer(db, "gw-a");
            try {
                List<CompletableFuture<AuditWriter.Receipt>> futures = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    futures.add(w.append(AuditTrailTest.decision(i, Instant.now()), i % 2 == 0));
                }
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .join();
                // The writer keeps running: no stop checkpoint; the periodic one must cover the last event.
                await().atMost(GENEROUS).untilAsserted(() -> {
                    VerifyReport.Chain c = chain(verify(db), "gw-a");
                    assertThat(c.unanchored()).isZero();
                    assertThat(c.anchored()).isEqualTo(50);
                });
                assertThat(db.store().checkpoints()).noneMatch(c -> c.reason().equals(Checkpoint.STOP));
            } finally {
                w.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aCheckpointIsAlsoWrittenEveryNEventsHoweverLongTheInterval(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditWriter.Options options = AuditWriter.Options.DEFAULTS
                    .withCheckpointEvery(Duration.ofHours(1))
                    .withCheckpointEveryEvents(10);
            try (AuditWriter w =
                    new AuditWriter(db.store(), "gw-a", signer(), files(), Clock.systemUTC(), options).start()) {
                for (int i = 1; i <= 25; i++)
                    w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
                await().atMost(GENEROUS)
                        .until(() -> db.store().checkpoints().stream()
                                .anyMatch(c -> c.reason().equals(Checkpoint.PERIODIC) && c.seq() >= 20));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aRestartSealsTheChainACrashLeftOpenAndVerifySaysWhichEventsRestOnTheSeal(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            crashed(db, "gw-a", 30, 10);
            VerifyReport before = verify(db);
            assertThat(before.intact()).isTrue();
            assertThat(before.fullyAnchored()).isFalse();
            assertThat(chain(before, "gw-a").unanchored()).isEqualTo(20);

            restartAndAwaitSeal(db, "gw-a");

            assertThat(db.store().checkpoints())
                    .filteredOn(c -> c.reason().equals(Checkpoint.RECOVERED))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.seq()).isEqualTo(30);
                        assertThat(c.unanchored()).isEqualTo(20);
                    });
            assertThat(Files.readString(dir.resolve("checkpoints").resolve("gw-a.jsonl")))
                    .contains("\"reason\":\"recovered\"");
            VerifyReport after = verify(db);
            assertThat(after.breaks()).isEmpty();
            VerifyReport.Chain c = chain(after, "gw-a");
            assertThat(c.anchored()).isEqualTo(10);
            assertThat(c.anchoredAfterCrash()).isEqualTo(20);
            assertThat(c.unanchored()).isZero();
            assertThat(after.fullyAnchored()).isFalse();
            assertThat(AuditJson.verifyReport(after)
                            .get("chains")
                            .get(0)
                            .get("anchored_after_crash")
                            .asLong())
                    .isEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aWriterRestartingUnderItsOwnIdSealsItsChainBeforeContinuingIt(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            crashed(db, "gw-a", 30, 10);
            try (AuditWriter w = writer(db, "gw-a")) {
                assertThat(db.store().checkpoints())
                        .anyMatch(c -> c.reason().equals(Checkpoint.RECOVERED) && c.seq() == 30);
                for (int i = 1; i <= 5; i++)
                    w.append(AuditTrailTest.decision(i, Instant.now()), true).join();
            }
            VerifyReport report = verify(db);
            assertThat(report.breaks()).isEmpty();
            VerifyReport.Chain c = chain(report, "gw-a");
            assertThat(c.lastSeq()).isEqualTo(35);
            assertThat(c.anchored()).isEqualTo(15);
            assertThat(c.anchoredAfterCrash()).isEqualTo(20);
            assertThat(c.unanchored()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aChainOfAWriterThatKeepsWritingIsNotSealed(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditWriter live = writer(db, "gw-live");
            for (int i = 1; i <= 10; i++)
                live.append(AuditTrailTest.decision(i, Instant.now()), true).join();
            try (AuditWriter other = writer(db, "gw-other")) {
                // gw-live keeps committing while gw-other decides whether gw-live's chain was abandoned.
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                int i = 10;
                while (System.nanoTime() < until) {
                    live.append(AuditTrailTest.decision(++i, Instant.now()), true)
                            .join();
                }
            } finally {
                live.close();
            }
            assertThat(db.store().checkpoints()).noneMatch(c -> c.reason().equals(Checkpoint.RECOVERED));
            VerifyReport report = verify(db);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.fullyAnchored()).isTrue();
        }
    }

    enum Attack {
        /** Edit event #20 of a crashed chain and recompute the hashes to its end. */
        EDIT_AND_REHASH,
        /** Delete events #21–#30 of a crashed chain. */
        DELETE_TAIL,
        /** Append a correctly hashed event #31 to a crashed chain. */
        APPEND
    }

    static Stream<Arguments> attacks() {
        return Stream.of(Stores.Kind.values())
                .flatMap(k -> Stream.of(Attack.values()).map(a -> Arguments.of(k, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("attacks")
    void anAttackAfterTheSealIsABreak(Stores.Kind kind, Attack attack) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            crashed(db, "gw-a", 30, 10);
            restartAndAwaitSeal(db, "gw-a");
            assertThat(verify(db).intact()).isTrue();

            attack(db, attack);

            VerifyReport report = verify(db);
            assertThat(report.intact()).isFalse();
            VerifyReport.Break first = report.breaks().get(0);
            assertThat(first.writer()).isEqualTo("gw-a");
            assertThat(first.kind())
                    .as(first.message())
                    .isEqualTo(
                            switch (attack) {
                                case EDIT_AND_REHASH -> VerifyReport.Kind.MODIFIED;
                                case DELETE_TAIL -> VerifyReport.Kind.DELETED;
                                case APPEND -> VerifyReport.Kind.INSERTED;
                            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("attacks")
    void anAttackBetweenTheCrashAndTheSealLeavesItsEventsNotFullyAnchored(Stores.Kind kind, Attack attack)
            throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            crashed(db, "gw-a", 30, 10);

            attack(db, attack);
            VerifyReport unsealed = verify(db);
            assertThat(unsealed.fullyAnchored()).isFalse();
            assertThat(chain(unsealed, "gw-a").unanchored()).isPositive();

            restartAndAwaitSeal(db, "gw-a");
            // No signature can tell the forgery from the truth here; what verify must say is that every event
            // after #10 rests only on the seal made after the crash.
            VerifyReport report = verify(db);
            VerifyReport.Chain c = chain(report, "gw-a");
            assertThat(c.anchored()).isEqualTo(10);
            assertThat(c.anchoredAfterCrash()).isEqualTo(c.lastSeq() - 10).isPositive();
            assertThat(report.fullyAnchored()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void anEventAppendedAfterTheLastCheckpointOfARunningChainIsUnanchored(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            crashed(db, "gw-a", 30, 30);
            assertThat(verify(db).fullyAnchored()).isTrue();

            attack(db, Attack.APPEND);

            VerifyReport report = verify(db);
            assertThat(chain(report, "gw-a").unanchored()).isEqualTo(1);
            assertThat(report.fullyAnchored()).isFalse();
        }
    }

    private void attack(Stores.Opened db, Attack attack) throws Exception {
        List<StoredEvent> rows = new ArrayList<>();
        db.store().scan("gw-a", rows::add);
        switch (attack) {
            case EDIT_AND_REHASH -> {
                String prev = rows.get(18).hash();
                try (Connection c = db.connect();
                        PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET body = ?, prev_hash = ?,"
                                + " hash = ?, jurisdiction = ? WHERE writer = 'gw-a' AND seq = ?")) {
                    for (StoredEvent row : rows.subList(19, rows.size())) {
                        String body = row.seq() == 20
                                ? row.body().replace("\"jurisdiction\":\"us\"", "\"jurisdiction\":\"eu\"")
                                : row.body();
                        if (row.seq() == 20) assertThat(body).isNotEqualTo(row.body());
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
            }
            case DELETE_TAIL -> {
                try (Connection c = db.connect();
                        PreparedStatement ps =
                                c.prepareStatement("DELETE FROM audit_event WHERE writer = 'gw-a' AND seq > 20")) {
                    assertThat(ps.executeUpdate()).isEqualTo(10);
                }
            }
            case APPEND -> {
                StoredEvent last = rows.get(rows.size() - 1);
                var event = AuditTrailTest.decision(999, AuditTrailTest.T0.plusSeconds(999));
                db.store()
                        .append(List.of(new AuditChain("gw-a", last.seq(), last.hash())
                                .link(event, AuditJson.canonical(event))));
            }
        }
    }
}
