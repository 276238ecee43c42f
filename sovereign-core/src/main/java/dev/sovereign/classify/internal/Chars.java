package dev.sovereign.classify.internal;

import java.text.Normalizer;

/**
 * Char classes and case/accent folding used by every detector. Folding maps a char to lower case without diacritics
 * ({@code É} to {@code e}), so dictionaries match "Diabète", "diabete" and "DIABÈTE" alike; it is one table lookup for
 * Latin scripts.
 */
public final class Chars {
    private static final int TABLE = 0x250;
    private static final char[] FOLD = new char[TABLE];
    private static final boolean[] WORD_ASCII = new boolean[128];

    static {
        for (char c = 0; c < TABLE; c++) {
            char lower = Character.toLowerCase(c);
            String stripped = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
            char base = stripped.charAt(0);
            FOLD[c] = stripped.length() > 1 && Character.isLetter(base) && base < 128 ? base : lower;
        }
        for (char c = 0; c < 128; c++) {
            WORD_ASCII[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }

    private Chars() {}

    /** Lower case, diacritics removed for Latin letters. */
    public static char fold(char c) {
        return c < TABLE ? FOLD[c] : Character.toLowerCase(c);
    }

    /** Letters and digits of any script. */
    public static boolean isWord(char c) {
        return c < 128 ? WORD_ASCII[c] : Character.isLetterOrDigit(c);
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isAsciiAlnum(char c) {
        return c < 128 && WORD_ASCII[c];
    }

    /** Whether a word of {@code text} could begin at {@code i}: the previous char is not a word char. */
    public static boolean boundaryBefore(CharSequence text, int i) {
        return i == 0 || !isWord(text.charAt(i - 1));
    }

    /** Whether a word ends at {@code i}: the next char is not a word char. */
    public static boolean boundaryAt(CharSequence text, int i) {
        return i >= text.length() || !isWord(text.charAt(i));
    }

    /** Folds a whole string (for dictionary entries and exact-data-match normalisation). */
    public static String fold(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(fold(s.charAt(i)));
        }
        return b.toString();
    }

    /** Case-sensitive comparison of a region of {@code text} with {@code literal}. */
    public static boolean regionEquals(CharSequence text, int at, String literal) {
        if (at < 0 || at + literal.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < literal.length(); k++) {
            if (text.charAt(at + k) != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Shannon entropy in bits per char of {@code text[start, end)}. */
    public static double entropy(CharSequence text, int start, int end) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double n = end - start;
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }
}
