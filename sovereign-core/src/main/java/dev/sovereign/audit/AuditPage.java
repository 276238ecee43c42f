package dev.sovereign.audit;

import java.util.List;

/** One page of query results, newest first; {@code next} is the cursor of the next page, or {@code null}. */
public record AuditPage(List<StoredEvent> events, Long next) {
    public AuditPage {
        events = List.copyOf(events);
    }
}
