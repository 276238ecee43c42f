package dev.sovereign.classify.internal;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text detectors read instead of the original, so that obfuscation does not hide a value: percent-encoding and
 * HTML character references are decoded (twice at most, for {@code %2540}), then invisible characters (format
 * characters and default ignorables such as U+200B or the soft hyphen) are removed, the text is NFKC-normalised
 * (fullwidth forms, ligatures, no-break spaces), decimal digits of every script become ASCII digits, and, inside tokens
 * that already contain an ASCII letter or digit, look-alike letters whose UTS #39 skeleton is one ASCII char become
 * that char (Cyrillic {@code а} in {@code exаmple.org}). Words wholly in another script are left as they are.
 *
 * <p>Every view char keeps the range of original chars it comes from, so a finding {@code [s, e)} in the view maps to
 * {@code [originalStart(s), originalEnd(e))}: from the first source char of {@code s} to the last source char of
 * {@code e - 1}, which takes in the invisible chars between them and nothing outside. Chars a step leaves alone map
 * one to one; a changed NFKC segment or a decoded sequence maps each of its output chars to the whole source.
 *
 * <p>{@link #of} returns null when the view would equal the text, which is the common case and is found without
 * building anything. Instances are immutable and the class is thread-safe.
 */
public final class DetectionView {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    // getSkeleton reads immutable data and builds its result in local buffers, so one instance serves all threads.
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final byte REMOVE = 1, DIGIT = 2, SPACE = 4, ALNUM = 8, UNSTABLE = 16;
    private static final byte[] FLAGS = new byte[0x10000];
    private static final char UNKNOWN = 0, NONE = 0xFFFF;
    // Skeletons are slow to compute; a racy fill is harmless since every thread writes the same value.
    private static final char[] SKELETONS = new char[0x10000];
    // Filled once by the class initialiser, read-only afterwards.
    private static final Map<String, Integer> ENTITIES = new HashMap<>();

    static {
        flag(new UnicodeSet("[[:Cf:][:DI:]]"), REMOVE);
        flag(new UnicodeSet("[[:Nd:]-[0-9]]"), DIGIT);
        flag(new UnicodeSet("[:White_Space:]"), SPACE);
        flag(new UnicodeSet("[0-9A-Za-z]"), ALNUM);
        flag(new UnicodeSet("[^[:NFKC_Quick_Check=Yes:]]"), UNSTABLE);
        // The named references an obfuscator would use for an address, a key or an invisible char.
        String table = "amp 26 lt 3C gt 3E quot 22 apos 27 nbsp A0 commat 40 period 2E hyphen 2010 dash 2010"
                + " lowbar 5F UnderBar 5F colon 3A sol 2F plus 2B num 23 percnt 25 equals 3D comma 2C semi 3B"
                + " excl 21 quest 3F dollar 24 ndash 2013 mdash 2014 minus 2212 shy AD ZeroWidthSpace 200B"
                + " zwnj 200C zwj 200D lrm 200E rlm 200F NoBreak 2060 ensp 2002 emsp 2003 thinsp 2009";
        String[] words = table.split(" ");
        for (int k = 0; k < words.length; k += 2) {
            ENTITIES.put(words[k], Integer.parseInt(words[k + 1], 16));
        }
    }

    private final String text;
    private final int[] from;
    private final int[] to;

    /** With null arrays the view is the original text itself, which only stages of {@link #of} see. */
    private DetectionView(String text, int[] from, int[] to) {
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /** The view of text for detection, or null when the view would equal text. */
    public static DetectionView of(String text) {
        int n = text.length();
        int special = -1;
        int nonAscii = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                nonAscii = i;
                break;
            }
            if (special < 0 && (c == '%' || c == '&')) special = i;
        }
        if (nonAscii < 0 && special < 0) {
            return null;
        }
        if (special < 0) special = nextSpecial(text, nonAscii);
        DetectionView view = null;
        if (special >= 0) {
            view = decode(new DetectionView(text, null, null), special);
            if (view != null) {
                int again = nextSpecial(view.text, 0);
                if (again >= 0) view = Objects.requireNonNullElse(decode(view, again), view);
            }
        }
        if (view == null && nonAscii < 0) {
            return null; // ASCII with nothing to decode: no other step changes ASCII
        }
        String current = view == null ? text : view.text;
        if (mayChange(current, view == null ? nonAscii : 0)) {
            view = fold(view == null ? new DetectionView(text, null, null) : view);
        }
        return view == null || view.text.equals(text) ? null : view;
    }

    /**
     * Whether a text with {@code c} in it may have a view that differs from it: {@code c} is removed, folded by NFKC or
     * as a digit, or is a look-alike of an ASCII char (half of a surrogate pair: assumed so). A text whose chars are
     * ASCII other than {@code %} and {@code &}, or chars for which this is false, has no view ({@link #of} is null).
     */
    public static boolean mayFold(char c) {
        if (c < 0x80) return c == '%' || c == '&';
        if (Character.isSurrogate(c)) return true;
        return (FLAGS[c] & (REMOVE | DIGIT | UNSTABLE)) != 0 || skeleton(c) != NONE;
    }

    /**
     * {@link #of} for a text known to have no char outside ASCII that a view may change (see {@link #mayFold}): only
     * its percent-encoding and character references can make a view, and what they decode to is normalised as usual.
     */
    public static DetectionView decoded(String text) {
        int special = nextSpecial(text, 0);
        if (special < 0) return null;
        DetectionView view = decode(new DetectionView(text, null, null), special);
        if (view == null) return null;
        int again = nextSpecial(view.text, 0);
        if (again >= 0) view = Objects.requireNonNullElse(decode(view, again), view);
        if (mayChange(view.text, 0)) view = fold(view);
        return view.text.equals(text) ? null : view;
    }

    /** The first {@code %} or {@code &} at or after {@code from}, or -1. */
    private static int nextSpecial(String s, int from) {
        int percent = s.indexOf('%', from);
        int amp = s.indexOf('&', from);
        return percent < 0 ? amp : amp < 0 ? percent : Math.min(percent, amp);
    }

    /** The normalised text detectors read. */
    public String text() {
        return text;
    }

    /** Offset in the original text where the view's char at viewStart comes from (for a span start). */
    public int originalStart(int viewStart) {
        Objects.checkIndex(viewStart, text.length() + 1);
        if (viewStart < text.length()) {
            return from == null ? viewStart : from[viewStart];
        }
        return viewStart == 0 ? 0 : originalEnd(viewStart);
    }

    /** Offset in the original text just after the view's char at viewEnd - 1 (for a span end, exclusive). */
    public int originalEnd(int viewEnd) {
        Objects.checkIndex(viewEnd, text.length() + 1);
        if (viewEnd > 0) {
            return to == null ? viewEnd : to[viewEnd - 1];
        }
        return text.isEmpty() ? 0 : originalStart(0);
    }

    /** One round of percent and character-reference decoding, or null when nothing decodes. */
    private static DetectionView decode(DetectionView in, int first) {
        String s = in.text;
        int n = s.length();
        Out out = null;
        int copied = 0;
        for (int i = first; i >= 0 && i < n; ) {
            char c = s.charAt(i);
            long decoded = c == '&' ? reference(s, i) : c == '%' ? percent(s, i) : -1;
            if (decoded < 0) {
                i = nextSpecial(s, i + 1);
                continue;
            }
            int end = (int) (decoded >>> 32);
            out = out == null ? new Out(n) : out;
            out.copy(in, copied, i);
            out.addCodePoint((int) decoded, in.originalStart(i), in.originalEnd(end));
            copied = i = end;
        }
        if (out == null) {
            return null;
        }
        out.copy(in, copied, n);
        return out.view();
    }

    /** The character reference at amp, packed as end << 32 | code point, or -1. */
    private static long reference(String s, int amp) {
        int n = s.length();
        int limit = Math.min(n, amp + 34);
        int i = amp + 1;
        if (i < n && s.charAt(i) == '#') {
            int radix = i + 1 < n && (s.charAt(i + 1) | 0x20) == 'x' ? 16 : 10;
            int start = radix == 16 ? i + 2 : i + 1;
            int j = start;
            long value = 0;
            for (; j < limit && value <= Character.MAX_CODE_POINT; j++) {
                int digit = s.charAt(j) < 0x80 ? Character.digit(s.charAt(j), radix) : -1;
                if (digit < 0) {
                    break;
                }
                value = value * radix + digit;
            }
            return j > start && j < n && s.charAt(j) == ';' && value > 0 ? packed(j + 1, value) : -1;
        }
        int j = i;
        while (j < limit && Chars.isAsciiAlnum(s.charAt(j))) {
            j++;
        }
        Integer codePoint = j > i && j < n && s.charAt(j) == ';' ? ENTITIES.get(s.substring(i, j)) : null;
        return codePoint == null ? -1 : packed(j + 1, codePoint);
    }

    /** The UTF-8 sequence of {@code %XX} bytes at p, packed as end << 32 | code point, or -1 when invalid. */
    private static long percent(String s, int p) {
        int lead = byteAt(s, p);
        int length = lead < 0
                ? 0
                : lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
        int codePoint = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            int next = byteAt(s, p + 3 * k);
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = codePoint << 6 | next & 0x3F;
        }
        int min = length < 2 ? 0 : length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        return length > 0 && codePoint >= min ? packed(p + 3 * length, codePoint) : -1;
    }

    /** end << 32 | code point, or -1 when the code point is not a Unicode scalar value. */
    private static long packed(int end, long codePoint) {
        boolean scalar = codePoint <= Character.MAX_CODE_POINT && (codePoint < 0xD800 || codePoint > 0xDFFF);
        return scalar ? (long) end << 32 | codePoint : -1;
    }

    /** The byte of the {@code %XX} at p, or -1 when there is none. */
    private static int byteAt(String s, int p) {
        if (p + 2 >= s.length() || s.charAt(p) != '%') {
            return -1;
        }
        int high = hex(s.charAt(p + 1));
        int low = hex(s.charAt(p + 2));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** Whether removal, NFKC, digits or look-alikes would change s: the allocation-free check of the common case. */
    private static boolean mayChange(String s, int from) {
        int n = s.length();
        // The text before from is ASCII, which no step changes; only whether its last token has an ASCII letter or
        // digit matters, for look-alikes met after it. One pass of table lookups decides the rest: a char to remove,
        // a digit to fold, a char NFKC may change (its quick check is not Yes), or a look-alike in an ASCII token.
        boolean ascii = false;
        for (int k = from - 1; k >= 0 && (flags(s.charAt(k)) & SPACE) == 0; k--) {
            if ((flags(s.charAt(k)) & ALNUM) != 0) {
                ascii = true;
                break;
            }
        }
        boolean lookalike = false;
        byte[] table = FLAGS;
        for (int i = from; i < n; ) {
            char c = s.charAt(i);
            int cp;
            int flags;
            if (Character.isSurrogate(c)) {
                cp = s.codePointAt(i);
                flags = flags(cp);
                i += Character.charCount(cp);
            } else {
                cp = c;
                flags = table[c];
                i++;
            }
            if (flags == 0) {
                // most chars: neither space nor ASCII alnum nor anything to fold; a look-alike only matters in a
                // token that has ASCII letters or digits
                if (cp >= 0x80 && !lookalike) lookalike = skeleton(cp) != NONE;
                continue;
            }
            if ((flags & (REMOVE | DIGIT | UNSTABLE)) != 0) {
                return true;
            }
            if ((flags & SPACE) != 0) {
                if (ascii && lookalike) {
                    return true;
                }
                ascii = lookalike = false;
            } else if ((flags & ALNUM) != 0) {
                ascii = true;
            }
        }
        return ascii && lookalike;
    }

    /** Removal, NFKC, ASCII digits and look-alikes over the (possibly decoded) in. */
    private static DetectionView fold(DetectionView in) {
        String s = in.text;
        int n = s.length();
        Out out = new Out(n + 16);
        int start = -1;
        int end = -1;
        int count = 0;
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if ((flags(cp) & REMOVE) == 0) {
                // A segment ends where NFKC cannot reach across, so normalising segment by segment equals the whole.
                if (start >= 0 && NFKC.hasBoundaryBefore(cp)) {
                    flush(in, start, end, count, out);
                    start = -1;
                }
                if (start < 0) {
                    start = i;
                    count = 0;
                }
                count++;
                end = next;
            }
            i = next;
        }
        if (start >= 0) {
            flush(in, start, end, count, out);
        }
        out.replaceLookalikes();
        return out.view();
    }

    /** Appends the NFKC form of the count kept code points in [start, end) of in, digits made ASCII. */
    private static void flush(DetectionView in, int start, int end, int count, Out out) {
        String s = in.text;
        int first = s.codePointAt(start);
        // A lone code point that passes the NFKC quick check is its own NFKC form; most segments are one.
        boolean same = count == 1 && (flags(first) & UNSTABLE) == 0;
        String normalised = "";
        if (!same) {
            StringBuilder segment = new StringBuilder(end - start);
            s.substring(start, end)
                    .codePoints()
                    .filter(cp -> (flags(cp) & REMOVE) == 0)
                    .forEach(segment::appendCodePoint);
            normalised = NFKC.normalize(segment);
            same = normalised.contentEquals(segment);
        }
        for (int i = start; same && i < end; ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if ((flags(cp) & REMOVE) == 0) {
                out.addDigit(cp, in.originalStart(i), in.originalEnd(next));
            }
            i = next;
        }
        for (int i = 0; !same && i < normalised.length(); ) {
            int cp = normalised.codePointAt(i);
            if ((flags(cp) & REMOVE) == 0) {
                out.addDigit(cp, in.originalStart(start), in.originalEnd(end));
            }
            i += Character.charCount(cp);
        }
    }

    private static int flags(int cp) {
        if (cp < 0x10000) {
            return FLAGS[cp];
        }
        int type = UCharacter.getType(cp);
        boolean remove = type == UCharacterCategory.FORMAT
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
        boolean unstable = UCharacter.getIntPropertyValue(cp, UProperty.NFKC_QUICK_CHECK) != 1;
        return (remove ? REMOVE : 0)
                | (type == UCharacterCategory.DECIMAL_DIGIT_NUMBER ? DIGIT : 0)
                | (unstable ? UNSTABLE : 0);
    }

    private static void flag(UnicodeSet set, byte flag) {
        for (UnicodeSet.EntryRange range : set.ranges()) {
            for (int cp = range.codepoint; cp <= Math.min(range.codepointEnd, 0xFFFF); cp++) {
                FLAGS[cp] |= flag;
            }
        }
    }

    /** The ASCII char a non-ASCII code point is a look-alike of, or NONE. */
    private static char skeleton(int cp) {
        if (cp >= 0x10000) {
            // NFKC already made mathematical letters ASCII: the rest (historic scripts) is too rare to cache.
            return UCharacter.isLetter(cp) ? computeSkeleton(cp) : NONE;
        }
        char cached = SKELETONS[cp];
        if (cached == UNKNOWN) {
            SKELETONS[cp] = cached = computeSkeleton(cp);
        }
        return cached;
    }

    private static char computeSkeleton(int cp) {
        if (cp < 0x80) {
            return NONE;
        }
        String skeleton = SPOOF.getSkeleton(Character.toString(cp));
        char c = skeleton.length() == 1 ? skeleton.charAt(0) : NONE;
        return c < 0x80 && (FLAGS[c] & ALNUM) != 0 || "@.-_+:/".indexOf(c) >= 0 ? c : NONE;
    }

    /** A view under construction: chars with the original range each comes from. */
    private static final class Out {
        private char[] chars;
        private int[] from;
        private int[] to;
        private int length;

        Out(int capacity) {
            chars = new char[Math.max(capacity, 16)];
            from = new int[chars.length];
            to = new int[chars.length];
        }

        void add(char c, int start, int end) {
            if (length == chars.length) {
                chars = Arrays.copyOf(chars, length * 2);
                from = Arrays.copyOf(from, length * 2);
                to = Arrays.copyOf(to, length * 2);
            }
            chars[length] = c;
            from[length] = start;
            to[length++] = end;
        }

        /** Both halves of a surrogate pair map to the pair's whole source. */
        void addCodePoint(int cp, int start, int end) {
            if (cp < 0x10000) {
                add((char) cp, start, end);
            } else {
                add(Character.highSurrogate(cp), start, end);
                add(Character.lowSurrogate(cp), start, end);
            }
        }

        void addDigit(int cp, int start, int end) {
            addCodePoint((flags(cp) & DIGIT) != 0 ? '0' + UCharacter.digit(cp, 10) : cp, start, end);
        }

        void copy(DetectionView in, int start, int end) {
            for (int i = start; i < end; i++) {
                add(in.text.charAt(i), in.originalStart(i), in.originalEnd(i + 1));
            }
        }

        /** Replaces look-alikes in place, only in tokens with an ASCII letter or digit: ids, addresses, keys. */
        void replaceLookalikes() {
            int w = 0;
            for (int i = 0; i < length; ) {
                int end = i;
                boolean ascii = false;
                boolean other = false;
                while (end < length && (FLAGS[chars[end]] & SPACE) == 0) {
                    ascii |= (FLAGS[chars[end]] & ALNUM) != 0;
                    other |= chars[end] >= 0x80;
                    end++;
                }
                end = Math.max(end, i + 1);
                for (int k = i; k < end; ) {
                    int cp = Character.codePointAt(chars, k, end);
                    int next = k + Character.charCount(cp);
                    char lookalike = ascii && other && cp >= 0x80 ? skeleton(cp) : NONE;
                    if (lookalike != NONE) {
                        chars[w] = lookalike;
                        from[w] = from[k];
                        to[w++] = to[next - 1];
                    } else {
                        move(k, w, next - k);
                        w += next - k;
                    }
                    k = next;
                }
                i = end;
            }
            length = w;
        }

        /** Only supplementary look-alikes shrink the text, so target usually equals source and nothing moves. */
        private void move(int source, int target, int count) {
            if (source != target) {
                System.arraycopy(chars, source, chars, target, count);
                System.arraycopy(from, source, from, target, count);
                System.arraycopy(to, source, to, target, count);
            }
        }

        DetectionView view() {
            return new DetectionView(new String(chars, 0, length), from, to);
        }
    }
}
