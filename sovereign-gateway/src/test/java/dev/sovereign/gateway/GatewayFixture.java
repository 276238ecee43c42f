package dev.sovereign.gateway;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway on a free port in front of a {@link FakeUpstream}, configured as a user would: from the
 * official SDKs' environment variables, or from YAML files written into a temporary directory.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String ANTHROPIC_KEY = "sk-ant-upstream-test";
    public static final String OPENAI_KEY = "sk-openai-upstream-test";

    private final FakeUpstream upstream;
    private final Gateway gateway;
    private final Path configDir;

    private GatewayFixture(FakeUpstream upstream, Gateway gateway, Path configDir) {
        this.upstream = upstream;
        this.gateway = gateway;
        this.configDir = configDir;
    }

    /** Zero configuration: anthropic and openai enabled by their environment variables, both at the fake. */
    public static GatewayFixture start() {
        return start(Map.of());
    }

    /**
     * @param files configuration files by name (sovereign.yaml, providers.yaml, or any other file they name);
     *     {@code ${UPSTREAM}} in them is replaced by the fake upstream's base URL, {@code ${CONFIG_DIR}} by the
     *     directory they are written to
     */
    public static GatewayFixture start(Map<String, String> files) {
        return start(files, Map.of());
    }

    /** As {@link #start(Map)}, with more environment variables (whose values are substituted as the files are). */
    public static GatewayFixture start(Map<String, String> files, Map<String, String> moreEnv) {
        return start(files, moreEnv, new FakeUpstreamOptions());
    }

    /** As {@link #start(Map, Map, FakeUpstreamOptions)}, the fake upstream's options first. */
    public static GatewayFixture start(
            FakeUpstreamOptions options, Map<String, String> files, Map<String, String> moreEnv) {
        return start(files, moreEnv, options);
    }

    /** As {@link #start(Map, Map)}, in front of a fake upstream started with {@code options}. */
    public static GatewayFixture start(
            Map<String, String> files, Map<String, String> moreEnv, FakeUpstreamOptions options) {
        FakeUpstream upstream = FakeUpstream.start(options);
        try {
            Path dir = Files.createTempDirectory("sovereign-config");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(
                        dir.resolve(f.getKey()),
                        f.getValue()
                                .replace("${UPSTREAM}", upstream.baseUrl())
                                .replace("${CONFIG_DIR}", dir.toString()));
            }
            Map<String, String> env = new HashMap<>();
            env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
            env.put("ANTHROPIC_BASE_URL", upstream.baseUrl());
            env.put("OPENAI_API_KEY", OPENAI_KEY);
            env.put("OPENAI_BASE_URL", upstream.baseUrl() + "/v1");
            env.put("SOVEREIGN_LOCAL_BASE_URL", upstream.baseUrl() + "/v1");
            moreEnv.forEach((name, value) -> env.put(
                    name, value.replace("${UPSTREAM}", upstream.baseUrl()).replace("${CONFIG_DIR}", dir.toString())));
            GatewayConfig config = inTempData(new ConfigLoader(env).load(dir).withListener("127.0.0.1", 0), dir);
            Gateway gateway = Gateway.start(config, 2, env);
            // Tests look at what their own requests sent: forget the model list the start-up may have read.
            upstream.reset();
            return new GatewayFixture(upstream, gateway, dir);
        } catch (IOException e) {
            upstream.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** The configuration with the audit trail's default paths moved under {@code dir/data}. */
    static GatewayConfig inTempData(GatewayConfig config, Path dir) {
        AuditConfig a = config.audit();
        AuditConfig d = AuditConfig.defaults(config.dataDir());
        AuditConfig t = AuditConfig.defaults(dir.resolve("data"));
        return config.withAudit(new AuditConfig(
                a.enabled(),
                a.store().equals(d.store()) ? t.store() : a.store(),
                a.password(),
                a.writer(),
                a.signingKey().equals(d.signingKey()) ? t.signingKey() : a.signingKey(),
                a.verifyKey().equals(d.verifyKey()) ? t.verifyKey() : a.verifyKey(),
                a.checkpoints().equals(d.checkpoints()) ? t.checkpoints() : a.checkpoints(),
                a.checkpointInterval(),
                a.capture(),
                a.retentionDays(),
                a.sqliteSync(),
                a.poolSize(),
                a.timestamp()));
    }

    /** Where the audit store, keys and checkpoints of a default configuration are. */
    public Path dataDir() {
        return configDir.resolve("data");
    }

    public FakeUpstream upstream() {
        return upstream;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The key the SDK clients below present: a client's own, which the gateway never forwards upstream. */
    public static final String CLIENT_KEY = "client-key-never-forwarded";

    /** The official Anthropic SDK pointed at this gateway, its own retries off so that a test sees every answer. */
    public AnthropicClient anthropicClient() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey(CLIENT_KEY)
                .maxRetries(0)
                .build();
    }

    /** The official OpenAI SDK pointed at this gateway, its own retries off so that a test sees every answer. */
    public OpenAIClient openAiClient() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(openAiBaseUrl())
                .apiKey(CLIENT_KEY)
                .maxRetries(0)
                .build();
    }

    /** Base URL for Anthropic SDKs (no /v1). */
    public String baseUrl() {
        return gateway.baseUrl();
    }

    /** Base URL for OpenAI SDKs (with /v1). */
    public String openAiBaseUrl() {
        return gateway.baseUrl() + "/v1";
    }

    public Path configDir() {
        return configDir;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            upstream.close();
        }
    }
}
