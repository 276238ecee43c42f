package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.config.AuditConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite WAL under steady load. A passive checkpoint copies only what was committed before it began, so with
 * commits arriving every half millisecond it never finds the WAL fully copied, and the WAL would grow until a
 * truncating checkpoint held every commit for as long as copying a gigabyte takes. The store must make it start over
 * while the load goes on.
 */
class SqliteWalTest {
    @TempDir
    Path dir;

    /** The WAL header's checkpoint sequence number: SQLite adds one each time the WAL starts over. */
    private static int walRestarts(Path wal) throws IOException {
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            while (header.hasRemaining() && ch.read(header) >= 0) {}
            return header.getInt(12);
        }
    }

    @Test
    void theWalStartsOverWhileCommitsKeepComing() throws Exception {
        AuditStore store = AuditStores.open(AuditConfig.defaults(dir));
        AuditSigner signer = AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
        AuditWriter writer = new AuditWriter(
                        store,
                        "gw",
                        signer,
                        new CheckpointLog(dir.resolve("checkpoints")),
                        Clock.systemUTC(),
                        AuditWriter.Options.DEFAULTS)
                .start();
        Path wal = dir.resolve("audit.db-wal");
        List<CompletableFuture<AuditWriter.Receipt>> commits = new ArrayList<>();
        int first = -1;
        int last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        long nextLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            // One durable event every half millisecond, each its own commit, as requests arrive at 2,000/s.
            commits.add(writer.append(AuditTrailTest.decision(i, Instant.now()), true));
            LockSupport.parkNanos(500_000);
            if (System.nanoTime() >= nextLook) {
                nextLook += TimeUnit.MILLISECONDS.toNanos(100);
                last = walRestarts(wal);
                if (first < 0) first = last;
                else if (last > first && commits.size() > 500) break;
            }
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
        writer.close();

        assertThat(commits.size()).as("events committed").isGreaterThan(500);
        assertThat(last)
                .as("the WAL started over while %d events were committed back to back", commits.size())
                .isGreaterThan(first);
        assertThat(new AuditVerifier(
                                store,
                                AuditSigner.verifier(dir.resolve("k.pub")),
                                new CheckpointLog(dir.resolve("checkpoints")))
                        .verify()
                        .intact())
                .isTrue();
        store.close();
    }

    @Test
    void betweenGroupsTheWriterHoldsNoLock() throws Exception {
        AuditStore store = AuditStores.open(AuditConfig.defaults(dir));
        AuditWriter writer = new AuditWriter(
                        store,
                        "gw",
                        AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub")),
                        new CheckpointLog(dir.resolve("checkpoints")),
                        Clock.systemUTC(),
                        AuditWriter.Options.DEFAULTS)
                .start();
        writer.append(AuditTrailTest.decision(1, Instant.now()), true).get(5, TimeUnit.SECONDS);
        // Another process (retention, a second tool) takes the write lock at once, without waiting.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
                Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout=0");
            s.execute("BEGIN IMMEDIATE");
            s.execute("DELETE FROM audit_event WHERE seq < 0");
            s.execute("COMMIT");
        }
        writer.append(AuditTrailTest.decision(2, Instant.now()), true).get(5, TimeUnit.SECONDS);
        writer.close();
        store.close();
    }
}
