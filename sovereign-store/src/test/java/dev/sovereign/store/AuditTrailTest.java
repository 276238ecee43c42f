package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.audit.AuditChain;
import dev.sovereign.audit.AuditColumns;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditRetention;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.ChainedEvent;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail end to end on both real stores: a writer commits chains, the verifier accepts them, and each
 * kind of tampering done directly in the database (or its checkpoint file) is found at its position.
 */
class AuditTrailTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    static AuditEvent decision(int i, Instant time) {
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                time,
                "req-" + i,
                new AuditEvent.Subject("key-" + (i % 3), "team-a", i % 2 == 0 ? "support-bot" : "hr-assistant"),
                new AuditEvent.Request("openai", "chat.completions", "gpt-4o", false, 1200L),
                i % 4 == 0 ? Map.of("special.health", 1, "pii.email", 2) : Map.of("pii.email", 1),
                null,
                new AuditEvent.Route(
                        "route-by-model",
                        "forward",
                        i % 2 == 0 ? "anthropic" : "local",
                        "us",
                        i % 2 == 0 ? "us" : "eu",
                        "model-x"),
                null,
                null,
                null);
    }

    private AuditSigner signer() throws Exception {
        return AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
    }

    /** Writes {@code n} decision events as writer {@code writer}, one a minute from T0, and closes the writer. */
    private void write(AuditStore store, AuditSigner signer, String writer, int n) {
        AuditWriter w = new AuditWriter(
                        store,
                        writer,
                        signer,
                        new CheckpointLog(dir.resolve("checkpoints")),
                        Clock.fixed(T0, ZoneOffset.UTC),
                        AuditWriter.Options.DEFAULTS)
                .start();
        List<CompletableFuture<AuditWriter.Receipt>> futures = new ArrayList<>();
        for (int i = 1; i <= n; i++) futures.add(w.append(decision(i, T0.plusSeconds(60L * i)), i % 2 == 0));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        assertThat(futures.get(n - 1).join().seq() - futures.get(0).join().seq())
                .isEqualTo(n - 1);
        w.close();
    }

    private VerifyReport verify(AuditStore store, AuditSigner signer) throws Exception {
        return new AuditVerifier(
                        store,
                        AuditSigner.verifier(dir.resolve("k.pub")),
                        new CheckpointLog(dir.resolve("checkpoints")))
                .verify();
    }

    private static void exec(Stores.Opened db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void anUntouchedTrailVerifiesAndQueriesFilterAndPage(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 40);
            write(db.store(), signer, "gw-b", 10);
            VerifyReport report = verify(db.store(), signer);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.intact()).isTrue();
            assertThat(report.chains()).extracting(VerifyReport.Chain::writer).containsExactly("gw-a", "gw-b");
            assertThat(report.chains().get(0).events()).isEqualTo(40);
            assertThat(report.chains().get(0).unanchored()).isZero();

            AuditPage eu = db.store()
                    .query(new AuditQuery(
                            null, null, null, null, null, null, null, null, null, "eu", null, 1000, null));
            assertThat(eu.events())
                    .hasSize(25)
                    .allSatisfy(e -> assertThat(e.columns().jurisdiction()).isEqualTo("eu"));
            AuditPage health = db.store()
                    .query(new AuditQuery(
                            null, null, null, null, null, null, null, "special.*", null, null, null, 1000, null));
            assertThat(health.events()).hasSize(10 + 2);
            // A bare family name would match no event: it is refused rather than answered with nothing.
            assertThatThrownBy(() -> new AuditQuery(
                            null, null, null, null, null, null, null, "special", null, null, null, 1000, null))
                    .hasMessage("category 'special' names a family, not a category: write 'special.*'");
            AuditPage window = db.store()
                    .query(new AuditQuery(
                            T0.plusSeconds(60 * 10),
                            T0.plusSeconds(60 * 20),
                            null,
                            null,
                            "support-bot",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            1000,
                            null));
            assertThat(window.events())
                    .extracting(e -> e.event().requestId())
                    .containsExactlyInAnyOrder("req-10", "req-12", "req-14", "req-16", "req-18", "req-10");

            Set<Long> seen = new HashSet<>();
            AuditPage page = db.store().query(AuditQuery.all(7));
            int pages = 0;
            while (true) {
                pages++;
                for (StoredEvent e : page.events()) assertThat(seen.add(e.id())).isTrue();
                if (page.next() == null) break;
                page = db.store().query(AuditQuery.all(7).before(page.next()));
            }
            assertThat(seen).hasSize(50);
            assertThat(pages).isEqualTo(8);
        }
    }

    /**
     * Groups of every size the writer hands over, on both sides of the size where PostgreSQL's commit changes from
     * one multi-row statement to a transaction, are stored whole and in order, each column as it was bound; a group
     * that cannot be stored (its last event takes a sequence number already in the chain) leaves none of its events.
     */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void everyGroupIsStoredWholeInOrderOrNotAtAll(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditChain chain = new AuditChain("gw-a", 0, AuditChain.GENESIS);
            List<ChainedEvent> all = new ArrayList<>();
            int i = 0;
            for (int size : new int[] {1, 2, 3, 31, 32, 33, 64, 100}) {
                List<ChainedEvent> group = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    AuditEvent e = decision(++i, T0.plusSeconds(i));
                    group.add(chain.link(e, AuditJson.canonical(e)));
                }
                db.store().append(group);
                all.addAll(group);
            }
            for (int size : new int[] {3, 40}) {
                List<ChainedEvent> group = new ArrayList<>();
                AuditChain fork = new AuditChain("gw-a", chain.seq(), chain.head());
                for (int k = 0; k < size - 1; k++) {
                    AuditEvent e = decision(1000 + k, T0);
                    group.add(fork.link(e, AuditJson.canonical(e)));
                }
                ChainedEvent last = all.get(all.size() - 1);
                group.add(
                        new ChainedEvent("gw-a", last.seq(), last.prevHash(), last.hash(), last.body(), last.event()));
                assertThatThrownBy(() -> db.store().append(group)).isInstanceOf(AuditStoreException.class);
            }

            List<StoredEvent> stored = new ArrayList<>();
            db.store().scan("gw-a", stored::add);
            assertThat(stored).hasSize(all.size());
            for (int k = 0; k < all.size(); k++) {
                ChainedEvent want = all.get(k);
                StoredEvent got = stored.get(k);
                assertThat(got.seq()).isEqualTo(k + 1L);
                assertThat(List.of(got.writer(), got.seq(), got.prevHash(), got.hash(), got.body()))
                        .isEqualTo(List.of(want.writer(), want.seq(), want.prevHash(), want.hash(), want.body()));
                assertThat(got.columns()).isEqualTo(AuditColumns.of(want.event()));
                if (k > 0) assertThat(got.id()).isGreaterThan(stored.get(k - 1).id());
            }
            assertThat(db.store().head("gw-a"))
                    .contains(new AuditStore.Head(
                            all.size(), all.get(all.size() - 1).hash()));
        }
    }

    /** One way to tamper with a 30-event chain, and where the verifier must find it. */
    enum Tampering {
        EDIT_BODY(12, VerifyReport.Kind.MODIFIED),
        EDIT_BODY_AND_REHASH(12, VerifyReport.Kind.MODIFIED),
        EDIT_COLUMN(12, VerifyReport.Kind.COLUMN_EDITED),
        DELETE_ONE(12, VerifyReport.Kind.DELETED),
        DELETE_TAIL(28, VerifyReport.Kind.DELETED),
        SWAP_TWO(12, VerifyReport.Kind.REORDERED),
        INSERT_RENUMBERED(12, VerifyReport.Kind.INSERTED),
        APPEND_AFTER_STOP(31, VerifyReport.Kind.INSERTED),
        FORGE_CHECKPOINT_FILE(29, VerifyReport.Kind.BAD_CHECKPOINT);

        final long at;
        final VerifyReport.Kind kind;

        Tampering(long at, VerifyReport.Kind kind) {
            this.at = at;
            this.kind = kind;
        }
    }

    static List<Object[]> tamperings() {
        List<Object[]> cases = new ArrayList<>();
        for (Stores.Kind k : Stores.Kind.values())
            for (Tampering t : Tampering.values()) cases.add(new Object[] {k, t});
        return cases;
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aTimeScanStreamsTheWindowInStoreOrderAndJoinsRequests(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 30);
            write(db.store(), signer, "gw-b", 5);
            List<StoredEvent> window = new ArrayList<>();
            // Minutes 10 to 19 of gw-a, then minutes 1 to 5 are before the window for gw-b: none of it.
            db.store().scanTime(T0.plusSeconds(60 * 10), T0.plusSeconds(60 * 20), window::add);
            assertThat(window)
                    .extracting(StoredEvent::seq)
                    .containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
            assertThat(window).extracting(StoredEvent::writer).containsOnly("gw-a");
            List<StoredEvent> all = new ArrayList<>();
            db.store().scanTime(null, null, all::add);
            assertThat(all).hasSize(35);
            assertThat(all).extracting(StoredEvent::id).isSorted();

            List<dev.sovereign.audit.AuditedRequest> requests = new ArrayList<>();
            dev.sovereign.audit.AuditedRequests.read(
                    db.store(), T0.plusSeconds(60 * 4), T0.plusSeconds(60 * 8), requests::add);
            // gw-a 4..7 and gw-b 4..5: decisions without completions, emitted at the end.
            assertThat(requests).hasSize(6);
            assertThat(requests).filteredOn(r -> r.requestId().equals("req-4")).allSatisfy(r -> {
                assertThat(r.categories()).containsEntry("special.health", 1);
                assertThat(r.workload()).isEqualTo("support-bot");
                assertThat(r.completed()).isFalse();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aLongReadDoesNotHoldTheWriter(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 20);
            List<Long> appendMillis = new ArrayList<>();
            List<StoredEvent> seen = new ArrayList<>();
            // A report or a verification reads the trail while the gateway keeps writing: every write made in the
            // middle of the read commits at once (a read that took the write lock would hold it for the whole scan).
            db.store().scanTime(null, null, e -> {
                seen.add(e);
                if (seen.size() % 5 == 0) {
                    long start = System.nanoTime();
                    write(db.store(), signer, "gw-" + seen.size(), 1);
                    appendMillis.add((System.nanoTime() - start) / 1_000_000);
                }
            });
            assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
            assertThat(appendMillis)
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(ms -> assertThat(ms).isLessThan(1500));
            List<StoredEvent> again = new ArrayList<>();
            db.store().scan("gw-a", e -> {
                again.add(e);
                if (again.size() == 10) write(db.store(), signer, "gw-during-scan", 1);
            });
            assertThat(again).hasSize(20);
            assertThat(db.store().writers()).contains("gw-during-scan");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tamperings")
    void everyTamperingIsFoundAtItsPosition(Stores.Kind kind, Tampering tampering) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 30);
            write(db.store(), signer, "gw-b", 5);
            assertThat(verify(db.store(), signer).intact()).isTrue();

            tamper(db, tampering);

            VerifyReport report = verify(db.store(), signer);
            assertThat(report.intact()).isFalse();
            VerifyReport.Break first = report.breaks().stream()
                    .filter(b -> "gw-a".equals(b.writer()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no break in gw-a: " + report.breaks()));
            assertThat(first.kind()).as(first.message()).isEqualTo(tampering.kind);
            assertThat(first.seq()).as(first.message()).isEqualTo(tampering.at);
            assertThat(report.breaks()).noneMatch(b -> "gw-b".equals(b.writer()));
        }
    }

    private void tamper(Stores.Opened db, Tampering t) throws Exception {
        switch (t) {
            case EDIT_BODY ->
                exec(
                        db,
                        "UPDATE audit_event SET body = REPLACE(body, '\"provider\":\"anthropic\"',"
                                + " '\"provider\":\"local\"') WHERE writer = 'gw-a' AND seq = 12");
            case EDIT_BODY_AND_REHASH -> {
                StoredEvent row = row(db, 12);
                String body = row.body().replace("\"jurisdiction\":\"us\"", "\"jurisdiction\":\"eu\"");
                assertThat(body).isNotEqualTo(row.body());
                try (Connection c = db.connect();
                        PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET body = ?, hash = ?,"
                                + " jurisdiction = 'eu' WHERE writer = 'gw-a' AND seq = 12")) {
                    ps.setString(1, body);
                    ps.setString(2, dev.sovereign.audit.AuditChain.hash(row.prevHash(), body));
                    ps.executeUpdate();
                }
            }
            case EDIT_COLUMN ->
                exec(db, "UPDATE audit_event SET jurisdiction = 'eu' WHERE writer = 'gw-a' AND seq = 12");
            case DELETE_ONE -> exec(db, "DELETE FROM audit_event WHERE writer = 'gw-a' AND seq = 12");
            case DELETE_TAIL -> exec(db, "DELETE FROM audit_event WHERE writer = 'gw-a' AND seq >= 28");
            case SWAP_TWO -> {
                exec(db, "UPDATE audit_event SET seq = -1 WHERE writer = 'gw-a' AND seq = 12");
                exec(db, "UPDATE audit_event SET seq = 12 WHERE writer = 'gw-a' AND seq = 13");
                exec(db, "UPDATE audit_event SET seq = 13 WHERE writer = 'gw-a' AND seq = -1");
            }
            case INSERT_RENUMBERED -> {
                for (long seq = 30; seq >= 12; seq--) {
                    exec(db, "UPDATE audit_event SET seq = " + (seq + 1) + " WHERE writer = 'gw-a' AND seq = " + seq);
                }
                forge(db, 12, row(db, 11).hash());
            }
            case APPEND_AFTER_STOP -> forge(db, 31, row(db, 30).hash());
            case FORGE_CHECKPOINT_FILE -> {
                Path file = dir.resolve("checkpoints").resolve("gw-a.jsonl");
                List<String> lines = Files.readAllLines(file);
                String last = lines.get(lines.size() - 1);
                lines.set(lines.size() - 1, last.replace("\"seq\":30", "\"seq\":29"));
                Files.write(file, lines);
            }
        }
    }

    /** Inserts a well-formed, correctly hashed event at {@code seq} after {@code prevHash}, as a forger would. */
    private static void forge(Stores.Opened db, long seq, String prevHash) throws SQLException {
        AuditEvent fake = decision(999, T0.plusSeconds(99_999));
        String body = "{\"event\":" + dev.sovereign.audit.AuditJson.canonical(fake) + ",\"seq\":" + seq
                + ",\"writer\":\"gw-a\"}";
        String hash = dev.sovereign.audit.AuditChain.hash(prevHash, body);
        dev.sovereign.audit.AuditColumns col = dev.sovereign.audit.AuditColumns.of(fake);
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (writer, seq, prev_hash, hash, type,"
                        + " time_ms, request_id, key_id, team, workload, provider, jurisdiction, action, categories,"
                        + " body) VALUES ('gw-a', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, prevHash);
            ps.setString(3, hash);
            ps.setString(4, col.type());
            ps.setLong(5, col.timeMillis());
            ps.setString(6, col.requestId());
            ps.setString(7, col.key());
            ps.setString(8, col.team());
            ps.setString(9, col.workload());
            ps.setString(10, col.provider());
            ps.setString(11, col.jurisdiction());
            ps.setString(12, col.action());
            ps.setString(13, col.categories());
            ps.setString(14, body);
            ps.executeUpdate();
        }
    }

    private static StoredEvent row(Stores.Opened db, long seq) {
        List<StoredEvent> found = new ArrayList<>();
        db.store().scan("gw-a", e -> {
            if (e.seq() == seq) found.add(e);
        });
        return found.get(0);
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aStoreReplacedWholeDisagreesWithTheCheckpointFile(Stores.Kind kind) throws Exception {
        AuditSigner signer = signer();
        try (Stores.Opened db = Stores.open(kind, dir)) {
            write(db.store(), signer, "gw-a", 20);
        }
        // A fresh store with a plausible chain under the same writer id, signed with the forger's own key.
        Path forgerDir = Files.createDirectories(dir.resolve("forger"));
        try (Stores.Opened forged = Stores.open(kind, forgerDir)) {
            AuditSigner forgerKey = AuditSigner.generate(forgerDir.resolve("f.key"), forgerDir.resolve("f.pub"));
            AuditWriter w = new AuditWriter(
                            forged.store(), "gw-a", forgerKey, null, Clock.systemUTC(), AuditWriter.Options.DEFAULTS)
                    .start();
            for (int i = 1; i <= 20; i++)
                w.append(decision(i, T0.plusSeconds(i)), true).join();
            w.close();
            VerifyReport report = verify(forged.store(), signer);
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks())
                    .extracting(VerifyReport.Break::kind)
                    .contains(VerifyReport.Kind.BAD_CHECKPOINT, VerifyReport.Kind.MODIFIED);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void retentionDeletesOldEventsAndTheChainStillVerifies(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 30);
            List<AuditRetention.Pruned> pruned = new AuditRetention(
                            db.store(), signer, new CheckpointLog(dir.resolve("checkpoints")), Clock.systemUTC())
                    .deleteOlderThan(T0.plusSeconds(60 * 10 + 30));
            assertThat(pruned).containsExactly(new AuditRetention.Pruned("gw-a", 10, 10));

            VerifyReport report = verify(db.store(), signer);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.chains().get(0).firstSeq()).isEqualTo(11);
            assertThat(report.chains().get(0).prunedThrough()).isEqualTo(10);
            assertThat(report.chains().get(0).events()).isEqualTo(20);

            exec(db, "DELETE FROM audit_event WHERE writer = 'gw-a' AND seq = 11");
            VerifyReport after = verify(db.store(), signer);
            assertThat(after.breaks()).first().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(VerifyReport.Kind.DELETED);
                assertThat(b.seq()).isEqualTo(11);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aWriterThatRestartsUnderItsIdContinuesItsChain(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 5);
            write(db.store(), signer, "gw-a", 5);
            VerifyReport report = verify(db.store(), signer);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.chains()).singleElement().satisfies(c -> {
                assertThat(c.firstSeq()).isEqualTo(1);
                assertThat(c.lastSeq()).isEqualTo(10);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aWriterWhoseEventsWereAllPrunedContinuesAfterTheRetentionCheckpoint(Stores.Kind kind) throws Exception {
        try (Stores.Opened db = Stores.open(kind, dir)) {
            AuditSigner signer = signer();
            write(db.store(), signer, "gw-a", 5);
            new AuditRetention(db.store(), signer, new CheckpointLog(dir.resolve("checkpoints")), Clock.systemUTC())
                    .deleteOlderThan(T0.plusSeconds(86_400));
            assertThat(db.store().writers()).isEmpty();
            write(db.store(), signer, "gw-a", 5);
            VerifyReport report = verify(db.store(), signer);
            assertThat(report.breaks()).isEmpty();
            assertThat(report.chains()).singleElement().satisfies(c -> {
                assertThat(c.firstSeq()).isEqualTo(6);
                assertThat(c.lastSeq()).isEqualTo(10);
                assertThat(c.prunedThrough()).isEqualTo(5);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void anUnreachableStoreFailsAtOpenWithItsLocation(Stores.Kind kind) {
        AuditStoreConfigs bad = new AuditStoreConfigs(dir);
        assertThatThrownBy(() -> AuditStores.open(bad.unreachable(kind)))
                .isInstanceOf(dev.sovereign.audit.AuditStoreException.class)
                .hasMessageContaining(kind == Stores.Kind.SQLITE ? "audit.db" : "127.0.0.1:1")
                .message()
                .doesNotContain("hunter2");
    }
}
