package dev.sovereign.policy;

import java.util.List;
import java.util.Locale;

/**
 * What a {@code redact} rule does before forwarding: which categories, and how.
 *
 * @param categories category patterns ({@link CategoryPatterns}) whose findings are replaced
 */
public record Redaction(Mode mode, List<String> categories) {
    public enum Mode {
        /** Replace with the category name; never reversed. */
        MASK,
        /** Replace with a typed placeholder, restored in the answer. */
        PSEUDONYMIZE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Redaction {
        categories = List.copyOf(categories);
    }

    /** Whether findings of {@code category} are replaced before the request leaves. */
    public boolean covers(String category) {
        return CategoryPatterns.matchesAny(categories, category);
    }
}
