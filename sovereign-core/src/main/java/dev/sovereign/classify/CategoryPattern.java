package dev.sovereign.classify;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Category patterns, with one meaning wherever they are read (policy rules and guarantees, redaction, workloads): an
 * exact category ({@code pii.email}), a family ({@code pii.*}, {@code pii.national_id.*}: the family's categories and
 * the family name itself), or {@code *} for every category.
 *
 * <p>A bare family name ({@code pii}, {@code special}) is refused rather than read as an exact name: no finding has
 * that category, so it would silently select nothing, leaving values in clear or a guarantee that guards nothing.
 */
public final class CategoryPattern {
    /** The first parts of category names that are families, never categories of their own. */
    public static final Set<String> FAMILIES =
            Set.of("pii", "special", "financial", "secret", "custom", "label", "content");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    private CategoryPattern() {}

    /** What is wrong with {@code pattern}, or empty when it is well formed. */
    public static Optional<String> problem(String pattern) {
        if (pattern == null) return Optional.of("a category pattern is null");
        if (pattern.equals("*")) return Optional.empty();
        String name = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (!NAME.matcher(name).matches()) {
            return Optional.of(
                    "'" + pattern + "' is not a category (pii.email), a family (pii.*, pii.national_id.*) or *");
        }
        if (!pattern.endsWith(".*") && FAMILIES.contains(pattern)) {
            return Optional.of("'" + pattern + "' names a family, not a category: write '" + pattern + ".*'");
        }
        return Optional.empty();
    }

    /** Whether {@code pattern} is well formed ({@link #problem} is empty). */
    public static boolean valid(String pattern) {
        return problem(pattern).isEmpty();
    }

    public static boolean matches(String pattern, String category) {
        if (pattern.equals("*")) return true;
        if (pattern.endsWith(".*")) {
            int family = pattern.length() - 2;
            return category.startsWith(pattern.substring(0, family))
                    && (category.length() == family || category.charAt(family) == '.');
        }
        return pattern.equals(category);
    }

    public static boolean matchesAny(Collection<String> patterns, String category) {
        for (String p : patterns) if (matches(p, category)) return true;
        return false;
    }
}
