package dev.sovereign.redact.internal;

import java.util.Arrays;

/**
 * Recognises a placeholder and its tolerated variants at one position of a text, and says when the text ends too
 * early to tell (so a stream can hold back exactly that fragment).
 *
 * <p>Grammar, with a budget of {@link #MAX_LENGTH} chars:
 *
 * <pre>
 * placeholder = open space{0,2} part (sep part)* sep number space{0,2} close
 * open        = ⟦ | 【 | '[' | '[[' ; close: ⟧ | 】 after the first two, the same number of ']' after '['
 * part        = letter (letter | digit)*       ; letters of any case, normalised to upper case
 * sep         = '_' | esc '_' | ' ' | '-'
 * number      = digit{1,9}
 * </pre>
 *
 * where a square bracket may be written {@code esc[} or {@code esc]} (Markdown escaping), {@code esc} is {@code \} in
 * text and {@code \\} in JSON text (a Markdown backslash inside a JSON string), and in JSON text a bracket may also be
 * a {@code \}{@code uXXXX} escape. After a match, {@link #key()} holds the normalised {@code TYPE_N},
 * {@link #typeLength()} the length of its type and {@link #altered()} whether the text differed from the canonical form.
 *
 * <p>Not thread-safe: one scanner per restorer.
 */
public final class PlaceholderScanner {
    /** No placeholder starts here. */
    public static final int NO = -1;
    /** The text ends before it can be told whether a placeholder starts here. */
    public static final int MORE = -2;
    /** Longest text recognised as one placeholder. */
    public static final int MAX_LENGTH = 96;

    private static final char[] TEXT_STARTS = {'[', '\u27E6', '\u3010'};
    private static final char[] JSON_STARTS = {'[', '\\', '\u27E6', '\u3010'};

    private static final int UNKNOWN = -2;
    private static final int MAX_TYPE = 48;
    private static final int MAX_DIGITS = 9;
    private static final int MAX_SPACES = 2;

    private static final int OPEN_ROUND = 1; // ⟦ 【 (white and lenticular brackets)
    private static final int OPEN_SQUARE = 2;
    private static final int CLOSE_ROUND = 3;
    private static final int CLOSE_SQUARE = 4;

    private final boolean json;
    private final String[] types;
    private final StringBuilder key = new StringBuilder(MAX_TYPE + MAX_DIGITS + 1);
    private int typeLength;
    private boolean altered;
    private boolean canonicalOpen;
    // Result of bracket(): kind and length in chars.
    private int bracketKind;
    private int bracketLength;
    private char bracketChar;
    // Where each start char is next in the string last searched by next(), from lastFrom on; -1 when nowhere.
    private final int[] nextAt = new int[JSON_STARTS.length];
    private String lastText;
    private int lastTo;
    private int lastFrom;

    /**
     * A scanner for plain text ({@code json} false) or for JSON text such as tool-call arguments.
     *
     * @param types the types a placeholder in square brackets may have to be worth waiting for: a text cut after
     *     {@code [not} is {@link #NO} rather than {@link #MORE} unless an issued type starts with {@code NOT}, so a
     *     stream holds back no Markdown link it would not restore anyway; null for any type
     */
    public PlaceholderScanner(boolean json, String[] types) {
        this.json = json;
        this.types = types;
    }

    /** A scanner that waits for any type. */
    public PlaceholderScanner(boolean json) {
        this(json, null);
    }

    /**
     * Index of the first char of {@code s} in {@code [from, to)} where a placeholder may start, or -1: a bracket, a
     * backslash right before a {@code [} (a Markdown escape), and in JSON text any backslash ({@code \}{@code u27e6}).
     * Every other char is emitted without a closer look. Calls on one string are expected with {@code from}
     * increasing: each start char is then looked for once over the whole string.
     */
    public int next(CharSequence s, int from, int to) {
        int first = -1;
        if (to - from > 32 && s instanceof String string) {
            char[] starts = json ? JSON_STARTS : TEXT_STARTS;
            // One vectorised String.indexOf per start char; it returns at once for a char a Latin-1 string cannot
            // hold. A loop over the chars costs several times more. Where each char is next is remembered for the
            // following calls on the same string, so a char that occurs late (or never) is not looked for again.
            if (string != lastText || to != lastTo || from < lastFrom) {
                lastText = string;
                lastTo = to;
                Arrays.fill(nextAt, UNKNOWN);
            }
            lastFrom = from;
            for (int k = 0; k < starts.length; k++) {
                int at = nextAt[k];
                if (at == UNKNOWN || (at >= 0 && at < from)) {
                    at = string.indexOf(starts[k], from, to);
                    nextAt[k] = at;
                }
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '[' || (c >= '\u27E6' && (c == '\u27E6' || c == '\u3010')) || (c == '\\' && json)) {
                    first = i;
                    break;
                }
            }
        }
        if (first > from && !json && s.charAt(first) == '[' && s.charAt(first - 1) == '\\') {
            return first - 1;
        }
        return first;
    }

    /**
     * Whether a stream must hold back the last char of {@code s[from, to)} although {@link #next} found nothing
     * there: a trailing backslash in text, which a {@code [} may follow.
     */
    public boolean holdsLast(CharSequence s, int from, int to) {
        return !json && to > from && s.charAt(to - 1) == '\\';
    }

    /** Whether this scanner reads JSON text. */
    public boolean json() {
        return json;
    }

    /** Normalised {@code TYPE_N} of the last match. */
    public CharSequence key() {
        return key;
    }

    /** Length of the type in {@link #key()}. */
    public int typeLength() {
        return typeLength;
    }

    /** Whether the last match differed from the canonical form {@code ⟦TYPE_N⟧}. */
    public boolean altered() {
        return altered;
    }

    /** Whether the last match used the placeholder's own brackets (⟦ ⟧), so it looks like ours whatever its type. */
    public boolean ownBrackets() {
        return canonicalOpen;
    }

    /**
     * Tries a placeholder at {@code start}, reading no further than {@code end}.
     *
     * @return the index after the placeholder, {@link #NO}, or {@link #MORE} when {@code end} cuts a text that is
     *     still a possible placeholder
     */
    public int match(CharSequence s, int start, int end) {
        int limit = Math.min(end, start + MAX_LENGTH);
        boolean cut = limit == end; // reaching limit means MORE only if the text itself ends there
        int p = start;
        altered = false;
        canonicalOpen = false;
        key.setLength(0);
        int r = bracket(s, p, limit);
        if (r != 0) {
            return r == MORE && cut ? more(false) : NO;
        }
        int openKind = bracketKind;
        if (openKind != OPEN_ROUND && openKind != OPEN_SQUARE) {
            return NO;
        }
        canonicalOpen = bracketChar == '\u27E6';
        if (bracketChar != '\u27E6' || bracketLength != 1) {
            altered = true;
        }
        p += bracketLength;
        int units = 1;
        if (openKind == OPEN_SQUARE) {
            if (p == limit) {
                return cut ? more(false) : NO;
            }
            r = bracket(s, p, limit);
            if (r == MORE) {
                return cut ? more(false) : NO;
            }
            if (r == 0 && bracketKind == OPEN_SQUARE) {
                units = 2;
                p += bracketLength;
            }
        }
        p = spaces(s, p, limit);
        // type: part (sep part)* sep, then the number
        while (true) {
            if (p == limit) {
                return cut ? more(false) : NO;
            }
            char c = s.charAt(p);
            if (!isLetter(c)) {
                return NO;
            }
            while (p < limit && isLetterOrDigit(c = s.charAt(p))) {
                if (c >= 'a') {
                    altered = true;
                    c = (char) (c - 32);
                }
                key.append(c);
                if (key.length() > MAX_TYPE) {
                    return NO;
                }
                p++;
            }
            if (p == limit) {
                return cut ? more(false) : NO;
            }
            int sep = separator(s, p, limit);
            if (sep == MORE) {
                return cut ? more(false) : NO;
            }
            if (sep == NO) {
                return NO;
            }
            p += sep;
            key.append('_');
            if (p == limit) {
                return cut ? more(false) : NO;
            }
            if (isDigit(s.charAt(p))) {
                break;
            }
        }
        typeLength = key.length() - 1;
        int digits = 0;
        boolean leading = true;
        while (p < limit && isDigit(s.charAt(p))) {
            char c = s.charAt(p++);
            if (leading && c == '0') {
                altered = true;
            } else {
                leading = false;
                key.append(c);
            }
            if (++digits > MAX_DIGITS) {
                return NO;
            }
        }
        if (leading) {
            key.append('0');
        }
        p = spaces(s, p, limit);
        for (int u = 0; u < units; u++) {
            if (p == limit) {
                return cut ? more(true) : NO;
            }
            r = bracket(s, p, limit);
            if (r == MORE) {
                return cut ? more(true) : NO;
            }
            if (r != 0 || bracketKind != (openKind == OPEN_ROUND ? CLOSE_ROUND : CLOSE_SQUARE)) {
                return NO;
            }
            if (bracketChar != '\u27E7' || bracketLength != 1) {
                altered = true;
            }
            p += bracketLength;
        }
        return p;
    }

    /**
     * {@link #MORE} when the text cut so far may still become a placeholder worth waiting for, else {@link #NO}:
     * own brackets always are; square brackets when {@link #key} is the start of an issued type ({@code number}
     * false) or an issued type followed by its number ({@code number} true).
     */
    private int more(boolean number) {
        if (types == null || canonicalOpen) {
            return MORE;
        }
        int length = number ? typeLength : key.length();
        for (String type : types) {
            if (number ? type.length() == length : length <= type.length() + 1) {
                int k = 0;
                while (k < length && key.charAt(k) == (k < type.length() ? type.charAt(k) : '_')) {
                    k++;
                }
                if (k == length) {
                    return MORE;
                }
            }
        }
        return NO;
    }

    private int spaces(CharSequence s, int p, int limit) {
        for (int k = 0; k < MAX_SPACES && p < limit && s.charAt(p) == ' '; k++) {
            p++;
            altered = true;
        }
        return p;
    }

    /** Length of a separator at {@code p}, {@link #NO} or {@link #MORE}. */
    private int separator(CharSequence s, int p, int limit) {
        char c = s.charAt(p);
        if (c == '_') {
            return 1;
        }
        if (c == ' ' || c == '-') {
            altered = true;
            return 1;
        }
        if (c != '\\') {
            return NO;
        }
        int escape = json ? 2 : 1;
        for (int k = 1; k < escape; k++) {
            if (p + k == limit) {
                return MORE;
            }
            if (s.charAt(p + k) != '\\') {
                return NO;
            }
        }
        if (p + escape == limit) {
            return MORE;
        }
        if (s.charAt(p + escape) != '_') {
            return NO;
        }
        altered = true;
        return escape + 1;
    }

    /**
     * Reads a bracket at {@code p} into {@link #bracketKind}, {@link #bracketLength} and {@link #bracketChar}: returns
     * 0 when there is one, {@link #NO} or {@link #MORE}.
     */
    private int bracket(CharSequence s, int p, int limit) {
        char c = s.charAt(p);
        if (c != '\\') {
            return single(c, 1);
        }
        if (p + 1 == limit) {
            return MORE;
        }
        char next = s.charAt(p + 1);
        if (!json) {
            return next == '[' || next == ']' ? single(next, 2) : NO;
        }
        if (next == 'u') {
            int value = 0;
            for (int k = 0; k < 4; k++) {
                if (p + 2 + k == limit) {
                    return MORE;
                }
                int digit = Character.digit(s.charAt(p + 2 + k), 16);
                if (digit < 0) {
                    return NO;
                }
                value = value * 16 + digit;
            }
            return single((char) value, 6);
        }
        if (next != '\\') {
            return NO;
        }
        if (p + 2 == limit) {
            return MORE;
        }
        char third = s.charAt(p + 2);
        return third == '[' || third == ']' ? single(third, 3) : NO;
    }

    private int single(char c, int length) {
        int kind = switch (c) {
            case '\u27E6', '\u3010' -> OPEN_ROUND;
            case '\u27E7', '\u3011' -> CLOSE_ROUND;
            case '[' -> OPEN_SQUARE;
            case ']' -> CLOSE_SQUARE;
            default -> 0;
        };
        if (kind == 0) {
            return NO;
        }
        bracketKind = kind;
        bracketLength = length;
        bracketChar = c;
        return 0;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || isDigit(c);
    }
}
