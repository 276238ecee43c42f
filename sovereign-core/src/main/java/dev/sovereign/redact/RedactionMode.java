package dev.sovereign.redact;

/** How a {@link Redactor} replaces a value. */
public enum RedactionMode {
    /** Replace every value with its category, {@code [pii.email]}: irreversible, nothing is kept. */
    MASK,
    /**
     * Replace every distinct value with a typed placeholder, {@code ⟦EMAIL_1⟧}, and keep the mapping in memory for
     * the request, so the answer can be restored ({@link Pseudonyms}).
     */
    PSEUDONYMIZE
}
