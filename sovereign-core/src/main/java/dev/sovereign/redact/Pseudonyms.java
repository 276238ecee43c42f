package dev.sovereign.redact;

import java.util.ArrayList;
import java.util.Collection;
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
    public static final Pseudonyms NONE = new Pseudonyms(List.of(), List.of(), Set.of());

    /** Normalised keys ({@code EMAIL_1}) in issue order, and their values. */
    private final List<String> keys;

    private final Set<String> types;
    private final String[] typeArray;
    // Open addressing over the keys, so a restorer looks a key up as the chars it read, without making a string.
    private final String[] tableKeys;
    private final String[] tableValues;
    private final int mask;

    /** Pseudonyms of {@code values} (key {@code EMAIL_1} to value, in issue order). */
    Pseudonyms(Map<String, String> values) {
        this(List.copyOf(values.keySet()), List.copyOf(values.values()), typesOf(values.keySet()));
    }

    /** Takes the keys, their values and the keys' types as they are: the caller gives them up. */
    Pseudonyms(List<String> keys, List<String> values, Set<String> types) {
        this.keys = keys;
        this.types = types;
        this.typeArray = types.toArray(new String[0]);
        int capacity = Integer.highestOneBit(Math.max(4, keys.size()) * 4);
        this.tableKeys = new String[capacity];
        this.tableValues = new String[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < keys.size(); i++) {
            int slot = hash(keys.get(i)) & mask;
            while (tableKeys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            tableKeys[slot] = keys.get(i);
            tableValues[slot] = values.get(i);
        }
    }

    private static int hash(CharSequence key) {
        int h = key.length();
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    private static Set<String> typesOf(Collection<String> keys) {
        Set<String> types = new HashSet<>();
        for (String key : keys) {
            types.add(key.substring(0, key.lastIndexOf('_')));
        }
        return types;
    }

    /** Number of distinct values replaced. */
    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The value behind a placeholder in its issued form ({@code ⟦EMAIL_1⟧}). */
    public Optional<String> original(String placeholder) {
        if (placeholder.length() < 2
                || placeholder.charAt(0) != Placeholder.OPEN
                || placeholder.charAt(placeholder.length() - 1) != Placeholder.CLOSE) {
            return Optional.empty();
        }
        return Optional.ofNullable(value(placeholder.substring(1, placeholder.length() - 1)));
    }

    /** The placeholders issued, in order of first occurrence in the request. */
    public List<String> placeholders() {
        List<String> out = new ArrayList<>(keys.size());
        for (String key : keys) {
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
        return "Pseudonyms[" + keys.size() + (keys.size() == 1 ? " value]" : " values]");
    }
}
