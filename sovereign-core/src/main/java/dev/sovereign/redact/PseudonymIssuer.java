package dev.sovereign.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issues the placeholders of one request: the same value always gets the same placeholder, whatever segment or
 * category it was found in; each type is numbered from 1, skipping numbers the request already uses. Not thread-safe.
 */
final class PseudonymIssuer {
    private final Map<String, String> placeholderByValue = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    /** Last number issued per type; its keys are the types issued. */
    private final Map<String, int[]> lastNumber = new HashMap<>();

    private final Set<String> reserved;

    /** @param reserved normalised keys ({@code EMAIL_1}) that occur in the request already and are never issued */
    PseudonymIssuer(Set<String> reserved) {
        this.reserved = reserved;
    }

    /** The placeholder of {@code value}, found as {@code category}. */
    String placeholder(String category, String value) {
        String placeholder = placeholderByValue.get(value);
        if (placeholder != null) {
            return placeholder;
        }
        String type = Placeholder.typeOf(category);
        int[] last = lastNumber.computeIfAbsent(type, t -> new int[1]);
        String key;
        do {
            key = type + '_' + ++last[0];
        } while (!reserved.isEmpty() && reserved.contains(key));
        keys.add(key);
        values.add(value);
        placeholder = Placeholder.OPEN + key + Placeholder.CLOSE;
        placeholderByValue.put(value, placeholder);
        return placeholder;
    }

    Pseudonyms pseudonyms() {
        return keys.isEmpty() ? Pseudonyms.NONE : new Pseudonyms(keys, values, lastNumber.keySet());
    }
}
