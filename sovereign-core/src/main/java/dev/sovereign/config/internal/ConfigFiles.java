package dev.sovereign.config.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The shapes of the YAML files as written by operators, before validation. */
public final class ConfigFiles {
    private ConfigFiles() {}

    public record SovereignFile(
            Listen listen,
            Listen admin,
            @JsonProperty("data_dir") String dataDir,
            LimitsDto limits,
            @JsonProperty("drain_timeout") String drainTimeout,
            @JsonProperty("access_log") Boolean accessLog,
            List<Key> keys,
            AuditDto audit,
            Map<String, Scope> teams,
            Map<String, Scope> workloads,
            RedisDto redis) {}

    /** A team's or a workload's entry: its usage limits. */
    public record Scope(UsageLimitsDto limits) {}

    public record UsageLimitsDto(
            @JsonProperty("requests_per_minute") Long requestsPerMinute,
            @JsonProperty("tokens_per_minute") Long tokensPerMinute,
            @JsonProperty("tokens_per_day") Long tokensPerDay,
            @JsonProperty("usd_per_day") BigDecimal usdPerDay,
            @JsonProperty("usd_per_month") BigDecimal usdPerMonth,
            Long concurrent) {}

    public record RedisDto(
            String url,
            @JsonProperty("password_env") String passwordEnv,
            @JsonProperty("password_file") String passwordFile,
            String timeout,
            @JsonProperty("on_redis_failure") String onRedisFailure) {}

    public record AuditDto(
            Boolean enabled,
            String store,
            @JsonProperty("password_env") String passwordEnv,
            @JsonProperty("password_file") String passwordFile,
            String writer,
            @JsonProperty("signing_key") String signingKey,
            @JsonProperty("verify_key") String verifyKey,
            String checkpoints,
            @JsonProperty("checkpoint_interval") String checkpointInterval,
            Boolean capture,
            @JsonProperty("retention_days") Integer retentionDays,
            @JsonProperty("sqlite_sync") String sqliteSync,
            @JsonProperty("pool_size") Integer poolSize,
            TimestampDto timestamp) {}

    public record TimestampDto(String url, String trust, String every, String timeout) {}

    public record Listen(String host, Integer port) {}

    public record LimitsDto(
            @JsonProperty("max_body_bytes") Long maxBodyBytes,
            @JsonProperty("max_json_depth") Integer maxJsonDepth,
            @JsonProperty("header_timeout") String headerTimeout,
            @JsonProperty("body_idle_timeout") String bodyIdleTimeout,
            @JsonProperty("keep_alive_timeout") String keepAliveTimeout,
            @JsonProperty("max_connections") Integer maxConnections,
            @JsonProperty("body_memory_bytes") Long bodyMemoryBytes) {}

    public record Key(String id, String sha256, String team, String workload, Boolean admin, UsageLimitsDto limits) {}

    public record ProvidersFile(List<Provider> providers) {}

    public record Provider(
            String id,
            String kind,
            String endpoint,
            String region,
            @JsonProperty("api_key_env") String apiKeyEnv,
            @JsonProperty("api_key_file") String apiKeyFile,
            List<String> formats,
            String profile,
            TimeoutsDto timeouts,
            @JsonProperty("max_connections") Integer maxConnections,
            List<Model> models,
            @JsonProperty("ca_file") String caFile,
            TranslationDto translation,
            ResilienceDto resilience,
            String project,
            @JsonProperty("credentials_file") String credentialsFile,
            @JsonProperty("api_version") String apiVersion,
            @JsonProperty("data_zone") String dataZone,
            @JsonProperty("entra_token_file") String entraTokenFile,
            @JsonProperty("entra_workload_identity") Boolean entraWorkloadIdentity,
            String dialect) {}

    public record ResilienceDto(
            Integer retries,
            String backoff,
            @JsonProperty("max_backoff") String maxBackoff,
            @JsonProperty("max_retry_after") String maxRetryAfter,
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("circuit_breaker") BreakerDto circuitBreaker) {}

    public record BreakerDto(
            Boolean enabled,
            @JsonProperty("failure_rate") Integer failureRate,
            Integer window,
            @JsonProperty("min_calls") Integer minCalls,
            @JsonProperty("open_for") String openFor) {}

    public record TranslationDto(
            @JsonProperty("drop_unsupported") Boolean dropUnsupported,
            @JsonProperty("default_max_tokens") Integer defaultMaxTokens) {}

    public record TimeoutsDto(
            String connect, @JsonProperty("first_byte") String firstByte, String idle) {}

    public record Model(String pattern, String upstream) {}
}
