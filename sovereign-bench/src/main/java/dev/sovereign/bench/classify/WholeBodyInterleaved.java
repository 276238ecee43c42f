package dev.sovereign.bench.classify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link WholeBodyBenchmark}'s two readings measured interleaved, so that load which comes and goes on a shared machine
 * falls on both alike: each round times a batch of the previous reading, then a batch of the whole reading, of the same
 * body, and the figures are the medians over the rounds of each reading's time per request and of the per-round ratio.
 * JMH runs its methods one after another, minutes apart; on a noisy two-core machine that moved the ratio by a third
 * between two runs. Each batch is timed twice: wall-clock, and the thread's CPU time, which leaves out the time the
 * thread waited for a core while other processes ran (on a loaded machine the wall-clock ratio then measures the
 * scheduler as much as the code).
 *
 * <p>By default each body is warmed up for ten rounds of batches sized on the first, cold calls of the whole reading
 * (as in the earlier rounds of {@code BENCHMARKS.md}); on a loaded machine those batches come out shorter than asked and
 * the code may still be compiling when the rounds that count begin. With a number of warm-up seconds, the warm-up lasts
 * at least that long and the batches are sized again after it.
 *
 * <pre>
 * java -cp sovereign-bench/target/benchmarks.jar dev.sovereign.bench.classify.WholeBodyInterleaved \
 *     [rounds] [ms per batch] [bodies] [warm-up seconds]
 * </pre>
 */
public final class WholeBodyInterleaved {
    private WholeBodyInterleaved() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long batchNanos = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        System.out.println("wall clock, then thread CPU time; added = median of per-round ratios (quartiles)");
        System.out.println("body       baseline µs  whole body µs  added                    |"
                + " cpu: baseline µs  whole body µs  added                    rounds");
        String[] bodies = (args.length > 2 ? args[2] : "chat-2k,tools-50k,doc-1m").split(",");
        long warmUpSeconds = args.length > 3 ? Long.parseLong(args[3]) : 0;
        for (String kind : bodies) {
            WholeBodyBenchmark bench = new WholeBodyBenchmark();
            bench.body = kind;
            bench.setUp();
            Supplier<Object> before = bench::baseline;
            Supplier<Object> after = bench::wholeBody;
            int batch = calibrate(after, batchNanos);
            long warmUntil = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
            for (int w = 0;
                    w < 10 || System.nanoTime() < warmUntil;
                    w++) { // both paths compiled before anything counts
                time(before, batch, new double[1]);
                time(after, batch, new double[1]);
            }
            if (warmUpSeconds > 0)
                batch = calibrate(after, batchNanos); // sized on compiled code, not on the first calls
            double[] b = new double[rounds];
            double[] a = new double[rounds];
            double[] ratio = new double[rounds];
            double[] bc = new double[rounds];
            double[] ac = new double[rounds];
            double[] cpuRatio = new double[rounds];
            double[] cpu = new double[1];
            for (int r = 0; r < rounds; r++) {
                b[r] = time(before, batch, cpu);
                bc[r] = cpu[0];
                a[r] = time(after, batch, cpu);
                ac[r] = cpu[0];
                ratio[r] = a[r] / b[r];
                cpuRatio[r] = ac[r] / bc[r];
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %11.1f %14.1f  %+5.0f%% (%+4.0f%% .. %+4.0f%%)  | %16.1f %14.1f  %+5.0f%% (%+4.0f%% .. %+4.0f%%) %8d%n",
                    kind,
                    median(b),
                    median(a),
                    100 * (median(ratio) - 1),
                    100 * (quantile(ratio, 0.25) - 1),
                    100 * (quantile(ratio, 0.75) - 1),
                    median(bc),
                    median(ac),
                    100 * (median(cpuRatio) - 1),
                    100 * (quantile(cpuRatio, 0.25) - 1),
                    100 * (quantile(cpuRatio, 0.75) - 1),
                    rounds);
        }
    }

    private static volatile Object sink;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Mean µs per call over {@code n} calls, wall-clock; the mean thread CPU µs per call goes to {@code cpu[0]}. */
    private static double time(Supplier<Object> work, int n, double[] cpu) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) sink = work.get();
        long wall = System.nanoTime() - start;
        cpu[0] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / n;
        return wall / 1e3 / n;
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
