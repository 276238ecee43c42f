package dev.sovereign.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A PostgreSQL location as operators write it ({@code postgresql://user@host:5432/db?sslmode=require}, also
 * {@code postgres://} and {@code jdbc:postgresql://}), turned into the driver's JDBC URL and a user name. A
 * password in the URL is refused: it belongs in {@code password_env} or {@code password_file}.
 */
record PostgresUrl(String jdbcUrl, Optional<String> user) {

    static PostgresUrl parse(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = new URI(rest.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database: postgresql://host/db");
        }
        Optional<String> user = Optional.empty();
        if (uri.getUserInfo() != null) {
            if (uri.getUserInfo().contains(":")) {
                throw new IllegalArgumentException(
                        "do not put the password in the store URL; use password_env or password_file");
            }
            user = Optional.of(uri.getUserInfo());
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user);
    }
}
