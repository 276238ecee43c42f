package dev.sovereign.classify;

import dev.sovereign.classify.internal.DetectionView;
import dev.sovereign.classify.internal.Engine;
import dev.sovereign.classify.internal.EngineBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds sensitive data in text: personal data of EU and other countries, GDPR special categories, financial
 * identifiers, credentials, and an organisation's own detectors.
 *
 * <p>One pass over each segment finds candidates (words looked up in one dictionary index; digit runs and capitalised
 * codes parsed by shape), then each candidate is validated by its check digits and weighed by nearby context words.
 * The cost is therefore nearly independent of the number of detectors and dictionary entries. Person names are also
 * read by a named-entity model, on the capitalised words of a text only, and weighed with the cue and dictionary
 * findings.
 *
 * <p>Immutable and thread-safe: build one instance from configuration and share it. {@link #scan} allocates only for
 * what it finds, and for the words of a text that has capitalised ones (the name model's tokens).
 */
public final class Classifier {
    /** Category of a binary part (image, PDF) that was not classified. */
    public static final String BINARY = "content.binary";

    private static final class DefaultHolder {
        static final Classifier DEFAULT = builder().build();
    }

    private final Engine engine;
    private final CleanTexts clean;

    /** Texts up to this length are scanned once per request however often they occur in it. */
    private static final int SHORT = CleanTexts.MAX_LENGTH;

    /** Default number of short clean texts remembered across requests ({@link Builder#cleanTextCache}). */
    public static final int DEFAULT_CLEAN_TEXTS = 8192;

    private Classifier(Engine engine, int cleanTexts) {
        this.engine = engine;
        this.clean = new CleanTexts(cleanTexts);
    }

    /** The whole default catalogue with the default confidence threshold (0.5). Built once, shared. */
    public static Classifier defaults() {
        return DefaultHolder.DEFAULT;
    }

    /** A builder starting from the default catalogue. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Findings in one segment of text, ordered by start offset. Structural findings of the text itself never overlap
     * each other.
     *
     * <p>When the text has invisible, encoded or look-alike characters, the detectors also read a normalised view of it
     * ({@link DetectionView}: invisible format characters removed, NFKC, digits of other scripts and confusable letters
     * of identifiers folded to ASCII, percent-encoding and HTML character references decoded), and each finding of the
     * view that the text itself did not give is mapped back to the original offsets, so that its span covers the whole
     * original value, invisible characters included. The text itself is read too, so that a custom pattern written for
     * the characters as they are still matches.
     */
    public List<Finding> scan(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return withView(text, engine.scanText(text));
    }

    /** The findings of {@code text}, given the engine's scan of the text itself, with those of its view if it has one. */
    private List<Finding> withView(CharSequence text, Engine.Scanned scanned) {
        List<Finding> original = scanned.findings();
        if (scanned.plain()) return original;
        DetectionView view =
                scanned.foldable() ? DetectionView.of(text.toString()) : DetectionView.decoded(text.toString());
        if (view == null) return original;
        List<Finding> found = engine.scan(view.text());
        if (found.isEmpty()) return original;
        // A finding of the view stands unless the text gave the same value whole; it replaces what the text gave of
        // it in part ("doe@example.org" of "jane\u200b.doe@example.org"), so that nothing of the value stays.
        List<Finding> merged = new ArrayList<>(original);
        boolean changed = false;
        for (Finding f : found) {
            int start = view.originalStart(f.start());
            int end = Math.max(start, view.originalEnd(f.end()));
            if (containsSameCategory(original, f.category(), start, end)) continue;
            merged.removeIf(o -> o.category().equals(f.category()) && o.start() >= start && o.end() <= end);
            merged.add(new Finding(f.category(), start, end, f.confidence(), f.detector()));
            changed = true;
        }
        if (!changed) return original;
        merged.sort(java.util.Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return merged;
    }

    /** Whether a finding of {@code category} spans all of {@code [start, end)}. */
    private static boolean containsSameCategory(List<Finding> findings, String category, int start, int end) {
        for (Finding f : findings) {
            if (f.start() <= start && f.end() >= end && f.category().equals(category)) return true;
        }
        return false;
    }

    /**
     * Classifies a request: the findings of each text segment, with category counts; binary segments count as
     * {@link #BINARY} and each declared label as {@code label.<name>}.
     *
     * <p>A value split between two consecutive text segments (two content blocks, two messages) is found in a joined
     * view of the end of one and the start of the next: each part gets a finding of its own over the characters it
     * holds, and the value is counted once.
     */
    public Classification classify(List<TextSegment> segments, Set<String> declaredLabels) {
        List<List<Finding>> shortFindings = scanShortTexts(segments);
        List<List<Finding>> found = new ArrayList<>(segments.size());
        Map<String, Integer> counts = new TreeMap<>();
        int nextShort = 0;
        for (TextSegment segment : segments) {
            if (segment.binary()) {
                counts.merge(BINARY, 1, Integer::sum);
                found.add(List.of());
                continue;
            }
            List<Finding> findings =
                    segment.text().length() <= SHORT ? shortFindings.get(nextShort++) : scan(segment.text());
            for (Finding finding : findings) {
                counts.merge(finding.category(), 1, Integer::sum);
            }
            found.add(findings);
        }
        JoinedViews.scan(this, segments, found, counts);
        List<Classification.SegmentFindings> results = new ArrayList<>(segments.size());
        for (int k = 0; k < segments.size(); k++) {
            results.add(new Classification.SegmentFindings(segments.get(k), found.get(k)));
        }
        for (String label : declaredLabels) {
            String name = label.strip().toLowerCase(java.util.Locale.ROOT);
            if (!name.isEmpty()) {
                counts.merge(name.startsWith("label.") ? name : "label." + name, 1, Integer::sum);
            }
        }
        return new Classification(results, counts);
    }

    /**
     * The findings of each short text segment ({@link #SHORT} chars at most), in segment order. Keys, ids, enum-like
     * values and numbers are most of a request's pieces and repeat across it (each tool call's input has its tool's
     * keys): each distinct short text is scanned once per request, and all of them in one engine call ({@link
     * Engine#scanEach}), which reads each text on its own. Findings are offsets into the text itself, so pieces with the
     * same text share them. A text found clean by an earlier request ({@link CleanTexts}) is not read again.
     */
    private List<List<Finding>> scanShortTexts(List<TextSegment> segments) {
        Map<String, Integer> index = null;
        List<String> distinct = null;
        int[] slots = null;
        int count = 0;
        for (TextSegment segment : segments) {
            String text = segment.text();
            if (segment.binary() || text.length() > SHORT) continue;
            if (index == null) {
                index = new HashMap<>(Math.max(16, segments.size() * 2));
                distinct = new ArrayList<>();
                slots = new int[segments.size()];
            }
            if (clean.contains(text)) {
                slots[count++] = -1;
                continue;
            }
            Integer slot = index.putIfAbsent(text, distinct.size());
            if (slot == null) {
                slot = distinct.size();
                distinct.add(text);
            }
            slots[count++] = slot;
        }
        if (count == 0) return List.of();
        List<List<Finding>> byText = new ArrayList<>(distinct.size());
        if (!distinct.isEmpty()) {
            List<Engine.Scanned> scanned = engine.scanEach(distinct);
            for (int k = 0; k < distinct.size(); k++) {
                List<Finding> findings = withView(distinct.get(k), scanned.get(k));
                if (findings.isEmpty()) clean.add(distinct.get(k));
                byText.add(findings);
            }
        }
        List<List<Finding>> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(slots[k] < 0 ? List.of() : byText.get(slots[k]));
        }
        return out;
    }

    /** Whether {@code text} is among the short texts this classifier found clean before (for tests). */
    boolean remembersClean(String text) {
        return clean.contains(text);
    }

    /** Number of dictionary entries loaded (built-in and custom). */
    public int dictionarySize() {
        return engine.keywordCount();
    }

    /**
     * Configures a classifier. Every method validates at once and throws {@link ClassifierConfigurationException}
     * naming the file, line and problem. Not thread-safe.
     */
    public static final class Builder {
        private final EngineBuilder engine = new EngineBuilder().defaults();
        private int cleanTexts = DEFAULT_CLEAN_TEXTS;

        private Builder() {}

        /** Adds a keyword dictionary reported as {@code custom.<name>} (whole words, {@code term*} for prefixes). */
        public Builder keywords(String name, Iterable<String> terms) {
            engine.keywords(name, terms, 0.9);
            return this;
        }

        /** Adds a keyword dictionary file, one term per line, {@code #} comments. */
        public Builder keywords(String name, Path file) {
            engine.keywords(name, file, 0.9);
            return this;
        }

        /** Adds an RE2/J regular expression reported as {@code custom.<name>}. */
        public Builder pattern(String name, String regex) {
            engine.pattern(name, regex, 0.9, "pattern " + name, 0);
            return this;
        }

        /** Adds a file of patterns, one {@code name: regex} per line. */
        public Builder patterns(Path file) {
            engine.patterns(file, 0.9);
            return this;
        }

        /** Adds an exact-data-match file of salted fingerprints reported as {@code custom.<name>}. */
        public Builder exactDataMatch(String name, Path file) {
            engine.exactMatch(name, file);
            return this;
        }

        /** Turns off the detectors of a category or family ({@code pii.person_name}, {@code special}). */
        public Builder disable(String categoryPrefix) {
            engine.disable(categoryPrefix);
            return this;
        }

        /** Runs only the built-in detectors of these categories or families (custom detectors always run). */
        public Builder only(String categoryPrefix) {
            engine.only(categoryPrefix);
            return this;
        }

        /**
         * Whether person names are also read by the built-in name model (default {@code true}); {@code false} leaves only
         * the cue and dictionary heuristics, which are cheaper and find far fewer names.
         */
        public Builder personNameModel(boolean on) {
            engine.nameModel(on);
            return this;
        }

        /**
         * Also looks for phone numbers in the national format of these regions (ISO 3166 alpha-2), besides the EU, the
         * EEA, the United Kingdom, Switzerland, the United States and Canada. Numbers written with {@code +} or
         * {@code 00} are found for every country anyway.
         */
        public Builder phoneRegions(Iterable<String> regions) {
            engine.phoneRegions(regions);
            return this;
        }

        /**
         * How many short texts (keys, enum values, schema words: up to 64 chars, no digit) found clean are remembered
         * so that later requests skip them; default {@value Classifier#DEFAULT_CLEAN_TEXTS}, 0 remembers none. Each
         * takes at most about 200 bytes.
         */
        public Builder cleanTextCache(int entries) {
            if (entries < 0)
                throw new ClassifierConfigurationException("cleanTextCache", 0, "must be at least 0, was " + entries);
            this.cleanTexts = entries;
            return this;
        }

        /** Findings below this confidence are dropped; default 0.5. */
        public Builder minConfidence(double value) {
            engine.minConfidence(value);
            return this;
        }

        public Classifier build() {
            return new Classifier(engine.build(), cleanTexts);
        }
    }
}
