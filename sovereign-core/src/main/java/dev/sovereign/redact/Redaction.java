package dev.sovereign.redact;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link Redactor} replaced in one request. Holds no value: the counts say how many occurrences of each
 * category were replaced, and {@link #pseudonyms} (empty when masking) maps placeholders back to values, in memory
 * only, for the answer. {@link #toString} is safe to log.
 *
 * @param mode how values were replaced
 * @param replaced category name to number of occurrences replaced, sorted by name (overlapping findings count once,
 *     under the category that won)
 * @param pseudonyms placeholder to value, for {@link RedactionMode#PSEUDONYMIZE}; {@link Pseudonyms#NONE} otherwise
 */
public record Redaction(RedactionMode mode, Map<String, Integer> replaced, Pseudonyms pseudonyms) {
    public Redaction {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pseudonyms, "pseudonyms");
        replaced = Collections.unmodifiableMap(new TreeMap<>(replaced));
    }

    /** Occurrences replaced, all categories together. */
    public int total() {
        int total = 0;
        for (int count : replaced.values()) {
            total += count;
        }
        return total;
    }

    /** Whether nothing was replaced. */
    public boolean isEmpty() {
        return replaced.isEmpty();
    }
}
