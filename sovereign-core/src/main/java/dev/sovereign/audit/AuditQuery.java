package dev.sovereign.audit;

import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.index.Jurisdiction;
import java.time.Instant;

/**
 * Filters over audit events; {@code null} means any. {@code category} matches a category name or, ending in
 * {@code .} or {@code .*}, a family ({@code special.*}). Results are newest first; {@code before} is the cursor
 * of the previous page ({@link AuditPage#next()}).
 */
public record AuditQuery(
        Instant from,
        Instant to,
        String type,
        String requestId,
        String workload,
        String key,
        String team,
        String category,
        String provider,
        String jurisdiction,
        String action,
        int limit,
        Long before) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
        if (category != null) {
            String pattern = category.endsWith(".") ? category + "*" : category;
            CategoryPattern.problem(pattern).ifPresent(problem -> {
                throw new IllegalArgumentException("category " + problem);
            });
        }
        if (jurisdiction != null && !Jurisdiction.ALL.contains(jurisdiction)) {
            throw new IllegalArgumentException(
                    "jurisdiction '" + jurisdiction + "' is not one of " + String.join(", ", Jurisdiction.ALL));
        }
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, null, limit, null);
    }

    public AuditQuery before(Long cursor) {
        return new AuditQuery(
                from,
                to,
                type,
                requestId,
                workload,
                key,
                team,
                category,
                provider,
                jurisdiction,
                action,
                limit,
                cursor);
    }

    /** The pattern for a {@code LIKE} over {@link AuditColumns#categories()}, or {@code null}. */
    public String categoryPattern() {
        if (category == null) return null;
        String c = category.endsWith(".*") ? category.substring(0, category.length() - 1) : category;
        String escaped = c.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return c.endsWith(".") ? "%," + escaped + "%" : "%," + escaped + ",%";
    }
}
