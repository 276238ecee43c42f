package dev.sovereign.audit;

/** The audit store cannot be reached or refused a write; nothing of the failed call was stored. */
public class AuditStoreException extends RuntimeException {
    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
