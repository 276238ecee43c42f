package dev.sovereign.store;

import dev.sovereign.audit.AuditStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. One write connection, used by one writer at a time (the
 * gateway's audit writer commits groups of events through it); reads open their own connections, which WAL lets
 * run beside the writer. With {@code synchronous=NORMAL} a commit survives the process being killed; with
 * {@code FULL} it also survives power loss, at one fsync per commit. After a failed write the connection is
 * closed and opened again on the next write, so the store recovers by itself once the file is writable.
 *
 * <p>Checkpoints (copying the WAL back into the database, with an fsync) would otherwise run inside a commit every
 * thousand pages and hold the writer, and every request waiting on it, for as long as the disk takes; here the
 * write connection never checkpoints, and a background thread runs passive checkpoints every second on its own
 * connection, which never block the writer but for the millisecond or two it takes to let the WAL start over.
 */
final class SqliteAuditStore extends JdbcAuditStore {
    /** Longer than a truncating checkpoint of {@link #MAX_WAL_BYTES} takes, so that a commit waits rather than fails. */
    private static final int BUSY_TIMEOUT_MS = 30_000;
    /**
     * The WAL's size after it starts over. Cutting it back is a truncation inside the commit that starts it over, so
     * the limit is well above what a second of heavy load writes, and the WAL keeps its size between restarts.
     */
    private static final long WAL_SIZE_LIMIT = 256L << 20;
    /** The WAL's size past which it is cut back even if that holds commits. */
    private static final long MAX_WAL_BYTES = 1L << 30;
    /**
     * Frames (4 KiB pages) committed while a passive round ran, past which another round runs at once; once a
     * round saw no more than these, what the writer is held for is about as little.
     */
    private static final long HOLD_FRAMES = 256;
    /**
     * Frames (4 MiB) in the WAL past which the checkpoint makes it start over, by holding the writer while it copies
     * the last ones (a millisecond or two: the copy and two fsyncs of little data). Under load that is once a
     * checkpoint; an idle writer's WAL is left as it is.
     */
    private static final long RESTART_FRAMES = 1024;

    private static final int MAX_PASSIVE_ROUNDS = 8;
    private static final int CHECKPOINT_BUSY_MS = 100;

    private final Path file;
    private final SQLiteDataSource dataSource;
    private Connection writeConnection;
    private PreparedStatement insert;
    private final ScheduledExecutorService checkpoints = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-sqlite-checkpoint").daemon(true).factory());

    private SqliteAuditStore(Path file, SQLiteDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
        checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Copies the WAL back into the database without holding the writer: passive checkpoints, again at once while
     * the writer commits many frames during each (a busy writer outruns one a second). A passive checkpoint copies only
     * the frames committed before it began, so under steady load it never catches up with the writer, and the WAL
     * starts over only when a transaction begins with every frame copied. So when few frames are left, the last
     * round holds the writer (between two commits) while it copies them: a millisecond or two, after which the next
     * commit starts the WAL over from its beginning and the file is cut back to {@link #WAL_SIZE_LIMIT} ({@code
     * journal_size_limit}). Readers still on an old snapshot can keep the WAL from starting over; if that lasts
     * until it grows past {@link #MAX_WAL_BYTES}, a truncating checkpoint, to bound the disk it takes, holds new
     * commits while it copies the rest (they wait: the writer's busy timeout is longer than such a checkpoint, and
     * requests waiting on them fail closed after the writer's stall limit).
     */
    private void checkpoint() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + CHECKPOINT_BUSY_MS);
            // Each round copies what was committed while the one before it ran, so rounds get shorter.
            Progress p = passive(s);
            boolean fewLeft = false;
            for (int round = 1; round < MAX_PASSIVE_ROUNDS && !fewLeft; round++) {
                Progress next = passive(s);
                fewLeft = next.frames() - p.frames() <= HOLD_FRAMES;
                p = next;
            }
            if (fewLeft && p.behind() == 0 && p.frames() >= RESTART_FRAMES) {
                synchronized (this) {
                    passive(s);
                }
            }
            Path wal = Path.of(file + "-wal");
            if (Files.exists(wal) && Files.size(wal) > MAX_WAL_BYTES) s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException | IOException e) {
            // The next round tries again; a store that cannot be written reports it through its commits.
        }
    }

    /** What a passive checkpoint found: frames in the WAL, and how many of them it left un-copied. */
    private record Progress(long frames, long behind) {}

    /** One passive checkpoint. */
    private static Progress passive(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // Columns: busy, frames in the WAL, frames copied back (-1 and -1 outside WAL mode).
            if (!rs.next()) return new Progress(0, 0);
            long frames = Math.max(0, rs.getLong(2));
            return new Progress(frames, Math.max(0, frames - rs.getLong(3)));
        }
    }

    static SqliteAuditStore open(Path file, String sync) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AuditStoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                sync.equals("full") ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/sqlite")
                    .table("sovereign_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new AuditStoreException("cannot prepare the audit database " + file + ": " + rootMessage(e), e);
        }
        return new SqliteAuditStore(file, ds);
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    /**
     * Runs {@code work} in a transaction on the one write connection. The connection stays out of autocommit, each
     * commit followed at once by a deferred {@code BEGIN}, which takes no lock and no snapshot until the next
     * statement: between groups nothing is held (other processes can write, e.g. retention, and the WAL can start
     * over), and a group costs one transaction instead of the two the driver's autocommit switching would make.
     * The first statement of {@code work} must be a write, so that the read snapshot and the write lock are taken
     * together (a read first could not be upgraded once another connection had committed).
     */
    @Override
    synchronized <T> T write(Work<T> work) {
        try {
            if (writeConnection == null) writeConnection = openWriteConnection();
            T result = work.run(writeConnection);
            writeConnection.commit();
            return result;
        } catch (SQLException e) {
            discardWriteConnection();
            throw failure(describe(), e);
        }
    }

    private Connection openWriteConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT);
            c.unwrap(SQLiteConnection.class)
                    .getConnectionConfig()
                    .setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** The insert, prepared once per write connection: parsing it again for every group costs a tenth of a commit. */
    @Override
    PreparedStatement insertStatement(Connection c) throws SQLException {
        if (insert == null) insert = super.insertStatement(c);
        return insert;
    }

    @Override
    void release(PreparedStatement statement) {
        // kept for the next group; closed with the write connection
    }

    @Override
    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(describe(), e);
        }
    }

    private void discardWriteConnection() {
        if (writeConnection == null) return;
        if (insert != null) {
            try {
                insert.close();
            } catch (SQLException ignored) {
                // closing the connection below releases it anyway
            }
            insert = null;
        }
        try {
            writeConnection.rollback();
        } catch (SQLException ignored) {
            // closing below ends the transaction anyway
        }
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
        writeConnection = null;
    }

    @Override
    public synchronized void close() {
        checkpoints.shutdownNow();
        discardWriteConnection();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
