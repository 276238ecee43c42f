package dev.sovereign.index;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Something that changed a provider's risk profile on a date: a government designation, a change of
 * terms or of cloud exclusivity. From its date on, {@code changes} replace the named facts of each
 * profile in {@code profiles}; an event without changes is kept in the history and flagged.
 */
public record VendorEvent(
        LocalDate date,
        List<String> profiles,
        String title,
        String dimension,
        String effect,
        String source,
        Map<String, List<String>> changes) {

    public VendorEvent {
        profiles = List.copyOf(profiles);
        changes = Map.copyOf(changes);
    }
}
