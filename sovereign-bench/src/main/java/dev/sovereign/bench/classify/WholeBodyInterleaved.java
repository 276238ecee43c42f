package dev.sovereign.bench.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link WholeBodyBenchmark}'s two readings measured interleaved, so that load which comes and goes on a shared machine
 * falls on both alike: each round times a batch of the previous reading, then a batch of the whole reading, of the same
 * body, and the figures are the medians over the rounds of each reading's time per request and of the per-round ratio.
 * JMH runs its methods one after another, minutes apart; on a noisy two-core machine that moved the ratio by a third
 * between two runs.
 *
 * <pre>
 * java -cp sovereign-bench/target/benchmarks.jar dev.sovereign.bench.classify.WholeBodyInterleaved [rounds] [ms per batch]
 * </pre>
 */
public final class WholeBodyInterleaved {
    private WholeBodyInterleaved() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long batchNanos = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        System.out.println("body        baseline µs   whole body µs   added (median of per-round ratios)   rounds");
        for (String kind : new String[] {"chat-2k", "tools-50k", "doc-1m"}) {
            WholeBodyBenchmark bench = new WholeBodyBenchmark();
            bench.body = kind;
            bench.setUp();
            Supplier<Object> before = bench::baseline;
            Supplier<Object> after = bench::wholeBody;
            int batch = calibrate(after, batchNanos);
            for (int w = 0; w < 10; w++) { // warm-up: both paths compiled before anything counts
                time(before, batch);
                time(after, batch);
            }
            double[] b = new double[rounds];
            double[] a = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                b[r] = time(before, batch);
                a[r] = time(after, batch);
                ratio[r] = a[r] / b[r];
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %12.1f %15.1f %+14.0f%% (quartiles %+.0f%% .. %+.0f%%) %12d%n",
                    kind,
                    median(b),
                    median(a),
                    100 * (median(ratio) - 1),
                    100 * (quantile(ratio, 0.25) - 1),
                    100 * (quantile(ratio, 0.75) - 1),
                    rounds);
        }
    }

    private static volatile Object sink;

    /** Mean µs per call over {@code n} calls. */
    private static double time(Supplier<Object> work, int n) {
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) sink = work.get();
        return (System.nanoTime() - start) / 1e3 / n;
    }

    /** How many calls of {@code work} take about {@code nanos}. */
    private static int calibrate(Supplier<Object> work, long nanos) {
        int n = 1;
        while (true) {
            long start = System.nanoTime();
            for (int k = 0; k < n; k++) sink = work.get();
            long took = System.nanoTime() - start;
            if (took >= nanos / 4 || n >= 1 << 24) return (int) Math.max(1, n * nanos / Math.max(1, took));
            n *= 2;
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
