package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLimitsConfigTest {
    static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    private GatewayConfig load(String sovereign, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("sovereign.yaml"), sovereign);
        return new ConfigLoader(env).load(dir);
    }

    private GatewayConfig load(String sovereign) throws IOException {
        return load(sovereign, Map.of());
    }

    private static String keys(String limits) {
        return """
                keys:
                  - id: app
                    sha256: %s
                    team: hr
                    workload: hr-assistant
                %s
                """.formatted(HASH, limits);
    }

    @Test
    void keysTeamsAndWorkloadsCarryTheirLimitsAndRedisIsOptional() throws IOException {
        GatewayConfig config = load(keys("""
                    limits: {requests_per_minute: 600, tokens_per_day: 2000000, usd_per_month: 500, concurrent: 32}
                """) + """
                teams:
                  hr: {limits: {usd_per_month: 2000.5}}
                workloads:
                  hr-assistant: {limits: {requests_per_minute: 100, tokens_per_minute: 50000, usd_per_day: 0.25}}
                redis: {url: "redis://127.0.0.1:6379/2", password_env: REDIS_PASSWORD, timeout: 500ms}
                """, Map.of("REDIS_PASSWORD", "s3cret"));

        assertThat(config.keys().get(0).limits()).isEqualTo(new UsageLimits(600, -1, 2_000_000, -1, 500_000_000, 32));
        assertThat(config.usageLimits().team("hr").microUsdPerMonth()).isEqualTo(2_000_500_000L);
        assertThat(config.usageLimits().workload("hr-assistant"))
                .isEqualTo(new UsageLimits(100, 50_000, -1, 250_000, -1, -1));
        assertThat(config.usageLimits().team("finance")).isEqualTo(UsageLimits.UNLIMITED);
        RedisSettings redis = config.usageLimits().redis().orElseThrow();
        assertThat(redis.url()).isEqualTo("redis://127.0.0.1:6379/2");
        assertThat(redis.password().orElseThrow().reveal()).isEqualTo("s3cret");
        assertThat(redis.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(redis.onFailure()).isEqualTo(RedisSettings.OnFailure.DEFAULT);
        assertThat(config.describe())
                .contains("usage limits: shared through Redis redis://127.0.0.1:6379/2 (on failure: default)")
                .contains("key app limits: requests_per_minute: 600, tokens_per_day: 2000000, usd_per_month: 500,"
                        + " concurrent: 32")
                .contains("team hr limits: usd_per_month: 2000.5")
                .doesNotContain("s3cret");
    }

    @Test
    void withoutLimitsNothingIsLimitedAndCountersStayInTheProcess() throws IOException {
        GatewayConfig config = load(keys(""));
        assertThat(config.keys().get(0).limits().any()).isFalse();
        assertThat(config.usageLimits()).isEqualTo(UsageLimitsConfig.NONE);
        assertThat(config.describe()).contains("usage limits: counted in this process");
    }

    @Test
    void onRedisFailureIsOpenOrClosed() throws IOException {
        assertThat(load(keys("") + "redis: {url: redis://h:6379, on_redis_failure: closed}\n")
                        .usageLimits()
                        .redis()
                        .orElseThrow()
                        .onFailure())
                .isEqualTo(RedisSettings.OnFailure.CLOSED);
        RedisSettings.OnFailure open = load(keys("") + "redis: {url: redis://h:6379, on_redis_failure: open}\n")
                .usageLimits()
                .redis()
                .orElseThrow()
                .onFailure();
        assertThat(open.letsThrough(true)).isTrue();
        assertThat(RedisSettings.OnFailure.DEFAULT.letsThrough(false)).isTrue();
        assertThat(RedisSettings.OnFailure.DEFAULT.letsThrough(true)).isFalse();
    }

    @Test
    void mistakesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load(keys("    limits: {requests_per_minute: -1}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keys[0].limits.requests_per_minute")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> load(keys("    limits: {usd_per_day: 0.0000001}")))
                .hasMessageContaining("keys[0].limits.usd_per_day")
                .hasMessageContaining("at most six decimals");
        assertThatThrownBy(() -> load(keys("    limits: {}")))
                .hasMessageContaining("keys[0].limits")
                .hasMessageContaining("sets no limit");
        assertThatThrownBy(() -> load(keys("") + "teams:\n  finance: {limits: {usd_per_month: 5}}\n"))
                .hasMessageContaining("teams.finance")
                .hasMessageContaining("no client key has team 'finance'; keys have [hr]");
        assertThatThrownBy(() -> load(keys("") + "workloads:\n  hr-assistant: {}\n"))
                .hasMessageContaining("workloads.hr-assistant.limits")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> load(keys("") + "redis: {url: \"redis://user:pw@h:6379\"}\n"))
                .hasMessageContaining("redis.url")
                .hasMessageContaining("password_env")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> load(keys("") + "redis: {url: \"http://h:6379\"}\n"))
                .hasMessageContaining("redis.url");
        assertThatThrownBy(() -> load(keys("") + "redis: {url: redis://h:6379, on_redis_failure: maybe}\n"))
                .hasMessageContaining("redis.on_redis_failure")
                .hasMessageContaining("'maybe' is not open or closed");
        assertThatThrownBy(() -> load(keys("    limits: {requests_per_hour: 5}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("requests_per_hour");
    }
}
