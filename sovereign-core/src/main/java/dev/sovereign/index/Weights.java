package dev.sovereign.index;

import java.util.EnumMap;
import java.util.Map;

/**
 * The weight of each dimension in the total, as fractions that add up to one. Built from any positive
 * numbers (percentages, for example), which are normalised.
 */
public record Weights(Map<Dimension, Double> fractions) {
    /** The published weighting: 35 / 30 / 20 / 15. */
    public static final Weights PUBLISHED = of(35, 30, 20, 15);

    public Weights {
        fractions = Map.copyOf(fractions);
    }

    public static Weights of(double jurisdiction, double lockIn, double infrastructure, double compliance) {
        double[] raw = {jurisdiction, lockIn, infrastructure, compliance};
        double sum = 0;
        for (double w : raw) {
            if (w < 0 || Double.isNaN(w) || Double.isInfinite(w))
                throw new IllegalArgumentException("weights must be non-negative numbers");
            sum += w;
        }
        if (sum <= 0) throw new IllegalArgumentException("at least one weight must be positive");
        Map<Dimension, Double> f = new EnumMap<>(Dimension.class);
        Dimension[] dims = Dimension.values();
        for (int i = 0; i < dims.length; i++) f.put(dims[i], raw[i] / sum);
        return new Weights(f);
    }

    /** Parses {@code "35,30,20,15"} (jurisdiction, lock-in, infrastructure, compliance). */
    public static Weights parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "weights are four numbers: jurisdiction,lock_in,infrastructure,compliance (e.g. 35,30,20,15)");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number");
            }
        }
        return of(v[0], v[1], v[2], v[3]);
    }

    public double of(Dimension d) {
        return fractions.get(d);
    }

    /** These weights with dimension {@code d} moved by {@code delta} (a fraction), the others rescaled to keep the sum. */
    public Weights shifted(Dimension d, double delta) {
        double target = Math.max(0, Math.min(1, of(d) + delta));
        double rest = 1 - of(d);
        Map<Dimension, Double> f = new EnumMap<>(Dimension.class);
        for (Dimension x : Dimension.values()) {
            if (x == d) f.put(x, target);
            else f.put(x, rest == 0 ? (1 - target) / 3 : of(x) / rest * (1 - target));
        }
        return new Weights(f);
    }

    /** As percentages, for reports. */
    public Map<Dimension, Long> percentages() {
        Map<Dimension, Long> p = new EnumMap<>(Dimension.class);
        fractions.forEach((d, w) -> p.put(d, Math.round(w * 100)));
        return p;
    }
}
