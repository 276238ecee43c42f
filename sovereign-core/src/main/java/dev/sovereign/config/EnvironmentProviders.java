package dev.sovereign.config;

import static dev.sovereign.config.SettingValues.endpoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The zero-configuration providers, used when there is no {@code providers.yaml}: {@code anthropic} when
 * {@code ANTHROPIC_API_KEY} is set, {@code openai} when {@code OPENAI_API_KEY} is set, and always {@code local}.
 * Models named {@code claude-*} go to anthropic; all others to openai when it is enabled, else to local. The base
 * URLs follow the official SDKs' variables ({@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL}) and
 * {@code SOVEREIGN_LOCAL_BASE_URL}. Stateless.
 */
final class EnvironmentProviders {
    private static final String SOURCE = "environment";

    private EnvironmentProviders() {}

    /** @param env the process environment */
    static List<ProviderConfig> read(Map<String, String> env) {
        List<ProviderConfig> providers = new ArrayList<>();
        String anthropicKey = env.get("ANTHROPIC_API_KEY");
        if (anthropicKey != null && !anthropicKey.isBlank()) {
            URI base = endpoint(
                    SOURCE, "ANTHROPIC_BASE_URL", env.getOrDefault("ANTHROPIC_BASE_URL", "https://api.anthropic.com"));
            providers.add(provider(
                    "anthropic",
                    ProviderKind.ANTHROPIC,
                    base,
                    "us",
                    Optional.of(new Secret(anthropicKey.trim(), "env:ANTHROPIC_API_KEY")),
                    ProviderKind.ANTHROPIC.defaultFormats(),
                    "anthropic",
                    List.of(new ModelMapping("claude-*", null))));
        }
        String openAiKey = env.get("OPENAI_API_KEY");
        boolean openAi = openAiKey != null && !openAiKey.isBlank();
        if (openAi) {
            URI base = endpoint(
                    SOURCE, "OPENAI_BASE_URL", env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"));
            providers.add(provider(
                    "openai",
                    ProviderKind.OPENAI_COMPATIBLE,
                    base,
                    "us",
                    Optional.of(new Secret(openAiKey.trim(), "env:OPENAI_API_KEY")),
                    Set.of(WireFormat.OPENAI),
                    "openai",
                    List.of(new ModelMapping("*", null))));
        }
        URI local = endpoint(
                SOURCE,
                "SOVEREIGN_LOCAL_BASE_URL",
                env.getOrDefault("SOVEREIGN_LOCAL_BASE_URL", ConfigLoader.DEFAULT_LOCAL_BASE_URL));
        // Ollama, vLLM and llama.cpp serve both /v1/chat/completions and /v1/messages.
        providers.add(provider(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                local,
                "local",
                Optional.empty(),
                EnumSet.allOf(WireFormat.class),
                "self-hosted-open-weights",
                openAi ? List.of() : List.of(new ModelMapping("*", null))));
        return providers;
    }

    /** A provider with the default timeouts, connections, translation and resilience, and no CA file of its own. */
    private static ProviderConfig provider(
            String id,
            ProviderKind kind,
            URI endpoint,
            String region,
            Optional<Secret> credential,
            Set<WireFormat> formats,
            String profile,
            List<ModelMapping> models) {
        return new ProviderConfig(
                id,
                kind,
                endpoint,
                region,
                credential,
                formats,
                profile,
                Timeouts.DEFAULTS,
                ConfigLoader.DEFAULT_MAX_CONNECTIONS,
                models,
                Optional.empty());
    }
}
