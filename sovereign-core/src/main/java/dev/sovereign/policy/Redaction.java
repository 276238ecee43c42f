package dev.sovereign.policy;

import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.redact.RedactionMode;
import java.util.List;

/**
 * What a {@code redact} rule does before forwarding: which categories, and how.
 *
 * @param categories category patterns ({@link CategoryPattern}) whose findings are replaced
 */
public record Redaction(RedactionMode mode, List<String> categories) {
    public Redaction {
        categories = List.copyOf(categories);
    }

    /** Whether findings of {@code category} are replaced before the request leaves. */
    public boolean covers(String category) {
        return CategoryPattern.matchesAny(categories, category);
    }
}
