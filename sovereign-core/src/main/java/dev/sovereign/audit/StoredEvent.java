package dev.sovereign.audit;

/**
 * One event as read back from a store: its chain links, the hashed text, and the columns kept beside it for
 * queries (which {@link AuditVerifier} checks against the text).
 *
 * @param id the store's own row number, newest highest; a query cursor
 */
public record StoredEvent(
        long id, String writer, long seq, String prevHash, String hash, String body, AuditColumns columns) {

    /** The event in {@link #body}. */
    public AuditEvent event() {
        return AuditJson.body(body).event();
    }
}
