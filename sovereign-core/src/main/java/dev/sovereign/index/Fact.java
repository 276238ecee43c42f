package dev.sovereign.index;

import java.time.LocalDate;
import java.util.List;

/**
 * One sourced fact about a deployment: the value of a rubric attribute, the period it was true (both
 * ends inclusive, {@code null} for open), where it comes from and when that source was checked.
 *
 * @param uncertain the source is weak or conflicting; the fact counts but is flagged for re-checking
 */
public record Fact(
        String attribute,
        List<String> value,
        LocalDate from,
        LocalDate to,
        String source,
        LocalDate checked,
        boolean uncertain,
        String note) {

    public Fact {
        value = List.copyOf(value);
    }

    public boolean validOn(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
