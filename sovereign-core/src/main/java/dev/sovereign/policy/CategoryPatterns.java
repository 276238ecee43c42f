package dev.sovereign.policy;

import java.util.List;

/**
 * Category patterns as policies write them: an exact name ({@code pii.email}), a family ({@code special.*}, which
 * also matches {@code special} itself), or {@code *} for every category.
 */
public final class CategoryPatterns {
    private CategoryPatterns() {}

    public static boolean matches(String pattern, String category) {
        if (pattern.equals("*")) return true;
        if (pattern.endsWith(".*")) {
            String family = pattern.substring(0, pattern.length() - 2);
            return category.equals(family) || category.startsWith(family + ".");
        }
        return pattern.equals(category);
    }

    public static boolean matchesAny(List<String> patterns, String category) {
        for (String p : patterns) if (matches(p, category)) return true;
        return false;
    }

    /** Whether {@code pattern} is well formed: lower-case dotted names, optionally ending in {@code .*}. */
    public static boolean valid(String pattern) {
        return pattern.equals("*") || pattern.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");
    }
}
