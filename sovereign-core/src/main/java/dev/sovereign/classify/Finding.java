package dev.sovereign.classify;

import java.util.Objects;

/**
 * One piece of sensitive data found in one text segment: its category, where it is, how sure the detector is, and
 * which detector found it. A finding never holds the value itself, only its offsets, so findings can be logged,
 * audited and counted without leaking what they point at.
 *
 * @param category dotted category name, such as {@code pii.email} or {@code pii.national_id.fr}
 * @param start offset of the first char, inclusive, in the segment's text
 * @param end offset after the last char, exclusive
 * @param confidence 0 to 1
 * @param detector short name of the rule that fired, such as {@code iban-mod97}
 */
public record Finding(String category, int start, int end, double confidence, String detector) {
    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(detector, "detector");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence outside 0..1: " + confidence);
        }
    }

    /** Length of the span in chars. */
    public int length() {
        return end - start;
    }
}
