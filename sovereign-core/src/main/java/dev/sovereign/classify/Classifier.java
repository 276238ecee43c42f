package dev.sovereign.classify;

import dev.sovereign.classify.internal.Engine;
import dev.sovereign.classify.internal.EngineBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The cost is therefore nearly independent of the number of detectors and dictionary entries.
 *
 * <p>Immutable and thread-safe: build one instance from configuration and share it. {@link #scan} allocates only for
 * what it finds.
 */
public final class Classifier {
    /** Category of a binary part (image, PDF) that was not classified. */
    public static final String BINARY = "content.binary";

    private static final class DefaultHolder {
        static final Classifier DEFAULT = builder().build();
    }

    private final Engine engine;

    private Classifier(Engine engine) {
        this.engine = engine;
    }

    /** The whole default catalogue with the default confidence threshold (0.5). Built once, shared. */
    public static Classifier defaults() {
        return DefaultHolder.DEFAULT;
    }

    /** A builder starting from the default catalogue. */
    public static Builder builder() {
        return new Builder();
    }

    /** Findings in one segment of text, ordered by start offset. Structural findings never overlap each other. */
    public List<Finding> scan(CharSequence text) {
        return engine.scan(Objects.requireNonNull(text, "text"));
    }

    /**
     * Classifies a request: the findings of each text segment, with category counts; binary segments count as
     * {@link #BINARY} and each declared label as {@code label.<name>}.
     */
    public Classification classify(List<TextSegment> segments, Set<String> declaredLabels) {
        List<Classification.SegmentFindings> results = new ArrayList<>(segments.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (TextSegment segment : segments) {
            if (segment.binary()) {
                counts.merge(BINARY, 1, Integer::sum);
                results.add(new Classification.SegmentFindings(segment, List.of()));
                continue;
            }
            List<Finding> findings = scan(segment.text());
            for (Finding finding : findings) {
                counts.merge(finding.category(), 1, Integer::sum);
            }
            results.add(new Classification.SegmentFindings(segment, findings));
        }
        for (String label : declaredLabels) {
            String name = label.strip().toLowerCase(java.util.Locale.ROOT);
            if (!name.isEmpty()) {
                counts.merge(name.startsWith("label.") ? name : "label." + name, 1, Integer::sum);
            }
        }
        return new Classification(results, counts);
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

        /** Findings below this confidence are dropped; default 0.5. */
        public Builder minConfidence(double value) {
            engine.minConfidence(value);
            return this;
        }

        public Classifier build() {
            return new Classifier(engine.build());
        }
    }
}
