package dev.sovereign.index;

import java.util.List;

/**
 * The value an attribute had for a profile on a date, and why: a profile fact, an event, or nothing
 * known (then the worst option, flagged).
 *
 * @param event the event that set the value, or {@code null}
 */
public record ResolvedFact(
        String attribute,
        List<String> value,
        int points,
        int maxPoints,
        String source,
        boolean unknown,
        boolean uncertain,
        VendorEvent event) {}
