package dev.sovereign.config;

import static dev.sovereign.config.SettingValues.duration;

import dev.sovereign.audit.ContentSealer;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.config.internal.ConfigFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code audit} block of {@code sovereign.yaml} over {@link AuditConfig#defaults}: the store URL and its
 * password (never in the URL), the writer id, signing keys and checkpoints, content capture (which needs its
 * encryption key in the environment), retention, and the RFC 3161 time-stamping authority. Immutable.
 */
final class AuditSettingsLoader {
    private static final String FILE = ConfigLoader.SOVEREIGN_FILE;
    private static final Pattern STORE_URL = Pattern.compile("sqlite:.+|(jdbc:)?postgres(ql)?://[^/]+/[^?/]+(\\?.*)?");

    private final Map<String, String> env;
    private final SecretReader secrets;

    /** @param env the process environment (the capture key is read from it) */
    AuditSettingsLoader(Map<String, String> env, SecretReader secrets) {
        this.env = env;
        this.secrets = secrets;
    }

    /** @param dto the block, or {@code null} for the defaults */
    AuditConfig read(ConfigFiles.AuditDto dto, Path dataDir) {
        AuditConfig d = AuditConfig.defaults(dataDir);
        if (dto == null) return d;
        String store = store(dto, d);
        Optional<Secret> password = Optional.empty();
        if (dto.passwordEnv() != null || dto.passwordFile() != null) {
            password =
                    secrets.read(FILE, "audit", "password_env", dto.passwordEnv(), "password_file", dto.passwordFile());
        }
        if (dto.writer() != null && !dto.writer().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw ConfigException.at(
                    FILE, "audit.writer", "'" + dto.writer() + "' must be 1-100 letters, digits, '.', '-' or '_'");
        }
        Path signingKey = dto.signingKey() == null ? d.signingKey() : Path.of(dto.signingKey());
        Path verifyKey = dto.verifyKey() != null
                ? Path.of(dto.verifyKey())
                : dto.signingKey() == null ? d.verifyKey() : AuditConfig.publicKeyFor(signingKey);
        Duration interval = dto.checkpointInterval() == null
                ? d.checkpointInterval()
                : duration(FILE, "audit.checkpoint_interval", dto.checkpointInterval());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.at(FILE, "audit.checkpoint_interval", "must be between 1s and 24h");
        }
        boolean capture = Boolean.TRUE.equals(dto.capture());
        if (capture) checkCaptureKey();
        int retention = dto.retentionDays() == null ? 0 : dto.retentionDays();
        if (retention < 0 || retention > 36_500) {
            throw ConfigException.at(FILE, "audit.retention_days", "must be between 0 (keep) and 36500");
        }
        String sync = dto.sqliteSync() == null ? d.sqliteSync() : dto.sqliteSync();
        if (!sync.equals("normal") && !sync.equals("full")) {
            throw ConfigException.at(FILE, "audit.sqlite_sync", "'" + sync + "' is not one of: normal, full");
        }
        int pool = dto.poolSize() == null ? d.poolSize() : dto.poolSize();
        if (pool < 1 || pool > 64) throw ConfigException.at(FILE, "audit.pool_size", "must be between 1 and 64");
        Path checkpoints = dto.checkpoints() == null ? d.checkpoints() : Path.of(dto.checkpoints());
        boolean enabled = dto.enabled() == null || dto.enabled();
        Optional<String> writer = Optional.ofNullable(dto.writer());
        Optional<TimestampConfig> timestamp = timestamp(dto.timestamp());
        return new AuditConfig(
                enabled,
                store,
                password,
                writer,
                signingKey,
                verifyKey,
                checkpoints,
                interval,
                capture,
                retention,
                sync,
                pool,
                timestamp);
    }

    private static String store(ConfigFiles.AuditDto dto, AuditConfig d) {
        String store = dto.store() == null ? d.store() : dto.store().trim();
        if (!STORE_URL.matcher(store).matches()) {
            throw ConfigException.at(
                    FILE,
                    "audit.store",
                    "'" + AuditConfig.mask(store)
                            + "' is not a store URL; use sqlite:<file> or postgresql://host[:port]/database");
        }
        if (store.matches("(?i).*[?&]password=.*")) {
            throw ConfigException.at(
                    FILE, "audit.store", "do not put the password in the URL; use password_env or password_file");
        }
        return store;
    }

    /** Content capture encrypts what it keeps: without a valid key in the environment the gateway does not start. */
    private void checkCaptureKey() {
        String key = env.get(ContentSealer.KEY_ENV);
        if (key == null || key.isBlank()) {
            throw ConfigException.at(
                    FILE,
                    "audit.capture",
                    "content capture needs the encryption key in " + ContentSealer.KEY_ENV
                            + " (32 random bytes, base64: `openssl rand -base64 32`)");
        }
        try {
            ContentSealer.of(key);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(FILE, "audit.capture", e.getMessage());
        }
    }

    private static Optional<TimestampConfig> timestamp(ConfigFiles.TimestampDto dto) {
        if (dto == null) return Optional.empty();
        URI url = timestampUrl(dto.url());
        if (dto.trust() == null || dto.trust().isBlank()) {
            throw ConfigException.at(
                    FILE,
                    "audit.timestamp.trust",
                    "is missing: a PEM file with the authority's certificate (or its root), which verification"
                            + " checks the tokens against");
        }
        Path trust = Path.of(dto.trust());
        try {
            TimeStampVerifier.load(trust);
        } catch (IOException e) {
            throw ConfigException.at(FILE, "audit.timestamp.trust", e.getMessage());
        }
        Duration every = dto.every() == null
                ? TimestampConfig.DEFAULT_EVERY
                : duration(FILE, "audit.timestamp.every", dto.every());
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.at(FILE, "audit.timestamp.every", "must be between 1s and 24h");
        }
        Duration timeout = dto.timeout() == null
                ? TimestampConfig.DEFAULT_TIMEOUT
                : duration(FILE, "audit.timestamp.timeout", dto.timeout());
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw ConfigException.at(FILE, "audit.timestamp.timeout", "must be between 100ms and 2m");
        }
        return Optional.of(new TimestampConfig(url, trust, every, timeout));
    }

    private static URI timestampUrl(String value) {
        if (value == null || value.isBlank()) {
            throw ConfigException.at(
                    FILE, "audit.timestamp.url", "is missing: the RFC 3161 time-stamping authority's http(s) URL");
        }
        URI url;
        try {
            url = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw ConfigException.at(FILE, "audit.timestamp.url", "is not a URL: " + e.getReason());
        }
        if (url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw ConfigException.at(FILE, "audit.timestamp.url", "must be an http:// or https:// URL with a host");
        }
        return url;
    }
}
