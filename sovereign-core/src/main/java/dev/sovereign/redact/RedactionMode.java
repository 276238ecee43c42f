package dev.sovereign.redact;

import java.util.Locale;
import java.util.Optional;

/** How a {@link Redactor} replaces a value: the {@code mode} of a policy's {@code redact} rule. */
public enum RedactionMode {
    /** Replace every value with its category, {@code [pii.email]}: irreversible, nothing is kept. */
    MASK,
    /**
     * Replace every distinct value with a typed placeholder, {@code ⟦EMAIL_1⟧}, and keep the mapping in memory for
     * the request, so the answer can be restored ({@link Pseudonyms}).
     */
    PSEUDONYMIZE;

    /** The name policies write: {@code mask}, {@code pseudonymize}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a policy names, or empty. */
    public static Optional<RedactionMode> of(String id) {
        for (RedactionMode m : values()) if (m.id().equals(id)) return Optional.of(m);
        return Optional.empty();
    }
}
