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

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private GatewayConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load(dir);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void withNothingConfiguredOnlyTheLocalServerIsEnabledOnLoopback() {
        GatewayConfig config = load(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.keys()).isEmpty();
        assertThat(config.providers()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("local");
            assertThat(p.endpoint()).hasToString(ConfigLoader.DEFAULT_LOCAL_BASE_URL);
            assertThat(p.credential()).isEmpty();
            assertThat(p.models()).extracting(ModelMapping::pattern).containsExactly("*");
        });
        assertThat(config.source()).startsWith("built-in defaults");
    }

    @Test
    void sdkEnvironmentVariablesEnableAnthropicAndOpenAi() {
        GatewayConfig config = load(Map.of(
                "ANTHROPIC_API_KEY",
                "sk-ant-secret",
                "ANTHROPIC_BASE_URL",
                "http://proxy.internal:9000/",
                "OPENAI_API_KEY",
                "sk-oa-secret",
                "SOVEREIGN_LOCAL_BASE_URL",
                "http://gpu-box:8000/v1"));
        assertThat(config.providers()).extracting(ProviderConfig::id).containsExactly("anthropic", "openai", "local");
        ProviderConfig anthropic = config.provider("anthropic").orElseThrow();
        assertThat(anthropic.endpoint()).hasToString("http://proxy.internal:9000");
        assertThat(anthropic.credential().orElseThrow().reveal()).isEqualTo("sk-ant-secret");
        assertThat(config.provider("openai").orElseThrow().endpoint()).hasToString("https://api.openai.com/v1");
        // With OpenAI enabled, every non-Claude model goes there and the local server serves none by default.
        assertThat(config.provider("local").orElseThrow().models()).isEmpty();
        assertThat(config.describe())
                .doesNotContain("sk-ant-secret")
                .doesNotContain("sk-oa-secret")
                .contains("env:ANTHROPIC_API_KEY");
    }

    @Test
    void filesOverrideDefaults() throws IOException {
        write("sovereign.yaml", """
                listen: {host: 0.0.0.0, port: 9090}
                data_dir: /var/lib/sovereign
                drain_timeout: 45s
                limits: {max_body_bytes: 1048576, max_json_depth: 64}
                keys:
                  - id: hr-prod
                    sha256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
                    team: hr
                    workload: hr-assistant
                """);
        write("providers.yaml", """
                providers:
                  - id: mistral-eu
                    kind: openai-compatible
                    endpoint: https://api.eu.mistral.ai/v1
                    api_key_env: MISTRAL_API_KEY
                    region: eu-west
                    profile: mistral-eu
                    timeouts: {first_byte: 30s}
                    models:
                      - pattern: fast
                        upstream: mistral-small-latest
                """);
        GatewayConfig config = load(Map.of("MISTRAL_API_KEY", "mk"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.limits()).isEqualTo(new Limits(1048576, 64));
        assertThat(config.keys())
                .singleElement()
                .extracting(ClientKey::sha256)
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        ProviderConfig p = config.providers().get(0);
        assertThat(p.timeouts().firstByte()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.timeouts().connect()).isEqualTo(Timeouts.DEFAULTS.connect());
        assertThat(p.speaks(WireFormat.OPENAI)).isTrue();
        assertThat(p.speaks(WireFormat.ANTHROPIC)).isFalse();
    }

    @Test
    void theAdminApiMayHaveAListenerOfItsOwn() throws IOException {
        assertThat(load(Map.of()).adminListener()).isEmpty();
        write("sovereign.yaml", "listen: {host: 0.0.0.0, port: 8080}\nadmin: {port: 9090}\n");
        GatewayConfig config = load(Map.of());
        assertThat(config.adminListener()).contains(new GatewayConfig.Listener("127.0.0.1", 9090));
        assertThat(config.describe()).contains("admin API and dashboard: own listener 127.0.0.1:9090");
        write("sovereign.yaml", "admin: {host: 10.0.0.5, port: 9443}\n");
        assertThat(load(Map.of()).adminListener()).contains(new GatewayConfig.Listener("10.0.0.5", 9443));
    }

    @Test
    void anAdminListenerNeedsAPortOfItsOwn() throws IOException {
        write("sovereign.yaml", "listen: {port: 8080}\nadmin: {port: 8080}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sovereign.yaml: admin.port: 8080 is also listen.port");
        write("sovereign.yaml", "admin: {host: 127.0.0.1}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.port: required");
        write("sovereign.yaml", "admin: {port: 70000}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.port: 70000 is not a TCP port");
        write("sovereign.yaml", "listen: {host: \"  \"}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sovereign.yaml: listen.host: must not be empty");
        write("sovereign.yaml", "admin: {prot: 9090}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'prot'");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedInTheFilesWordsNotJavas() throws Exception {
        write("sovereign.yaml", "listen:\n  port: eighty\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sovereign.yaml:2: listen.port: expected a whole number, not 'eighty'");
        write("sovereign.yaml", "audit:\n  enabled: maybe\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageStartingWith("sovereign.yaml:2")
                .hasMessageContaining("audit.enabled: expected true or false")
                .hasMessageNotContaining("java.lang");
        write("sovereign.yaml", "keys: none\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("keys: expected a list")
                .hasMessageNotContaining("java.");
    }

    @Test
    void unknownSettingIsNamedWithFileAndLine() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: a
                    kind: anthropic
                    endpont: https://api.anthropic.com
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("providers.yaml:4")
                .hasMessageContaining("endpont");
    }

    @Test
    void pricesAreTheBuiltInOnesExtendedByPricesYaml() throws IOException {
        assertThat(load(Map.of()).prices().files()).containsExactly("built-in prices.yaml");
        write("prices.yaml", """
                api:
                  - id: ours
                    profiles: [local]
                    models: ["llama*"]
                    usd_per_mtok: {input: 0.1, output: 0.3}
                    source: https://example.org/quote
                    checked: 2026-11-01
                """);
        GatewayConfig config = load(Map.of());
        assertThat(config.prices().lookup("local", "llama3", java.time.LocalDate.parse("2026-11-26")))
                .isPresent();
        assertThat(config.describe()).contains("prices: built-in prices.yaml + ");
        write("prices.yaml", "api:\n  - {id: ours, profiles: [local], models: [x], usd_per_mtok: {input: 1}}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("prices.yaml: api[0].usd_per_mtok.output: required, a number");
    }

    @Test
    void wrongTypeIsNamedWithItsPath() throws IOException {
        write("sovereign.yaml", "listen:\n  port: eighty\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sovereign.yaml:2")
                .hasMessageContaining("listen.port");
    }

    @Test
    void missingCredentialNamesTheVariableButNoSecret() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: claude
                    kind: anthropic
                    endpoint: https://api.anthropic.com
                    api_key_env: CLAUDE_KEY
                    models: [{pattern: "claude-*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessage(
                        "providers.yaml:5: providers[0] (claude).api_key_env: environment variable CLAUDE_KEY is not set");
    }

    @Test
    void credentialsInsideTheUrlAreRefused() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://user:pass@example.com/v1
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("credentials must not be written in the URL")
                .hasMessageNotContaining("pass@");
    }

    @Test
    void invalidValuesAreRefusedPrecisely() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: bedrockish
                    endpoint: https://example.com
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("providers[0] (x).kind: unknown provider kind 'bedrockish'");
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com
                    timeouts: {idle: soon}
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("timeouts.idle: 'soon' is not a duration");
        write("providers.yaml", "providers: []\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("list at least one provider");
        Files.delete(dir.resolve("providers.yaml"));
        write("sovereign.yaml", "keys:\n  - {id: a, sha256: abc, team: t, workload: w}\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("keys[0].sha256");
    }

    @Test
    void translationOptionsAreReadPerProviderWithDefaults() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: local
                    kind: openai-compatible
                    endpoint: http://gpu-box:8000/v1
                    translation: {drop_unsupported: true}
                    models: [{pattern: "llama*"}]
                  - id: claude
                    kind: anthropic
                    endpoint: https://api.anthropic.com
                    api_key_env: CLAUDE_KEY
                    formats: [anthropic]
                    translation:
                      default_max_tokens: 8192
                    models: [{pattern: "claude-*"}]
                  - id: plain
                    kind: openai-compatible
                    endpoint: http://plain:8000/v1
                    models: [{pattern: "plain"}]
                """);
        GatewayConfig config = load(Map.of("CLAUDE_KEY", "k"));
        assertThat(config.provider("local").orElseThrow().translation())
                .isEqualTo(new TranslationOptions(true, TranslationOptions.DEFAULT_MAX_TOKENS));
        ProviderConfig claude = config.provider("claude").orElseThrow();
        assertThat(claude.translation()).isEqualTo(new TranslationOptions(false, 8192));
        assertThat(claude.speaks(WireFormat.OPENAI)).isFalse();
        assertThat(config.provider("plain").orElseThrow().translation()).isEqualTo(TranslationOptions.DEFAULTS);
        assertThat(config.describe()).contains("translation drops unsupported fields");
    }

    @Test
    void translationAndFormatSettingsAreValidated() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    translation: {default_max_tokens: 0}
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessage("providers.yaml:5: providers[0] (x).translation.default_max_tokens: must be at least 1");
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    translation: {drop_unsuported: true}
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageStartingWith("providers.yaml:5")
                .hasMessageContaining("drop_unsuported");
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    formats: []
                    models: [{pattern: "*"}]
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("providers[0] (x).formats: list at least one format the provider serves");
    }

    @Test
    void malformedYamlIsReportedWithItsLine() throws IOException {
        write("sovereign.yaml", "listen:\n  port: [\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sovereign.yaml:");
    }

    @Test
    void theAuditTrailDefaultsToSqliteUnderTheDataDirectory() throws IOException {
        AuditConfig d = load(Map.of()).audit();
        assertThat(d.enabled()).isTrue();
        assertThat(d.store()).isEqualTo("sqlite:" + Path.of("data", "audit.db"));
        assertThat(d.signingKey()).isEqualTo(Path.of("data", "audit-signing.key"));
        assertThat(d.verifyKey()).isEqualTo(Path.of("data", "audit-signing.pub"));
        write("sovereign.yaml", """
                data_dir: /var/lib/sovereign
                audit:
                  store: postgresql://gateway@db.internal:5432/audit?sslmode=require
                  password_env: AUDIT_DB_PASSWORD
                  writer: gw-1
                  signing_key: /etc/sovereign/audit.key
                  checkpoint_interval: 30s
                  retention_days: 400
                """);
        AuditConfig c = load(Map.of("AUDIT_DB_PASSWORD", "s3cr3t-pw")).audit();
        assertThat(c.postgres()).isTrue();
        assertThat(c.password()).get().extracting(Secret::reveal).isEqualTo("s3cr3t-pw");
        assertThat(c.writer()).contains("gw-1");
        assertThat(c.verifyKey()).isEqualTo(Path.of("/etc/sovereign/audit.pub"));
        assertThat(c.checkpoints()).isEqualTo(Path.of("/var/lib/sovereign", "checkpoints"));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retentionDays()).isEqualTo(400);
        assertThat(load(Map.of("AUDIT_DB_PASSWORD", "s3cr3t-pw")).describe())
                .contains("audit: postgresql://gateway@db.internal:5432/audit")
                .doesNotContain("s3cr3t-pw");
    }

    @Test
    void badAuditSettingsAreRefusedPrecisely() throws IOException {
        write("sovereign.yaml", "audit:\n  store: mysql://db/audit\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("audit.store: 'mysql://db/audit' is not a store URL");
        write("sovereign.yaml", "audit:\n  store: postgresql://db/audit?password=hunter2\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("do not put the password in the URL")
                .message()
                .doesNotContain("hunter2");
        write("sovereign.yaml", "audit:\n  capture: true\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining(
                        "audit.capture: content capture needs the encryption key in" + " SOVEREIGN_AUDIT_CAPTURE_KEY");
        assertThatThrownBy(() -> load(Map.of("SOVEREIGN_AUDIT_CAPTURE_KEY", "c2hvcnQ=")))
                .hasMessageContaining("must be 32 bytes");
        write("sovereign.yaml", "audit:\n  checkpoint_interval: 100ms\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.checkpoint_interval: must be between");
        write("sovereign.yaml", "audit:\n  writer: 'gw 1/x'\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.writer: 'gw 1/x' must be");
        write("sovereign.yaml", "audit:\n  sqlite_sync: sometimes\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.sqlite_sync: 'sometimes'");
        write("sovereign.yaml", "audit:\n  password_env: NOPE\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("audit.password_env: environment variable NOPE is not set");
    }

    @Test
    void aBodyMemoryBudgetMustHoldTwoCopiesOfTheLargestBody() throws IOException {
        write("sovereign.yaml", "limits:\n  max_body_bytes: 10000\n  body_memory_bytes: 19999\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("limits.body_memory_bytes: must be at least twice max_body_bytes (20000;");
        write("sovereign.yaml", "limits:\n  max_body_bytes: 10000\n  body_memory_bytes: 20000\n");
        assertThat(load(Map.of()).limits().bodyBudget()).isEqualTo(20000);
        write("sovereign.yaml", "limits:\n  max_body_bytes: 10000\n");
        assertThat(load(Map.of()).limits().bodyBudget())
                .isEqualTo(Math.max(20000, Runtime.getRuntime().maxMemory() / 4));
    }

    @Test
    void aTimeStampingAuthorityIsReadWithItsTrustAndEachBadSettingIsNamed() throws IOException {
        assertThat(load(Map.of()).audit().timestamp()).isEmpty();
        try (dev.sovereign.testing.LocalTsa tsa = dev.sovereign.testing.LocalTsa.start("Config")) {
            Path trust = tsa.writeTrust(dir.resolve("tsa.pem"));
            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + trust
                            + "\n    every: 5m\n    timeout: 3s\n");
            TimestampConfig t = load(Map.of()).audit().timestamp().orElseThrow();
            assertThat(t.url()).hasToString("https://tsa.example.eu/tsr");
            assertThat(t.trust()).isEqualTo(trust);
            assertThat(t.every()).isEqualTo(Duration.ofMinutes(5));
            assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(t.allowedLag(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1 + 600 + 3));

            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + trust + "\n");
            t = load(Map.of()).audit().timestamp().orElseThrow();
            assertThat(t.every()).isEqualTo(TimestampConfig.DEFAULT_EVERY);
            assertThat(t.timeout()).isEqualTo(TimestampConfig.DEFAULT_TIMEOUT);

            write("sovereign.yaml", "audit:\n  timestamp:\n    trust: " + trust + "\n");
            assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.timestamp.url: is missing");
            write("sovereign.yaml", "audit:\n  timestamp:\n    url: ftp://tsa.example.eu/\n    trust: " + trust + "\n");
            assertThatThrownBy(() -> load(Map.of()))
                    .hasMessageContaining("audit.timestamp.url: must be an http:// or https:// URL");
            write("sovereign.yaml", "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n");
            assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.timestamp.trust: is missing");
            Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + notPem + "\n");
            assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("audit.timestamp.trust: " + notPem);
            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + trust
                            + "\n    every: 10ms\n");
            assertThatThrownBy(() -> load(Map.of()))
                    .hasMessageContaining("audit.timestamp.every: must be between 1s and 24h");
            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + trust
                            + "\n    timeout: 1h\n");
            assertThatThrownBy(() -> load(Map.of()))
                    .hasMessageContaining("audit.timestamp.timeout: must be between 100ms and 2m");
            write(
                    "sovereign.yaml",
                    "audit:\n  timestamp:\n    url: https://tsa.example.eu/tsr\n    trust: " + trust
                            + "\n    period: 1m\n");
            assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("period");
        }
    }

    @Test
    void resilienceSettingsOverrideTheDefaultsAndBadOnesAreNamed() throws IOException {
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    models: [{pattern: "*"}]
                    resilience:
                      retries: 3
                      backoff: 100ms
                      max_retry_after: 0s
                      max_concurrent: 64
                      circuit_breaker: {failure_rate: 25, window: 8, open_for: 5s}
                  - id: y
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    models: [{pattern: "y*"}]
                """);
        var config = load(Map.of());
        Resilience r = config.provider("x").orElseThrow().resilience();
        assertThat(r.retries()).isEqualTo(3);
        assertThat(r.backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(r.maxBackoff()).isEqualTo(Resilience.DEFAULTS.maxBackoff());
        assertThat(r.maxRetryAfter()).isZero();
        assertThat(r.maxConcurrent()).isEqualTo(64);
        assertThat(r.breaker()).isEqualTo(new Resilience.Breaker(true, 25, 8, 8, Duration.ofSeconds(5)));
        assertThat(config.provider("y").orElseThrow().resilience()).isEqualTo(Resilience.DEFAULTS);

        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    models: [{pattern: "*"}]
                    resilience: {circuit_breaker: {window: 5, min_calls: 6}}
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining(
                        "providers[0] (x).resilience.circuit_breaker: min_calls must be from 1 to the window (5)");
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    models: [{pattern: "*"}]
                    resilience: {retries: -1}
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("providers[0] (x).resilience: retries must be from 0 to 10");
        write("providers.yaml", """
                providers:
                  - id: x
                    kind: openai-compatible
                    endpoint: https://example.com/v1
                    models: [{pattern: "*"}]
                    resilience: {backoff: 2s, max_backoff: 1s}
                """);
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("max_backoff must not be shorter than backoff");
    }
}
