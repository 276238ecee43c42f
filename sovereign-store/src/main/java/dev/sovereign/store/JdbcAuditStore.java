package dev.sovereign.store;

import dev.sovereign.audit.AuditColumns;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.ChainedEvent;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.TimeStamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SQL both stores share: the same tables (see {@code db/migration}), plain JDBC with batched inserts.
 * Subclasses own the connections: how a write connection is held and how a read connection is lent.
 */
abstract sealed class JdbcAuditStore implements AuditStore permits SqliteAuditStore, PostgresAuditStore {
    private static final String INSERT = "INSERT INTO audit_event (writer, seq, prev_hash, hash, type, time_ms,"
            + " request_id, key_id, team, workload, provider, jurisdiction, action, categories, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The columns of one event's row, bound by {@link #bind}. */
    static final int INSERT_COLUMNS = 15;

    private static final String COLUMNS = "id, writer, seq, prev_hash, hash, type, time_ms, request_id, key_id,"
            + " team, workload, provider, jurisdiction, action, categories, body";

    /** A unit of JDBC work. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction on the write connection. */
    abstract <T> T write(Work<T> work);

    /** Runs {@code work} on a read connection (autocommit). */
    abstract <T> T read(Work<T> work);

    /** A statement inserting events on the write connection {@code c}; given back through {@link #release}. */
    PreparedStatement insertStatement(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    /** Gives back a statement from {@link #insertStatement}. */
    void release(PreparedStatement insert) throws SQLException {
        insert.close();
    }

    @Override
    public Optional<Head> head(String writer) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, hash FROM audit_event WHERE writer = ? ORDER BY seq DESC LIMIT 1")) {
                ps.setString(1, writer);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void append(List<ChainedEvent> events) {
        if (events.isEmpty()) return;
        write(c -> {
            PreparedStatement ps = insertStatement(c);
            try {
                for (ChainedEvent e : events) {
                    bind(ps, 0, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            } finally {
                release(ps);
            }
            return null;
        });
    }

    /** Sets the {@link #INSERT_COLUMNS} parameters of {@code e}'s row after the first {@code offset} of {@code ps}. */
    static void bind(PreparedStatement ps, int offset, ChainedEvent e) throws SQLException {
        AuditColumns col = AuditColumns.of(e.event());
        ps.setString(offset + 1, e.writer());
        ps.setLong(offset + 2, e.seq());
        ps.setString(offset + 3, e.prevHash());
        ps.setString(offset + 4, e.hash());
        ps.setString(offset + 5, col.type());
        ps.setLong(offset + 6, col.timeMillis());
        ps.setString(offset + 7, col.requestId());
        setNullable(ps, offset + 8, col.key());
        setNullable(ps, offset + 9, col.team());
        setNullable(ps, offset + 10, col.workload());
        setNullable(ps, offset + 11, col.provider());
        setNullable(ps, offset + 12, col.jurisdiction());
        setNullable(ps, offset + 13, col.action());
        ps.setString(offset + 14, col.categories());
        ps.setString(offset + 15, e.body());
    }

    /** The insert statement for {@code rows} events: one multi-row {@code VALUES}. */
    static String insertRows(int rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        String row = INSERT.substring(INSERT.lastIndexOf(" VALUES ") + " VALUES ".length());
        for (int i = 1; i < rows; i++) sql.append(", ").append(row);
        return sql.toString();
    }

    @Override
    public void addCheckpoint(Checkpoint checkpoint) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_checkpoint (writer, seq, reason, line) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, checkpoint.writer());
                ps.setLong(2, checkpoint.seq());
                ps.setString(3, checkpoint.reason());
                ps.setString(4, checkpoint.line());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return read(c -> {
            List<Checkpoint> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT line FROM audit_checkpoint ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        result.add(AuditJson.mapper().readValue(rs.getString(1), Checkpoint.class));
                    } catch (Exception e) {
                        // An unreadable line verifies as nothing: the file copy, or the chain's missing anchor,
                        // reports the damage.
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void addTimeStamp(TimeStamp stamp) {
        write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO audit_timestamp (writer, seq, line) VALUES (?, ?, ?)")) {
                ps.setString(1, stamp.writer());
                ps.setLong(2, stamp.seq());
                ps.setString(3, stamp.line());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<TimeStamp> timeStamps() {
        return read(c -> {
            List<TimeStamp> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT line FROM audit_timestamp ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        result.add(AuditJson.mapper().readValue(rs.getString(1), TimeStamp.class));
                    } catch (Exception e) {
                        // An unreadable token anchors nothing; verification counts the events it would have covered
                        // as not time-stamped.
                    }
                }
            }
            return result;
        });
    }

    @Override
    public List<String> writers() {
        return read(c -> {
            List<String> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT writer FROM audit_event ORDER BY writer");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.add(rs.getString(1));
            }
            return result;
        });
    }

    @Override
    public void scan(String writer, Consumer<StoredEvent> sink) {
        read(c -> streaming(c, () -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event WHERE writer = ? ORDER BY seq, id")) {
                ps.setFetchSize(1000);
                ps.setString(1, writer);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(row(rs));
                }
            }
        }));
    }

    /**
     * Runs a long read so that its rows stream by the fetch size instead of being held in memory all at once, which
     * PostgreSQL's driver does only inside a transaction (rolled back after: it wrote nothing). SQLite steps through
     * rows anyway, and a transaction there would begin with the write lock and hold the writer for the whole read.
     */
    private Void streaming(Connection c, SqlRun run) throws SQLException {
        if (!streamsOnlyInTransaction()) {
            run.run();
            return null;
        }
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) c.setAutoCommit(false);
        try {
            run.run();
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return null;
    }

    /** Whether the driver streams a result only inside a transaction (PostgreSQL's does). */
    boolean streamsOnlyInTransaction() {
        return false;
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    @Override
    public void scanTime(Instant from, Instant to, Consumer<StoredEvent> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        if (from != null) sql.append(" AND time_ms >= ").append(from.toEpochMilli());
        if (to != null) sql.append(" AND time_ms < ").append(to.toEpochMilli());
        sql.append(" ORDER BY id");
        read(c -> streaming(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(row(rs));
                }
            }
        }));
    }

    @Override
    public AuditPage query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND time_ms >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND time_ms < ?");
            args.add(q.to().toEpochMilli());
        }
        equal(sql, args, "type", q.type());
        equal(sql, args, "request_id", q.requestId());
        equal(sql, args, "workload", q.workload());
        equal(sql, args, "key_id", q.key());
        equal(sql, args, "team", q.team());
        equal(sql, args, "provider", q.provider());
        equal(sql, args, "jurisdiction", q.jurisdiction());
        equal(sql, args, "action", q.action());
        if (q.categoryPattern() != null) {
            sql.append(" AND categories LIKE ? ESCAPE '!'");
            args.add(q.categoryPattern());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit() + 1);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                List<StoredEvent> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(row(rs));
                }
                Long next = null;
                if (rows.size() > q.limit()) {
                    rows = rows.subList(0, q.limit());
                    next = rows.get(rows.size() - 1).id();
                }
                return new AuditPage(rows, next);
            }
        });
    }

    @Override
    public Optional<StoredEvent> lastOlderThan(String writer, Instant cutoff) {
        return read(c -> {
            Long firstYoung = null;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT MIN(seq) FROM audit_event WHERE writer = ? AND time_ms >= ?")) {
                ps.setString(1, writer);
                ps.setLong(2, cutoff.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        if (!rs.wasNull()) firstYoung = v;
                    }
                }
            }
            String sql = "SELECT " + COLUMNS + " FROM audit_event WHERE writer = ?"
                    + (firstYoung == null ? "" : " AND seq < ?") + " ORDER BY seq DESC LIMIT 1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, writer);
                if (firstYoung != null) ps.setLong(2, firstYoung);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public long deleteThrough(String writer, long seq) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_event WHERE writer = ? AND seq <= ?")) {
                ps.setString(1, writer);
                ps.setLong(2, seq);
                return (long) ps.executeUpdate();
            }
        });
    }

    private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
        if (value == null) return;
        sql.append(" AND ").append(column).append(" = ?");
        args.add(value);
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) ps.setNull(index, Types.VARCHAR);
        else ps.setString(index, value);
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(16),
                new AuditColumns(
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13),
                        rs.getString(14),
                        rs.getString(15)));
    }

    static AuditStoreException failure(String store, SQLException e) {
        return new AuditStoreException(store + ": " + e.getMessage(), e);
    }
}
