package dev.sovereign.redact;

import dev.sovereign.classify.CategoryPattern;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which categories a redaction replaces, as {@link CategoryPattern}s: exact names ({@code pii.email}), families
 * ({@code pii.*}, {@code pii.national_id.*}) or everything ({@code *}); a bare family name is refused. Immutable and
 * thread-safe.
 */
public final class CategorySelector {

    private final List<String> patterns;
    private final boolean all;

    private CategorySelector(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.all = patterns.contains("*");
    }

    /** Every category. */
    public static CategorySelector all() {
        return new CategorySelector(List.of("*"));
    }

    /** The categories matching any of {@code patterns}; see {@link #of(Collection)}. */
    public static CategorySelector of(String... patterns) {
        return of(Arrays.asList(patterns));
    }

    /**
     * The categories matching any of {@code patterns}.
     *
     * @throws IllegalArgumentException naming the pattern, when one is not a category name, {@code family.*} or
     *     {@code *}
     */
    public static CategorySelector of(Collection<String> patterns) {
        for (String pattern : patterns) {
            check(pattern);
        }
        return new CategorySelector(List.copyOf(patterns));
    }

    private static void check(String pattern) {
        CategoryPattern.problem(pattern).ifPresent(problem -> {
            throw new IllegalArgumentException("category pattern " + problem);
        });
    }

    /** Whether {@code category} is selected ({@link CategoryPattern#matches}). */
    public boolean matches(String category) {
        return all || CategoryPattern.matchesAny(patterns, category);
    }

    /** The patterns, as given. */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategorySelector that && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return "CategorySelector" + patterns;
    }
}
