package dev.sovereign.index;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Enterprise AI Sovereignty Index as published in the 2026 analysis ("Anthropic is now AWS
 * infrastructure"): totals only, no sub-scores, weights 35/30/20/15.
 */
public final class PublishedIndex {
    public static final LocalDate DATE = LocalDate.of(2026, 4, 20);
    public static final Map<String, Integer> SCORES;

    static {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("anthropic", 22);
        s.put("openai", 14);
        s.put("google-gemini", 19);
        s.put("mistral", 61);
        s.put("self-hosted-open-weights", 91);
        SCORES = java.util.Collections.unmodifiableMap(s);
    }

    private PublishedIndex() {}
}
