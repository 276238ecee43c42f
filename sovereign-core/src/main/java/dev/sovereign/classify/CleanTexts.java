package dev.sovereign.classify;

/**
 * Short texts in which a classifier found nothing, remembered so that the next request need not read them again. Most
 * pieces of a request are keys, enum values and schema words, and an agent sends the same tool definitions with every
 * turn; a text's findings depend on the text and the classifier alone, so a text found clean once is clean again.
 *
 * <p>Only texts without a digit (of any script, nor a number sign a detection view folds to one) are kept: a national identifier's date of birth is checked against today's date, the one
 * input of the detectors besides the text, and every such value has digits. A text with a finding is never kept, so no
 * value the classifier reports stays in memory after its request.
 *
 * <p>A fixed table of slots indexed by the text's hash, each holding the last clean text that fell in it: no lock, no
 * allocation after construction. Writes race by design: a slot holds a whole {@link String} or another one (strings are
 * immutable and safely published), and a lost write only costs a scan. A hit compares the whole text.
 */
final class CleanTexts {
    /** Texts longer than this are not kept. */
    static final int MAX_LENGTH = 64;

    private final String[] slots;
    private final int mask;

    /** A table of {@code entries} slots, rounded up to a power of two; 0 keeps nothing. */
    CleanTexts(int entries) {
        int size = entries <= 0 ? 0 : Integer.highestOneBit(Math.max(1, entries - 1)) << 1;
        this.slots = new String[size];
        this.mask = size - 1;
    }

    /** Whether {@code text} was found clean before. */
    boolean contains(String text) {
        if (slots.length == 0) return false;
        String kept = slots[slot(text)];
        return kept != null && kept.equals(text);
    }

    /** Remembers {@code text}, which was found clean, if it may be kept. */
    void add(String text) {
        if (slots.length == 0 || !keepable(text)) return;
        slots[slot(text)] = text;
    }

    /** Number of slots (0: off). */
    int capacity() {
        return slots.length;
    }

    static boolean keepable(String text) {
        int n = text.length();
        if (n > MAX_LENGTH) return false;
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c < 128 ? c >= '0' && c <= '9' : isNumber(c)) return false;
        }
        return true;
    }

    /** Digits of any script, and numbers such as {@code ²} or {@code ①} that a detection view folds to digits. */
    private static boolean isNumber(char c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.OTHER_NUMBER
                || type == Character.LETTER_NUMBER;
    }

    private int slot(String text) {
        int h = text.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }
}
