package dev.sovereign.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The placeholders of one request and the values they stand for. Kept in memory for the life of the request only:
 * never logged, audited or stored ({@link #toString} shows only how many values there are). Immutable and
 * thread-safe; {@link #restorer} gives the per-answer restorer.
 */
public final class Pseudonyms {
    /** No pseudonyms: a masked or untouched request. Its restorers pass text through unchanged. */
    public static final Pseudonyms NONE = new Pseudonyms(Map.of());

    /** Normalised key ({@code EMAIL_1}) to value, in issue order. */
    private final Map<String, String> values;

    private final Set<String> types;

    Pseudonyms(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Set<String> types = new HashSet<>();
        for (String key : values.keySet()) {
            types.add(key.substring(0, key.lastIndexOf('_')));
        }
        this.types = Set.copyOf(types);
    }

    /** Number of distinct values replaced. */
    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value behind a placeholder in its issued form ({@code ⟦EMAIL_1⟧}). */
    public Optional<String> original(String placeholder) {
        if (placeholder.length() < 2
                || placeholder.charAt(0) != Placeholder.OPEN
                || placeholder.charAt(placeholder.length() - 1) != Placeholder.CLOSE) {
            return Optional.empty();
        }
        return Optional.ofNullable(values.get(placeholder.substring(1, placeholder.length() - 1)));
    }

    /** The placeholders issued, in order of first occurrence in the request. */
    public List<String> placeholders() {
        List<String> out = new ArrayList<>(values.size());
        for (String key : values.keySet()) {
            out.add(Placeholder.OPEN + key + Placeholder.CLOSE);
        }
        return out;
    }

    /** A restorer for one answer to this request. */
    public Restorer restorer() {
        return new Restorer(this);
    }

    /** The value of a normalised key ({@code EMAIL_1}), or null. */
    String value(String key) {
        return values.get(key);
    }

    /** The types of the placeholders issued. */
    Set<String> types() {
        return types;
    }

    /** Whether {@code type} is the type of a placeholder issued in this request. */
    boolean issuedType(String type) {
        return types.contains(type);
    }

    @Override
    public String toString() {
        return "Pseudonyms[" + values.size() + (values.size() == 1 ? " value]" : " values]");
    }
}
