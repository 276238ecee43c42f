package dev.sovereign.classify.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The features of one candidate word for the person-name model: the word itself, its suffixes and shape, its
 * neighbours two words either way and their kinds, whether it starts a sentence, follows a title ("Mr", "Frau",
 * "Sra"), or is a known given name or surname (the engine's own lists and the gazetteers), a common word of the six
 * languages, a place, or among the 1,000, 5,000 or 12,000 most frequent words of one of them. Training and detection
 * call the same {@link #generate}: training keeps each feature as a string, detection hashes it ({@link #hash}) without
 * making one.
 * Stateless apart from the caller's {@link Buffer}; thread-safe.
 */
public final class NameFeatures {
    /** Receives the features of one word. */
    public interface Sink {
        void feature(char[] chars, int length);
    }

    /** Scratch for one feature; one per thread. */
    public static final class Buffer {
        final char[] chars = new char[80];
        int length;

        Buffer start(String prefix) {
            length = 0;
            for (int k = 0; k < prefix.length(); k++) {
                chars[length++] = prefix.charAt(k);
            }
            return this;
        }

        Buffer lower(NameTokens t, int i, int from) {
            int s = t.start[i];
            for (int k = Math.max(s, from); k < t.end[i] && length < chars.length; k++) {
                chars[length++] = Character.toLowerCase(t.text[k]);
            }
            return this;
        }

        Buffer add(char c) {
            if (length < chars.length) {
                chars[length++] = c;
            }
            return this;
        }
    }

    private static final String ROOT = "/dev/sovereign/classify/names/";
    static final long[] GIVEN = hashes(false, ROOT + "given.txt", ROOT + "gazetteer-given.txt");
    static final long[] SURNAMES = hashes(false, ROOT + "surnames.txt", ROOT + "gazetteer-surnames.txt");
    static final long[] COMMON = hashes(false, ROOT + "common-words.txt");
    static final long[] NOT_NAMES = hashes(false, ROOT + "not-names.txt");
    static final long[] PLACES = places();
    /** Upper bounds (exclusive) of the ranks of each frequency band ({@code frequent-words.txt}). */
    private static final int[] FREQUENCY_BANDS = {1_000, 5_000, 12_000};
    /** Per band, hashes of the words whose best rank in any language falls in it. */
    static final long[][] FREQUENT = frequent();

    static final Set<String> TITLES = Set.of(
            "mr",
            "mrs",
            "ms",
            "miss",
            "dr",
            "prof",
            "sir",
            "madam",
            "m",
            "mme",
            "mlle",
            "monsieur",
            "madame",
            "herr",
            "frau",
            "sr",
            "sra",
            "srta",
            "señor",
            "señora",
            "don",
            "doña",
            "sres",
            "sig",
            "signor",
            "signora",
            "onorevole",
            "onorevoli",
            "dott",
            "dhr",
            "mevr",
            "mevrouw",
            "meneer");

    private NameFeatures() {}

    /** Bytes held by the word lists the features read (hashes of given names, surnames, common words, places). */
    public static long listBytes() {
        long frequent = 0;
        for (long[] band : FREQUENT) {
            frequent += band.length;
        }
        return 8L * (GIVEN.length + SURNAMES.length + COMMON.length + NOT_NAMES.length + PLACES.length + frequent);
    }

    /**
     * Whether word {@code i} is one the model reads: capitalised ({@link NameTokens#candidate}) and not a title, office
     * or month ({@code not-names.txt}).
     */
    public static boolean candidate(NameTokens t, int i) {
        return t.candidate(i) && !notAName(t, i);
    }

    /** Whether {@code text[start, end)} is a title, office or month ({@code not-names.txt}). */
    static boolean notAName(CharSequence text, int start, int end) {
        long h = FNV_OFFSET;
        for (int k = start; k < end; k++) {
            h = (h ^ Character.toLowerCase(text.charAt(k))) * FNV_PRIME;
        }
        return Arrays.binarySearch(NOT_NAMES, h) >= 0;
    }

    /** Whether word {@code i} of {@code t} is a title, office or month ({@code not-names.txt}). */
    static boolean notAName(NameTokens t, int i) {
        return (t.dictionaries(i) & NameScoring.NOT_A_NAME_BIT) != 0;
    }

    /** The features of candidate word {@code i} of {@code t}. */
    public static void generate(NameTokens t, int i, Buffer b, Sink sink) {
        emit(b.start("b"), sink);
        emit(b.start("w=").lower(t, i, 0), sink);
        int length = t.length(i);
        if (length >= 4) {
            emit(b.start("s3=").lower(t, i, t.end[i] - 3), sink);
        }
        if (length >= 6) {
            emit(b.start("s4=").lower(t, i, t.end[i] - 4), sink);
        }
        shape(t, i, b.start("sh="));
        emit(b, sink);
        boolean start = t.sentenceStart(i);
        if (start) {
            emit(b.start("st"), sink);
        }
        neighbour(t, i - 1, start, "p1=", b, sink);
        neighbour(t, i - 2, start || i > 0 && t.sentenceStart(i - 1), "p2=", b, sink);
        neighbour(t, i + 1, false, "n1=", b, sink);
        neighbour(t, i + 2, false, "n2=", b, sink);
        char pc = start ? '^' : kind(t, i - 1);
        char nc = kind(t, i + 1);
        emit(b.start("pc=").add(pc), sink);
        emit(b.start("nc=").add(nc), sink);
        emit(b.start("pn=").add(pc).add(nc), sink);
        dictionaries(t, i, "d", b, sink);
        if (!start) {
            dictionaries(t, i - 1, "pd", b, sink);
        }
        if (i + 1 < t.count) {
            dictionaries(t, i + 1, "nd", b, sink);
        }
        if (!start && (title(t, i - 1) || i >= 2 && t.is(i - 1, '.') && title(t, i - 2))) {
            emit(b.start("pt"), sink);
        }
    }

    private static void emit(Buffer b, Sink sink) {
        sink.feature(b.chars, b.length);
    }

    private static void neighbour(NameTokens t, int j, boolean beyondStart, String prefix, Buffer b, Sink sink) {
        if (j < 0 || beyondStart) {
            emit(b.start(prefix).add('^'), sink);
        } else if (j >= t.count) {
            emit(b.start(prefix).add('$'), sink);
        } else {
            emit(b.start(prefix).lower(t, j, 0), sink);
        }
    }

    /** A word's kind: C candidate, I initial, L lower case, U other letters, D digits, else the punctuation char. */
    static char kind(NameTokens t, int j) {
        if (j < 0) {
            return '^';
        }
        if (j >= t.count) {
            return '$';
        }
        if (t.candidate(j)) {
            return 'C';
        }
        char c = t.text[t.start[j]];
        if (t.initial(j)) {
            return 'I';
        }
        if (Character.isLowerCase(c)) {
            return 'L';
        }
        if (Character.isLetter(c)) {
            return 'U';
        }
        if (Character.isDigit(c)) {
            return 'D';
        }
        return c;
    }

    /** "Xx", "Xx-Xx", "XxXx", "Xx'Xx": runs of one kind of char collapsed. */
    private static void shape(NameTokens t, int i, Buffer b) {
        char last = 0;
        for (int k = t.start[i]; k < t.end[i]; k++) {
            char c = t.text[k];
            char s = Character.isUpperCase(c)
                    ? 'X'
                    : Character.isLowerCase(c) ? (c < 128 ? 'x' : 'a') : Character.isDigit(c) ? 'd' : c;
            if (s != last) {
                b.add(s);
                last = s;
            }
        }
    }

    private static void dictionaries(NameTokens t, int j, String prefix, Buffer b, Sink sink) {
        if (!t.candidate(j)) {
            return;
        }
        long h = hashLower(t, j);
        if (Arrays.binarySearch(GIVEN, h) >= 0) {
            emit(b.start(prefix).add('g'), sink);
        }
        if (Arrays.binarySearch(SURNAMES, h) >= 0) {
            emit(b.start(prefix).add('s'), sink);
        }
        if (Arrays.binarySearch(COMMON, h) >= 0) {
            emit(b.start(prefix).add('c'), sink);
        }
        if (Arrays.binarySearch(PLACES, h) >= 0) {
            emit(b.start(prefix).add('p'), sink);
        }
        for (int band = 0; band < FREQUENT.length; band++) {
            if (Arrays.binarySearch(FREQUENT[band], h) >= 0) {
                emit(b.start(prefix).add('f').add((char) ('1' + band)), sink);
                break;
            }
        }
    }

    static boolean title(NameTokens t, int j) {
        if (j < 0 || t.length(j) > 9) {
            return false;
        }
        for (String title : TITLES) {
            if (t.equalsLower(j, title)) {
                return true;
            }
        }
        return false;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    /** 64-bit FNV-1a of the chars: the key of a feature in the compiled model. */
    public static long hash(char[] chars, int length) {
        long h = FNV_OFFSET;
        for (int k = 0; k < length; k++) {
            h = (h ^ chars[k]) * FNV_PRIME;
        }
        return h;
    }

    public static long hash(String feature) {
        return hash(feature.toCharArray(), feature.length());
    }

    private static long hashLower(NameTokens t, int j) {
        return hashLower(t.text, t.start[j], t.end[j]);
    }

    /** 64-bit FNV-1a of {@code text[start, end)} folded to lower case. */
    static long hashLower(char[] text, int start, int end) {
        long h = FNV_OFFSET;
        for (int k = start; k < end; k++) {
            h = (h ^ lower(text[k])) * FNV_PRIME;
        }
        return h;
    }

    /** {@link Character#toLowerCase(char)}, without its table lookup for ASCII. */
    static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Hashes of the lines of lists, lower case; with {@code words}, of each word of each line. */
    private static long[] hashes(boolean words, String... resources) {
        Set<Long> set = new TreeSet<>();
        for (String resource : resources) {
            read(resource, line -> add(set, line, words));
        }
        return toArray(set);
    }

    /** Words of country names ({@code countries.txt}) and of the city list of the address detector. */
    private static long[] places() {
        Set<Long> set = new TreeSet<>();
        read(ROOT + "countries.txt", line -> add(set, line, true));
        read("/dev/sovereign/classify/address/cities.txt", line -> {
            String[] fields = line.split("\\|");
            for (int k = 2; k < fields.length; k++) {
                add(set, fields[k], true);
            }
        });
        return toArray(set);
    }

    /**
     * The frequency bands of the words of {@code frequent-words.txt}: each language's list is in order of frequency and
     * opens with a line "= lang"; a word counts in the band of its best rank in any language.
     */
    private static long[][] frequent() {
        java.util.Map<Long, Integer> best = new java.util.HashMap<>();
        int[] rank = {0};
        read(ROOT + "frequent-words.txt", line -> {
            if (line.startsWith("=")) {
                rank[0] = 0;
                return;
            }
            Set<Long> word = new TreeSet<>();
            add(word, line, false);
            for (long h : word) {
                best.merge(h, rank[0], Math::min);
            }
            rank[0]++;
        });
        long[][] bands = new long[FREQUENCY_BANDS.length][];
        for (int band = 0; band < bands.length; band++) {
            int from = band == 0 ? 0 : FREQUENCY_BANDS[band - 1];
            int to = FREQUENCY_BANDS[band];
            Set<Long> set = new TreeSet<>();
            best.forEach((h, r) -> {
                if (r >= from && r < to) {
                    set.add(h);
                }
            });
            bands[band] = toArray(set);
        }
        return bands;
    }

    private static void add(Set<Long> set, String text, boolean words) {
        for (String word : words ? text.split("[\\s,()./]+") : new String[] {text.strip()}) {
            if (!word.isEmpty()) {
                char[] lower = new char[word.length()];
                for (int k = 0; k < lower.length; k++) {
                    lower[k] = Character.toLowerCase(word.charAt(k));
                }
                set.add(hash(lower, lower.length));
            }
        }
    }

    private static void read(String resource, java.util.function.Consumer<String> lines) {
        InputStream in = NameFeatures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("built-in word list missing: " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!content.isEmpty()) {
                    lines.accept(content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] toArray(Set<Long> set) {
        return set.stream().mapToLong(Long::longValue).toArray();
    }
}
