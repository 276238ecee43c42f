package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dictionary of words and phrases, looked up once per word of the text.
 *
 * <p>Design note: most words of a text file no entry, and the scanner must learn that cheaply. A two-probe bloom
 * filter over the word under which each entry is filed, keyed by its length and five folded chars (the first three
 * and the last two), rejects almost every word of prose after a few table lookups, without hashing the word; the first
 * four chars of prefix entries have a filter of their own. A word that passes is hashed and looked up with one probe
 * of an open-addressed table, followed by a char-by-char check of the entry (no false hits from hash collisions) and,
 * for phrases, of the words around it. A phrase is filed under its longest word, not its first: "je suis", "my name
 * is", "il mio nome è" would otherwise make every "je", "my" and "il" of the text a lookup. Entries ending in {@code *}
 * match any word that starts with them (at least {@link #PREFIX_KEY} chars), found by a second probe keyed by the
 * word's first {@link #PREFIX_KEY} chars. This is an Aho-Corasick automaton restricted to whole words, which is what
 * every dictionary here wants, at a cost independent of the number of entries. Immutable once built; safe to share
 * between threads.
 */
public final class KeywordIndex {
    /** Length of the key under which prefix entries are filed; shorter prefixes are refused. */
    public static final int PREFIX_KEY = 4;

    private static final int MAX_SEPARATORS = 3;

    /** Bloom filter bits per entry (two probes): about 0.4% of words that file no entry pass it. */
    private static final int GATE_BITS_PER_ENTRY = 32;

    private static final int MIN_GATE_BITS = 1 << 16;

    /** Bloom filter over the filing word of every entry (its length and five folded chars). */
    private final long[] gate;

    private final int gateShift;

    /**
     * A one-probe bloom filter over the first {@link #PREFIX_KEY} folded chars of the prefix entries: words that start
     * otherwise skip the prefix probe.
     */
    private final long[] prefixStarts = new long[PREFIX_BITS / 64];

    private static final int PREFIX_BITS = 1 << 12;

    private final int[] keys;
    private final int[] heads;
    private final int mask;
    private final Entry[] entries;
    private final int[] next;

    /** Receives each match: the span in the text and the entry's payload. */
    public interface Sink {
        void keyword(int start, int end, int payload);
    }

    /** An entry: its folded words, the index of the word it is filed under, whether the last word is a prefix. */
    private record Entry(char[][] words, int anchor, boolean prefix, int payload) {
        boolean prefixKeyed() {
            return prefix && words.length == 1;
        }
    }

    private KeywordIndex(List<Entry> list) {
        int capacity = Integer.highestOneBit(Math.max(16, list.size() * 2 - 1)) << 1;
        keys = new int[capacity];
        heads = new int[capacity];
        mask = capacity - 1;
        entries = list.toArray(new Entry[0]);
        next = new int[entries.length];
        Arrays.fill(heads, -1);
        int gateBits =
                Math.max(MIN_GATE_BITS, Integer.highestOneBit(Math.max(1, entries.length) * GATE_BITS_PER_ENTRY));
        gate = new long[gateBits >>> 6];
        gateShift = 32 - Integer.numberOfTrailingZeros(gateBits);
        for (int e = entries.length - 1; e >= 0; e--) {
            Entry entry = entries[e];
            char[] word = entry.words[entry.anchor];
            int key;
            if (entry.prefixKeyed()) {
                key = prefixKey(hash(word, PREFIX_KEY));
                int start = prefixStart(word[0], word[1], word[2], word[3]);
                prefixStarts[start >>> 6] |= 1L << start;
            } else {
                key = wordKey(hash(word, word.length), word.length);
                int length = word.length;
                int g = gateKey(
                        word[0],
                        length > 1 ? word[1] : 0,
                        length > 2 ? word[2] : 0,
                        length > 3 ? word[length - 2] : 0,
                        word[length - 1],
                        length);
                gate[first(g) >>> 6] |= 1L << first(g);
                gate[second(g) >>> 6] |= 1L << second(g);
            }
            int slot = find(key);
            if (heads[slot] < 0) {
                keys[slot] = key;
            }
            next[e] = heads[slot];
            heads[slot] = e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of entries. */
    public int size() {
        return entries.length;
    }

    /** Adds the next folded char ({@link Chars#fold}) of a word to the word's hash, which starts at 0. */
    private static int step(int hash, char folded) {
        return hash * 31 + folded;
    }

    private static int hash(char[] folded, int length) {
        int h = 0;
        for (int k = 0; k < length; k++) {
            h = step(h, folded[k]);
        }
        return h;
    }

    /** The table key of a whole word; never 0, so 0 marks an empty slot. */
    private static int wordKey(int hash, int length) {
        return mix(hash ^ length * 0x9E3779B9) | 1;
    }

    private static int prefixKey(int hashOfFirstChars) {
        return mix(hashOfFirstChars ^ 0x5BD1E995) | 1;
    }

    /** Murmur3's finaliser: every output bit depends on every input bit. */
    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        return x ^ (x >>> 16);
    }

    /** First bloom probe: the key's high bits (the table slot uses its low bits). */
    private int first(int key) {
        return key >>> gateShift;
    }

    private int second(int key) {
        return (key * 0x9E3779B1) >>> gateShift;
    }

    private static int prefixStart(char f0, char f1, char f2, char f3) {
        return mix(((f0 * 31 + f1) * 31 + f2) * 31 + f3) >>> (32 - 12);
    }

    /** {@link Chars#fold}, with ASCII letters folded by arithmetic. */
    private static char fold(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Chars.fold(c);
    }

    /**
     * Whether an entry could be filed under the word {@code text[start, end)}: a bloom test on its length and five of
     * its folded chars, then for prefix entries on its first four (false positives possible, no false negatives). When
     * false, {@link #lookup} would report nothing.
     */
    public boolean mightFile(char[] text, int start, int end) {
        int length = end - start;
        char f0 = fold(text[start]);
        char f1 = length > 1 ? fold(text[start + 1]) : 0;
        char f2 = length > 2 ? fold(text[start + 2]) : 0;
        int key = gateKey(f0, f1, f2, length > 3 ? fold(text[end - 2]) : 0, fold(text[end - 1]), length);
        int a = first(key);
        int b = second(key);
        if ((gate[a >>> 6] & (1L << a)) != 0 && (gate[b >>> 6] & (1L << b)) != 0) {
            return true;
        }
        return length >= PREFIX_KEY && startsPrefix(f0, f1, f2, fold(text[start + 3]));
    }

    /**
     * The bloom key of a word: its length and five folded chars (the first three and the last two), which tell apart
     * almost all words of a language without reading the whole word: "trace" and "trade" differ in the fourth.
     */
    private static int gateKey(char f0, char f1, char f2, char beforeLast, char last, int length) {
        return mix(((((f0 * 31 + f1) * 31 + f2) * 31 + beforeLast) * 31 + last) * 64 + Math.min(length, 63));
    }

    private boolean startsPrefix(char f0, char f1, char f2, char f3) {
        int bit = prefixStart(f0, f1, f2, f3);
        return (prefixStarts[bit >>> 6] & (1L << bit)) != 0;
    }

    /**
     * Reports every entry filed under the word {@code text[start, end)}: a word or phrase that contains it (the span
     * reported may start before {@code start}), or a prefix entry it starts with.
     */
    public void lookup(char[] text, int start, int end, Sink sink) {
        int hash = 0;
        for (int j = start; j < end; j++) {
            hash = step(hash, Chars.fold(text[j]));
        }
        probe(text, start, end, wordKey(hash, end - start), sink);
        if (end - start >= PREFIX_KEY
                && startsPrefix(
                        fold(text[start]), fold(text[start + 1]), fold(text[start + 2]), fold(text[start + 3]))) {
            int h = 0;
            for (int k = start; k < start + PREFIX_KEY; k++) {
                h = step(h, Chars.fold(text[k]));
            }
            probe(text, start, end, prefixKey(h), sink);
        }
    }

    private int find(int key) {
        int slot = key & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void probe(char[] text, int start, int end, int key, Sink sink) {
        int slot = find(key);
        if (keys[slot] == 0) {
            return;
        }
        for (int e = heads[slot]; e >= 0; e = next[e]) {
            Entry entry = entries[e];
            if (!wordMatches(entry.words[entry.anchor], entry.prefixKeyed(), text, start, end)) {
                continue;
            }
            int matchStart = wordsBefore(entry, text, start);
            int matchEnd = matchStart < 0 ? -1 : wordsAfter(entry, text, end);
            if (matchEnd > 0) {
                sink.keyword(matchStart, matchEnd, entry.payload);
            }
        }
    }

    private static boolean wordMatches(char[] word, boolean prefix, char[] text, int start, int end) {
        int length = end - start;
        if (prefix ? length < word.length : length != word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (Chars.fold(text[start + k]) != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** Start of the entry's words before its anchor, ending just before {@code start}, or -1. */
    private static int wordsBefore(Entry entry, char[] text, int start) {
        int wordStart = start;
        for (int w = entry.anchor - 1; w >= 0; w--) {
            int p = wordStart;
            int limit = Math.max(0, p - MAX_SEPARATORS);
            while (p > limit && !Chars.isWord(text[p - 1])) {
                p--;
            }
            if (p == wordStart || p == 0 || !Chars.isWord(text[p - 1])) {
                return -1;
            }
            int wordEnd = p;
            while (p > 0 && Chars.isWord(text[p - 1])) {
                p--;
            }
            if (!wordMatches(entry.words[w], false, text, p, wordEnd)) {
                return -1;
            }
            wordStart = p;
        }
        return wordStart;
    }

    /** End of the entry's words after its anchor, starting just after {@code end}, or -1. */
    private static int wordsAfter(Entry entry, char[] text, int end) {
        char[][] words = entry.words;
        int wordEnd = end;
        for (int w = entry.anchor + 1; w < words.length; w++) {
            int p = wordEnd;
            int limit = Math.min(text.length, p + MAX_SEPARATORS);
            while (p < limit && !Chars.isWord(text[p])) {
                p++;
            }
            if (p == wordEnd || p >= text.length || !Chars.isWord(text[p])) {
                return -1;
            }
            int wordStart = p;
            while (p < text.length && Chars.isWord(text[p])) {
                p++;
            }
            if (!wordMatches(words[w], entry.prefix && w == words.length - 1, text, wordStart, p)) {
                return -1;
            }
            wordEnd = p;
        }
        return wordEnd;
    }

    /** Collects entries; not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        /**
         * Adds a word or phrase. Words are separated by anything that is not a letter or digit; a trailing {@code *}
         * makes the last word a prefix.
         *
         * @return null when added, else why the term was refused
         */
        public String add(String term, int payload) {
            String t = term.strip();
            boolean prefix = t.endsWith("*");
            if (prefix) {
                t = t.substring(0, t.length() - 1);
            }
            List<char[]> words = new ArrayList<>();
            int i = 0;
            while (i < t.length()) {
                while (i < t.length() && !Chars.isWord(t.charAt(i))) {
                    i++;
                }
                int s = i;
                while (i < t.length() && Chars.isWord(t.charAt(i))) {
                    i++;
                }
                if (i > s) {
                    words.add(Chars.fold(t.substring(s, i)).toCharArray());
                }
            }
            if (words.isEmpty()) {
                return "term has no letters or digits";
            }
            if (prefix && words.size() == 1 && words.get(0).length < PREFIX_KEY) {
                return "a prefix term needs at least " + PREFIX_KEY + " letters before '*'";
            }
            entries.add(new Entry(words.toArray(new char[0][]), anchor(words, prefix), prefix, payload));
            return null;
        }

        /** The longest whole word of a phrase (the first on ties): rare in text, so few lookups. */
        private static int anchor(List<char[]> words, boolean prefix) {
            int whole = prefix && words.size() > 1 ? words.size() - 1 : words.size();
            int anchor = 0;
            for (int w = 1; w < whole; w++) {
                if (words.get(w).length > words.get(anchor).length) {
                    anchor = w;
                }
            }
            return anchor;
        }

        public KeywordIndex build() {
            return new KeywordIndex(entries);
        }
    }
}
