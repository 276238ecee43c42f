package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A dictionary of words and phrases, looked up once per word of the text.
 *
 * <p>Design note: the scanner already walks the text word by word and folds each char, so it can hash each word on the
 * way at no extra pass. A lookup is then one probe of an open-addressed table keyed by the hash of the folded first
 * word, followed by a char-by-char check of the entry (no false hits from hash collisions) and, for phrases, of the
 * following words. Entries ending in {@code *} match any word that starts with them (at least {@link #PREFIX_KEY}
 * chars), found by a second probe keyed by the word's first {@link #PREFIX_KEY} chars. This is an Aho-Corasick automaton
 * restricted to whole words, which is what every dictionary here wants, at a cost independent of the number of entries.
 * Immutable once built; safe to share between threads.
 */
public final class KeywordIndex {
    /** Length of the key under which prefix entries are filed; shorter prefixes are refused. */
    public static final int PREFIX_KEY = 4;

    private static final int MAX_SEPARATORS = 3;

    private static final int GATE_BITS = 16;

    /**
     * A two-probe bloom filter (one 32-bit hash, 16 bits per probe) over the first word of every entry, keyed by its length and a few folded chars (first,
     * second, last), and over the first {@link #PREFIX_KEY} chars of every prefix entry. A word that fails it cannot
     * match, so the scanner skips hashing and probing it: most words of prose fail it after reading three chars.
     */
    private final long[] gate = new long[1 << (GATE_BITS - 6)];

    private final long[] keys;
    private final int[] heads;
    private final int mask;
    private final Entry[] entries;
    private final int[] next;

    /** Receives each match: the span in the text and the entry's payload. */
    public interface Sink {
        void keyword(int start, int end, int payload);
    }

    private record Entry(char[][] words, boolean prefix, int payload) {}

    private KeywordIndex(List<Entry> list) {
        int capacity = Integer.highestOneBit(Math.max(16, list.size() * 2 - 1)) << 1;
        keys = new long[capacity];
        heads = new int[capacity];
        mask = capacity - 1;
        entries = list.toArray(new Entry[0]);
        next = new int[entries.length];
        java.util.Arrays.fill(heads, -1);
        for (int e = entries.length - 1; e >= 0; e--) {
            Entry entry = entries[e];
            char[] first = entry.words[0];
            boolean prefixEntry = entry.prefix && entry.words.length == 1;
            long key = prefixEntry ? prefixKey(first) : wordKey(first);
            int hash = prefixEntry
                    ? prefixGateHash(first[0], first[1], first[2], first[3])
                    : wordGateHash(first[0], first.length > 1 ? first[1] : 0, first[first.length - 1], first.length);
            gate[(hash & GATE_MASK) >>> 6] |= 1L << hash;
            gate[(hash >>> 16) >>> 6] |= 1L << (hash >>> 16);
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

    private static final int GATE_MASK = (1 << GATE_BITS) - 1;

    private static int wordGateHash(char f0, char f1, char last, int length) {
        return mix(((f0 * 31 + f1) * 31 + last) * 64 + Math.min(length, 63));
    }

    private static int prefixGateHash(char f0, char f1, char f2, char f3) {
        return mix((((f0 * 31 + f1) * 31 + f2) * 31 + f3) ^ 0x5bd1e995);
    }

    /** Murmur3's finaliser: every output bit depends on every input bit. */
    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        return x ^ (x >>> 16);
    }

    private boolean gateHas(int hash) {
        int a = hash & GATE_MASK;
        int b = hash >>> 16;
        return (gate[a >>> 6] & (1L << a)) != 0 && (gate[b >>> 6] & (1L << b)) != 0;
    }

    /** {@link Chars#fold}, with ASCII letters folded by arithmetic. */
    private static char fold(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Chars.fold(c);
    }

    /**
     * Whether some entry could start with the word {@code text[start, end)}: a cheap, allocation-free test on its
     * length and a few folded chars (false positives possible, no false negatives). When false, {@link #lookup}
     * would report nothing.
     */
    public boolean mightStartWith(CharSequence text, int start, int end) {
        int length = end - start;
        char f0 = fold(text.charAt(start));
        char f1 = length > 1 ? fold(text.charAt(start + 1)) : 0;
        if (gateHas(wordGateHash(f0, f1, fold(text.charAt(end - 1)), length))) {
            return true;
        }
        return length >= PREFIX_KEY
                && gateHas(prefixGateHash(f0, f1, fold(text.charAt(start + 2)), fold(text.charAt(start + 3))));
    }

    /** {@link #mightStartWith(CharSequence, int, int)} over a char array. */
    public boolean mightStartWith(char[] text, int start, int end) {
        int length = end - start;
        char f0 = fold(text[start]);
        char f1 = length > 1 ? fold(text[start + 1]) : 0;
        if (gateHas(wordGateHash(f0, f1, fold(text[end - 1]), length))) {
            return true;
        }
        return length >= PREFIX_KEY && gateHas(prefixGateHash(f0, f1, fold(text[start + 2]), fold(text[start + 3])));
    }

    /** Reports every entry that starts with the word {@code text[start, end)}, hashing the word first. */
    public void lookup(CharSequence text, int start, int end, Sink sink) {
        long h = seed();
        long prefixKey = 0;
        for (int j = start; j < end; j++) {
            h = step(h, Chars.fold(text.charAt(j)));
            if (j - start + 1 == PREFIX_KEY) {
                prefixKey = prefixKey(h);
            }
        }
        lookup(text, start, end, wordKey(h, end - start), prefixKey, sink);
    }

    /** Starts the hash of a word. */
    public static long seed() {
        return 0x9E3779B97F4A7C15L;
    }

    /** Adds one folded char to a word hash. */
    public static long step(long hash, char folded) {
        return (hash ^ folded) * 0x100000001B3L;
    }

    private static long finish(long h, int length) {
        h ^= length;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h | 1; // never 0, so 0 marks an empty slot
    }

    /** The table key of a word from its running hash and length. */
    public static long wordKey(long hash, int length) {
        return finish(hash, length);
    }

    /** The table key of a word's first {@link #PREFIX_KEY} chars, from their running hash. */
    public static long prefixKey(long hashOfFirstChars) {
        return finish(hashOfFirstChars, -PREFIX_KEY);
    }

    private static long wordKey(char[] word) {
        long h = seed();
        for (char c : word) {
            h = step(h, c);
        }
        return wordKey(h, word.length);
    }

    private static long prefixKey(char[] word) {
        long h = seed();
        for (int i = 0; i < PREFIX_KEY; i++) {
            h = step(h, word[i]);
        }
        return prefixKey(h);
    }

    private int find(long key) {
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Reports every entry that starts with the word {@code text[start, end)}.
     *
     * @param key {@link #wordKey} of the word
     * @param prefixKey {@link #prefixKey} of its first chars, or 0 when the word is shorter than {@link #PREFIX_KEY}
     */
    public void lookup(CharSequence text, int start, int end, long key, long prefixKey, Sink sink) {
        probe(text, start, end, key, sink);
        if (prefixKey != 0) {
            probe(text, start, end, prefixKey, sink);
        }
    }

    private void probe(CharSequence text, int start, int end, long key, Sink sink) {
        int slot = find(key);
        if (keys[slot] == 0) {
            return;
        }
        for (int e = heads[slot]; e >= 0; e = next[e]) {
            int matchEnd = match(entries[e], text, start, end);
            if (matchEnd > 0) {
                sink.keyword(start, matchEnd, entries[e].payload);
            }
        }
    }

    /** Returns the end of the match of {@code entry} at the word {@code text[start, end)}, or -1. */
    private static int match(Entry entry, CharSequence text, int start, int end) {
        char[][] words = entry.words;
        int wordStart = start;
        int wordEnd = end;
        for (int w = 0; w < words.length; w++) {
            boolean last = w == words.length - 1;
            char[] word = words[w];
            int length = wordEnd - wordStart;
            if (last && entry.prefix ? length < word.length : length != word.length) {
                return -1;
            }
            for (int k = 0; k < word.length; k++) {
                if (Chars.fold(text.charAt(wordStart + k)) != word[k]) {
                    return -1;
                }
            }
            if (last) {
                return wordEnd;
            }
            int p = wordEnd;
            int limit = Math.min(text.length(), p + MAX_SEPARATORS);
            while (p < limit && !Chars.isWord(text.charAt(p))) {
                p++;
            }
            if (p == wordEnd || p >= text.length() || !Chars.isWord(text.charAt(p))) {
                return -1;
            }
            wordStart = p;
            wordEnd = p;
            while (wordEnd < text.length() && Chars.isWord(text.charAt(wordEnd))) {
                wordEnd++;
            }
        }
        return -1;
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
            entries.add(new Entry(words.toArray(new char[0][]), prefix, payload));
            return null;
        }

        public KeywordIndex build() {
            return new KeywordIndex(entries);
        }
    }
}
