package dev.sovereign.config;

import java.util.Objects;

/**
 * A credential value. Its {@link #toString()} never reveals the value, so a secret that ends up in a
 * log line, an exception message or a configuration dump stays masked.
 */
public final class Secret {
    private final String value;
    private final String source;

    public Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The secret itself: only for building an upstream request. */
    public String reveal() {
        return value;
    }

    /** Where the value came from, for example {@code env:ANTHROPIC_API_KEY}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "****(" + source + ")";
    }
}
