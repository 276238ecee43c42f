package dev.sovereign.classify.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The words and punctuation of a text as offsets, for the person-name model: a word is a run of letters and digits
 * with inner apostrophes and hyphens ("O'Neill", "Jean-Pierre"), any other visible char is a token of its own. The
 * same tokens feed training (built from a corpus' tokens joined by spaces) and detection, so that the features agree.
 * Not thread-safe.
 */
public final class NameTokens {
    final char[] text;
    int[] start;
    int[] end;
    int count;
    /** Per token, once asked: whether it is a {@link #candidate} (bit 0 known, bit 1 yes). */
    private byte[] candidates;
    /** Per token, once asked: {@link #lowerHash}, and whether it is known. */
    private long[] lowerHashes;

    private boolean[] hashed;
    /** Per token, once asked: {@link NameScoring#dictionaryBits} + 1, 0 when not yet asked. */
    private short[] dictionaries;

    private NameTokens(char[] text, int capacity) {
        this.text = text;
        this.start = new int[Math.max(8, capacity)];
        this.end = new int[start.length];
    }

    /** Tokens of {@code text[0, n)}. */
    static NameTokens of(char[] text, int n) {
        NameTokens t = new NameTokens(text, n / 5 + 8);
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (Chars.isWord(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = text[j];
                    if (Chars.isWord(d)) {
                        j++;
                    } else if ((d == '\'' || d == '’' || d == '-') && j + 1 < n && isLetter(text[j + 1])) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                t.add(i, j);
                i = j;
            } else {
                if (!isWhitespace(c)) {
                    t.add(i, i + 1);
                }
                i++;
            }
        }
        return t;
    }

    /** {@link Character#isLetter(char)}, without its table lookup for ASCII. */
    private static boolean isLetter(char c) {
        return c < 128 ? Chars.isAsciiLetter(c) : Character.isLetter(c);
    }

    /** {@link Character#isWhitespace(char)}, without its table lookup for ASCII. */
    private static boolean isWhitespace(char c) {
        return c < 128 ? c == ' ' || c >= 9 && c <= 13 || c >= 0x1c && c <= 0x1f : Character.isWhitespace(c);
    }

    /** A corpus sentence: its tokens joined by single spaces. */
    public static NameTokens ofWords(List<String> words) {
        StringBuilder b = new StringBuilder();
        int[] starts = new int[words.size()];
        for (int k = 0; k < words.size(); k++) {
            if (k > 0) {
                b.append(' ');
            }
            starts[k] = b.length();
            b.append(words.get(k));
        }
        char[] chars = b.toString().toCharArray();
        NameTokens t = new NameTokens(chars, words.size());
        for (int k = 0; k < words.size(); k++) {
            t.add(starts[k], starts[k] + words.get(k).length());
        }
        return t;
    }

    private void add(int s, int e) {
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
        }
        start[count] = s;
        end[count] = e;
        count++;
    }

    public int size() {
        return count;
    }

    int length(int i) {
        return end[i] - start[i];
    }

    /**
     * Whether token {@code i} may be part of a name for the model: a word of at least two chars that starts with an
     * upper-case letter and has a lower-case one ("Anna", "McKenzie", "Jean-Pierre"; not "NASA", "A", "x").
     */
    public boolean candidate(int i) {
        if (candidates == null) {
            candidates = new byte[count];
        }
        byte known = candidates[i];
        if (known == 0) {
            known = (byte) (isCandidate(i) ? 3 : 1);
            candidates[i] = known;
        }
        return known == 3;
    }

    private boolean isCandidate(int i) {
        int s = start[i];
        int e = end[i];
        if (e - s < 2 || !Character.isUpperCase(text[s])) {
            return false;
        }
        for (int k = s + 1; k < e; k++) {
            if (Character.isLowerCase(text[k])) {
                return true;
            }
        }
        return false;
    }

    /** Whether token {@code i} is one upper-case letter ("K" of "Ildikó K. Várkonyi"). */
    boolean initial(int i) {
        return end[i] - start[i] == 1 && Character.isUpperCase(text[start[i]]);
    }

    boolean is(int i, char c) {
        return end[i] - start[i] == 1 && text[start[i]] == c;
    }

    /** Whether a sentence or line starts at token {@code i}. */
    boolean sentenceStart(int i) {
        if (i == 0) {
            return true;
        }
        for (int k = end[i - 1]; k < start[i]; k++) {
            if (text[k] == '\n' || text[k] == '\r') {
                return true;
            }
        }
        if (length(i - 1) != 1) {
            return false;
        }
        char c = text[start[i - 1]];
        if (c == '.' && i >= 2 && (initial(i - 2) || NameFeatures.notAName(this, i - 2))) {
            return false; // "J. Häkkinen", "Mr. Dupont": an initial or a title, not the end of a sentence
        }
        return ".!?:;\"“”«»([-–—*•>#|".indexOf(c) >= 0;
    }

    /** Whether token {@code i}'s chars, folded to lower case, equal {@code lower}. */
    boolean equalsLower(int i, String lower) {
        int s = start[i];
        if (end[i] - s != lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (Character.toLowerCase(text[s + k]) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** 64-bit FNV-1a of token {@code i} folded to lower case, computed once per token. */
    long lowerHash(int i) {
        if (lowerHashes == null) {
            lowerHashes = new long[count];
            hashed = new boolean[count];
        }
        if (!hashed[i]) {
            lowerHashes[i] = NameFeatures.hashLower(text, start[i], end[i]);
            hashed[i] = true;
        }
        return lowerHashes[i];
    }

    /** The word lists that hold token {@code i} ({@link NameScoring#dictionaryBits}), looked up once per token. */
    int dictionaries(int i) {
        if (dictionaries == null) {
            dictionaries = new short[count];
        }
        int known = dictionaries[i];
        if (known == 0) {
            known = NameScoring.dictionaryBits(lowerHash(i)) + 1;
            dictionaries[i] = (short) known;
        }
        return known - 1;
    }

    /** Token {@code i} folded to lower case. */
    String lower(int i) {
        char[] b = new char[length(i)];
        for (int k = 0; k < b.length; k++) {
            b[k] = Character.toLowerCase(text[start[i] + k]);
        }
        return new String(b);
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }
}
