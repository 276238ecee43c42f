package dev.sovereign.redact.internal;

import java.util.Arrays;

/**
 * A string assembled from parts: the stretches of a text between replaced values, and the replacements. Joining the
 * parts once with {@link String#join} writes the result into one uninitialised array sized for the whole, widening
 * Latin-1 parts into a UTF-16 result with a vectorised copy. A {@link StringBuilder} or a char array costs about twice
 * as much here, because most texts are Latin-1 (European prose) and a placeholder's bracket is not: the builder widens
 * its buffer, then {@code toString} first tries, and fails, to narrow it back to Latin-1. Not thread-safe.
 */
public final class Parts {
    private String[] parts;
    private int size;

    public Parts(int capacity) {
        parts = new String[Math.max(4, capacity)];
    }

    /** Adds {@code s[from, to)}. */
    public Parts add(CharSequence s, int from, int to) {
        if (from < to) {
            add(
                    s instanceof String string
                            ? string.substring(from, to)
                            : s.subSequence(from, to).toString());
        }
        return this;
    }

    public Parts add(String s) {
        if (!s.isEmpty()) {
            if (size == parts.length) {
                parts = Arrays.copyOf(parts, size * 2);
            }
            parts[size++] = s;
        }
        return this;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The parts joined. */
    public String join() {
        return switch (size) {
            case 0 -> "";
            case 1 -> parts[0];
            default -> String.join("", size == parts.length ? parts : Arrays.copyOf(parts, size));
        };
    }
}
