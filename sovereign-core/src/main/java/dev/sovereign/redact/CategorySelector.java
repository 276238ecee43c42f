package dev.sovereign.redact;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which categories a redaction replaces: exact names ({@code pii.email}), families ({@code pii.*},
 * {@code pii.national_id.*}) or everything ({@code *}). Immutable and thread-safe.
 *
 * <p>A bare family name ({@code pii}, {@code special}) is refused rather than read as an exact name: no finding has
 * that category, so it would silently select nothing and leave the values in clear.
 */
public final class CategorySelector {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final Set<String> FAMILIES =
            Set.of("pii", "special", "financial", "secret", "custom", "label", "content");

    private final List<String> patterns;
    private final String[] exact;
    private final String[] prefixes;
    private final boolean all;

    private CategorySelector(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.all = patterns.contains("*");
        this.exact = patterns.stream().filter(p -> !p.endsWith("*")).toArray(String[]::new);
        this.prefixes = patterns.stream()
                .filter(p -> p.endsWith(".*"))
                .map(p -> p.substring(0, p.length() - 1))
                .toArray(String[]::new);
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
        if (pattern == null) {
            throw new IllegalArgumentException("category pattern is null");
        }
        if (pattern.equals("*")) {
            return;
        }
        String name = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("category pattern '" + pattern
                    + "' is not a category name (pii.email), a family (pii.*, pii.national_id.*) or *");
        }
        if (!pattern.endsWith(".*") && FAMILIES.contains(pattern)) {
            throw new IllegalArgumentException(
                    "category pattern '" + pattern + "' names a family, not a category: write '" + pattern + ".*'");
        }
    }

    /** Whether {@code category} is selected. */
    public boolean matches(String category) {
        if (all) {
            return true;
        }
        for (String name : exact) {
            if (name.equals(category)) {
                return true;
            }
        }
        for (String prefix : prefixes) {
            if (category.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
