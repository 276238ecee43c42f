package dev.sovereign.config;

import dev.sovereign.config.internal.ConfigFiles;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the usage limits of {@code sovereign.yaml}: a key's {@code limits}, the {@code teams} and {@code workloads}
 * blocks, and {@code redis}. Stateless.
 */
final class UsageLimitsLoader {
    private static final String FILE = ConfigLoader.SOVEREIGN_FILE;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private UsageLimitsLoader() {}

    static UsageLimitsConfig read(ConfigFiles.SovereignFile main, List<ClientKey> keys, SecretReader secrets) {
        if (main == null) return UsageLimitsConfig.NONE;
        Set<String> teams = new TreeSet<>();
        Set<String> workloads = new TreeSet<>();
        for (ClientKey k : keys) {
            teams.add(k.team());
            workloads.add(k.workload());
        }
        return new UsageLimitsConfig(
                scopes("teams", main.teams(), teams, "team"),
                scopes("workloads", main.workloads(), workloads, "workload"),
                redis(main.redis(), secrets));
    }

    private static Map<String, UsageLimits> scopes(
            String block, Map<String, ConfigFiles.Scope> entries, Set<String> known, String what) {
        if (entries == null) return Map.of();
        Map<String, UsageLimits> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigFiles.Scope> e : entries.entrySet()) {
            String at = block + "." + e.getKey();
            if (!known.contains(e.getKey())) {
                throw ConfigException.at(
                        FILE,
                        at,
                        "no client key has " + what + " '" + e.getKey() + "'"
                                + (known.isEmpty() ? " (no keys are configured)" : "; keys have " + known));
            }
            if (e.getValue() == null || e.getValue().limits() == null) {
                throw ConfigException.at(FILE, at + ".limits", "required: the " + what + "'s limits");
            }
            out.put(e.getKey(), limits(at + ".limits", e.getValue().limits()));
        }
        return out;
    }

    /** The limits of one entry; {@code null} sets none. */
    static UsageLimits limits(String at, ConfigFiles.UsageLimitsDto d) {
        if (d == null) return UsageLimits.UNLIMITED;
        UsageLimits limits = new UsageLimits(
                count(at, "requests_per_minute", d.requestsPerMinute()),
                count(at, "tokens_per_minute", d.tokensPerMinute()),
                count(at, "tokens_per_day", d.tokensPerDay()),
                usd(at, "usd_per_day", d.usdPerDay()),
                usd(at, "usd_per_month", d.usdPerMonth()),
                count(at, "concurrent", d.concurrent()));
        if (!limits.any()) {
            throw ConfigException.at(
                    FILE,
                    at,
                    "sets no limit: give requests_per_minute, tokens_per_minute, tokens_per_day, usd_per_day,"
                            + " usd_per_month or concurrent");
        }
        return limits;
    }

    private static long count(String at, String setting, Long value) {
        if (value == null) return UsageLimits.NONE;
        if (value < 0) throw ConfigException.at(FILE, at + "." + setting, value + " is negative");
        return value;
    }

    private static long usd(String at, String setting, BigDecimal value) {
        if (value == null) return UsageLimits.NONE;
        if (value.signum() < 0) throw ConfigException.at(FILE, at + "." + setting, value + " is negative");
        try {
            return value.multiply(MILLION).longValueExact();
        } catch (ArithmeticException e) {
            throw ConfigException.at(
                    FILE, at + "." + setting, value + " is not an amount in dollars with at most six decimals");
        }
    }

    private static Optional<RedisSettings> redis(ConfigFiles.RedisDto r, SecretReader secrets) {
        if (r == null) return Optional.empty();
        String url = r.url() == null ? null : r.url().trim();
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw ConfigException.at(
                    FILE,
                    "redis.url",
                    "required: redis://host:port or rediss://host:port (TLS), such as" + " redis://127.0.0.1:6379");
        }
        String authority = url.substring(url.indexOf("://") + 3);
        if (authority.contains("@")) {
            throw ConfigException.at(
                    FILE,
                    "redis.url",
                    "must not carry a user or password; give the password with password_env or password_file");
        }
        Optional<Secret> password =
                secrets.read(FILE, "redis", "password_env", r.passwordEnv(), "password_file", r.passwordFile());
        Duration timeout = r.timeout() == null
                ? RedisSettings.DEFAULT_TIMEOUT
                : SettingValues.positive(FILE, "redis.timeout", r.timeout(), RedisSettings.DEFAULT_TIMEOUT);
        RedisSettings.OnFailure onFailure = RedisSettings.OnFailure.DEFAULT;
        if (r.onRedisFailure() != null) {
            onFailure = switch (r.onRedisFailure().trim().toLowerCase(Locale.ROOT)) {
                case "open" -> RedisSettings.OnFailure.OPEN;
                case "closed" -> RedisSettings.OnFailure.CLOSED;
                default ->
                    throw ConfigException.at(
                            FILE,
                            "redis.on_redis_failure",
                            "'" + r.onRedisFailure() + "' is not open or closed (leave it out for rate limits open"
                                    + " and budgets closed)");
            };
        }
        return Optional.of(new RedisSettings(url, password, timeout, onFailure));
    }
}
