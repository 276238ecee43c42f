package dev.sovereign.redact;

import java.util.ArrayList;
import java.util.HashSet;
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
    private final String[] typeArray;
    // Open addressing over the keys, so a restorer looks a key up as the chars it read, without making a string.
    private final String[] tableKeys;
    private final String[] tableValues;
    private final int mask;

    /** Takes {@code values} (key {@code EMAIL_1} to value, in issue order) as it is: the caller gives it up. */
    Pseudonyms(Map<String, String> values) {
        this(values, typesOf(values));
    }

    /** Takes {@code values} and the {@code types} of their keys as they are: the caller gives them up. */
    Pseudonyms(Map<String, String> values, Set<String> types) {
        this.values = values;
        this.types = types;
        this.typeArray = types.toArray(new String[0]);
        int capacity = Integer.highestOneBit(Math.max(4, values.size()) * 4);
        this.tableKeys = new String[capacity];
        this.tableValues = new String[capacity];
        this.mask = capacity - 1;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            int slot = hash(entry.getKey()) & mask;
            while (tableKeys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            tableKeys[slot] = entry.getKey();
            tableValues[slot] = entry.getValue();
        }
    }

    private static int hash(CharSequence key) {
        int h = key.length();
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    private static Set<String> typesOf(Map<String, String> values) {
        Set<String> types = new HashSet<>();
        for (String key : values.keySet()) {
            types.add(key.substring(0, key.lastIndexOf('_')));
        }
        return types;
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
    String value(CharSequence key) {
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            String candidate = tableKeys[slot];
            if (candidate == null || candidate.contentEquals(key)) {
                return candidate == null ? null : tableValues[slot];
            }
        }
    }

    /** The types of the placeholders issued; not to be modified. */
    String[] types() {
        return typeArray;
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
