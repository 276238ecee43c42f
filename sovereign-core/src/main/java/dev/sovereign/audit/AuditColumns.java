package dev.sovereign.audit;

import java.util.Objects;

/**
 * The fields of an event that a store keeps in columns for filtering. Derived from the event, never written
 * on their own, so that {@link AuditVerifier} can tell a column edited behind the chain's back.
 *
 * @param categories the event's category names, each between commas ({@code ",pii.email,special.health,"}), or
 *     {@code ","} for none, so that one {@code LIKE} finds a name or a prefix
 */
public record AuditColumns(
        String type,
        long timeMillis,
        String requestId,
        String key,
        String team,
        String workload,
        String provider,
        String jurisdiction,
        String action,
        String categories) {

    public static AuditColumns of(AuditEvent e) {
        AuditEvent.Subject s = e.subject();
        AuditEvent.Route r = e.route();
        StringBuilder cats = new StringBuilder(",");
        for (String c : e.categoriesOrEmpty().keySet()) cats.append(c).append(',');
        return new AuditColumns(
                e.type().id(),
                e.time().toEpochMilli(),
                e.requestId(),
                s == null ? null : s.key(),
                s == null ? null : s.team(),
                s == null ? null : s.workload(),
                r == null ? null : r.provider(),
                r == null ? null : r.jurisdiction(),
                r == null ? null : r.action(),
                cats.toString());
    }

    /** The first column that differs from {@code other}, or {@code null} when all agree. */
    public String firstDifference(AuditColumns other) {
        if (!Objects.equals(type, other.type)) return "type";
        if (timeMillis != other.timeMillis) return "time";
        if (!Objects.equals(requestId, other.requestId)) return "request_id";
        if (!Objects.equals(key, other.key)) return "key";
        if (!Objects.equals(team, other.team)) return "team";
        if (!Objects.equals(workload, other.workload)) return "workload";
        if (!Objects.equals(provider, other.provider)) return "provider";
        if (!Objects.equals(jurisdiction, other.jurisdiction)) return "jurisdiction";
        if (!Objects.equals(action, other.action)) return "action";
        if (!Objects.equals(categories, other.categories)) return "categories";
        return null;
    }
}
