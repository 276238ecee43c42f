package dev.sovereign.config;

import java.util.Objects;

/** The settings of an {@code openai-compatible} provider: the dialect of its server. */
public record OpenAiCompatibleSettings(OpenAiDialect dialect) implements ProviderSettings {
    public OpenAiCompatibleSettings {
        Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public String describe() {
        return dialect == OpenAiDialect.OPENAI ? "" : "dialect " + dialect.id();
    }
}
