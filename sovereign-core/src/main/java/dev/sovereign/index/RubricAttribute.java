package dev.sovereign.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attribute of the rubric: the options a fact may take and their points. A {@code set} attribute
 * (certifications) sums the points of every member present, up to {@code cap}.
 *
 * @param grounds the legal or standards framework the attribute rests on
 */
public record RubricAttribute(
        String id,
        Dimension dimension,
        String name,
        String grounds,
        Map<String, Integer> options,
        boolean set,
        int cap) {

    public RubricAttribute {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The most points this attribute can give. */
    public int max() {
        if (set)
            return Math.min(
                    cap, options.values().stream().mapToInt(Integer::intValue).sum());
        return options.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The points of the worst option: what an unknown fact scores. */
    public int worst() {
        return set
                ? 0
                : options.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /** The worst option's name, recorded for an unknown fact. */
    public List<String> worstValue() {
        if (set) return List.of();
        String worst = null;
        int min = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : options.entrySet()) {
            if (e.getValue() < min) {
                min = e.getValue();
                worst = e.getKey();
            }
        }
        return List.of(worst);
    }

    /**
     * @throws IllegalArgumentException naming the valid options when {@code value} holds an unknown one
     */
    public int points(List<String> value) {
        validate(value);
        if (set) {
            int sum = 0;
            for (String v : value) sum += options.get(v);
            return Math.min(cap, sum);
        }
        return options.get(value.get(0));
    }

    public void validate(List<String> value) {
        if (!set && value.size() != 1) {
            throw new IllegalArgumentException(id + " takes one value of: " + String.join(", ", options.keySet()));
        }
        for (String v : value) {
            if (!options.containsKey(v)) {
                throw new IllegalArgumentException(
                        "'" + v + "' is not an option of " + id + " (" + String.join(", ", options.keySet()) + ")");
            }
        }
    }
}
