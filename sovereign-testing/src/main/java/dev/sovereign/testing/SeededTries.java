package dev.sovereign.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Seeded tries for property-based tests and fuzz campaigns written as plain JUnit parameterized tests: try {@code i} of
 * a property draws its input from a {@link SplittableRandom} seeded with {@code base + i}. The base seed is fixed
 * ({@link #DEFAULT_BASE_SEED}), so every run tries the same inputs; {@code -Dsovereign.fuzz.seed=<n>} replaces it,
 * to draw other inputs or to run a failing try first. A failure names its seed, how to run it again, and the input.
 */
public final class SeededTries {
    /** The base seed when {@code sovereign.fuzz.seed} is not set. */
    public static final long DEFAULT_BASE_SEED = 20_251_207L;

    /** The seed of each property's first try: {@code -Dsovereign.fuzz.seed}, else {@link #DEFAULT_BASE_SEED}. */
    public static final long BASE_SEED = baseSeed();

    private SeededTries() {}

    private static long baseSeed() {
        String seed = System.getProperty("sovereign.fuzz.seed");
        return seed == null || seed.isBlank() ? DEFAULT_BASE_SEED : Long.parseLong(seed.trim());
    }

    /** The seeds of {@code tries} tries, one after another from the base seed. */
    public static LongStream seeds(int tries) {
        return LongStream.range(0, tries).map(i -> BASE_SEED + i);
    }

    /**
     * Generates one input from {@code seed} and checks it; a failure names the seed, how to try it again, and the
     * input (shortened).
     */
    public static <T> void tryInput(long seed, Function<SplittableRandom, T> generate, Consumer<T> check) {
        T input;
        try {
            input = generate.apply(new SplittableRandom(seed));
        } catch (RuntimeException e) {
            throw new AssertionError(seedLine(seed) + "generating the input failed: " + e, e);
        }
        try {
            check.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(seedLine(seed) + "input: " + compact(input.toString()) + "\n" + e.getMessage(), e);
        }
    }

    private static String seedLine(long seed) {
        return "seed " + seed + " (the first try with -Dsovereign.fuzz.seed=" + seed + ")\n";
    }

    /** At most about 2000 characters of {@code text}, for a failure message. */
    public static String compact(String text) {
        int max = 2000;
        return text.length() <= max
                ? text
                : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }

    /** One of {@code options}, each as likely. */
    public static <T> T pick(SplittableRandom random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** An index drawn with these relative weights. */
    public static int weighted(SplittableRandom random, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        throw new IllegalStateException();
    }

    /** An int from {@code min} to {@code max}, both included. */
    public static int between(SplittableRandom random, int min, int max) {
        return random.nextInt(min, max + 1);
    }
}
