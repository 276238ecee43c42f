package dev.sovereign.bench.audit;

import dev.sovereign.bench.load.Flags;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Runs one SQL statement as {@code postgres} on a PostgreSQL server's {@code postgres} database, so that the
 * benchmark scripts can create and drop databases without a {@code psql} client:
 * {@code PgAdmin [--server 127.0.0.1:5432] [--user postgres] --sql "CREATE DATABASE x"}.
 */
public final class PgAdmin {
    private PgAdmin() {}

    public static void main(String[] args) throws SQLException {
        Flags f = Flags.parse(args, Set.of("--server", "--user", "--sql"), Set.of());
        String url = "jdbc:postgresql://" + f.string("--server", "127.0.0.1:5432") + "/postgres?user="
                + f.string("--user", "postgres");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(f.required("--sql"));
        }
    }
}
