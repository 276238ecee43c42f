package dev.sovereign.redact;

/**
 * What a {@link Restorer} did with the placeholders of one answer.
 *
 * @param exact placeholders restored as they were issued
 * @param variants placeholders restored from a form the model altered (case, spaces, brackets, Markdown escapes)
 * @param unknown text that looks like one of ours (our brackets, or a type issued in this request) but names no value
 *     of the request, such as {@code ⟦EMAIL_7⟧} when only one email was replaced; left as it is
 */
public record RestoreCounts(int exact, int variants, int unknown) {
    /** Placeholders restored, exact or altered. */
    public int restored() {
        return exact + variants;
    }
}
