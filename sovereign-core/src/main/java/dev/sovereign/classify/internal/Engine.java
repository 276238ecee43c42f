package dev.sovereign.classify.internal;

import dev.sovereign.classify.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled configuration of a classifier: the keyword index with its payloads, the city list, which detectors are
 * on, custom patterns and exact-data-match sets, and the confidence threshold. Immutable; one scan creates one
 * {@link Scan}.
 */
public final class Engine {
    final KeywordIndex index;
    final Payload[] payloads;
    final boolean[] enabled;
    final boolean addresses;
    final PatternSet patterns;
    final List<ExactMatchSet> exactMatches;
    final double minConfidence;
    final Cities cities;
    /** The person-name model, or null when the built-in catalogue is not loaded. */
    final NameModel names;
    /** The regions a phone number in national format is tried against. */
    final List<String> phoneRegions;

    Engine(
            KeywordIndex index,
            Payload[] payloads,
            boolean[] enabled,
            List<CustomPattern> patterns,
            List<ExactMatchSet> exactMatches,
            double minConfidence,
            Cities cities,
            NameModel names,
            List<String> phoneRegions) {
        this.index = index;
        this.names = names;
        this.phoneRegions = List.copyOf(phoneRegions);
        this.cities = cities;
        this.payloads = payloads;
        this.enabled = enabled;
        this.addresses = enabled[Kind.POSTAL_ADDRESS.ordinal()];
        this.patterns = new PatternSet(patterns);
        this.exactMatches = List.copyOf(exactMatches);
        this.minConfidence = minConfidence;
    }

    /** Scans one segment. Thread-safe: all scan state lives in the call. */
    public List<Finding> scan(CharSequence text) {
        Scan scan = new Scan(this, text);
        scan.run();
        return scan.finish();
    }

    /**
     * The findings of one segment; whether it has chars outside ASCII that a normalised view may change ({@link
     * DetectionView#mayFold}), and whether it has a {@code %} or {@code &}. A text with neither is its own view.
     */
    public record Scanned(List<Finding> findings, boolean foldable, boolean escapes) {
        public boolean plain() {
            return !foldable && !escapes;
        }
    }

    /** {@link #scan}, saying whether the text is plain. */
    public Scanned scanText(CharSequence text) {
        Scan scan = new Scan(this, text);
        scan.run();
        return new Scanned(scan.finish(), scan.foldable, scan.escapes);
    }

    /**
     * {@link #scanText} of each of {@code texts}, in one call: the texts are scanned one after another by one scan that
     * is {@linkplain Scan#reset reset} between them, so each is read on its own, exactly as {@link #scanText} reads it
     * (no context word, name cue, group of digits or custom pattern reaches from one text into another), and only the
     * scan's state and scratch arrays are made once. For the many short pieces of one request (keys, ids, numbers).
     */
    public List<Scanned> scanEach(List<? extends CharSequence> texts) {
        List<Scanned> out = new ArrayList<>(texts.size());
        Scan scan = null;
        for (CharSequence text : texts) {
            if (scan == null) {
                scan = new Scan(this, text);
            } else {
                scan.reset(text);
            }
            scan.run();
            out.add(new Scanned(scan.finish(), scan.foldable, scan.escapes));
        }
        return out;
    }

    /** Number of dictionary entries (built-in and custom). */
    public int keywordCount() {
        return index.size();
    }

    void runCustom(Scan scan) {
        patterns.scan(scan);
        for (ExactMatchSet set : exactMatches) {
            set.scan(scan);
        }
    }
}
