package dev.sovereign.bench.classify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link WholeBodyInterleaved} for two builds at once: two benchmark jars (say the commit before a change and the one
 * after it), each loaded by a class loader of its own into one JVM, and each round times a batch of every method in
 * turn — build A's {@code baseline} and {@code wholeBody}, then build B's, in the other order every other round — in
 * the thread's CPU time. The figures are, for each build, the medians of its two methods' times and of its per-round
 * ratio. On a loaded machine two runs of {@link WholeBodyInterleaved} minutes apart differ by more than a change
 * worth a few per cent; here both builds meet the same load in the same minutes, so their ratios can be compared.
 *
 * <pre>
 * java -cp sovereign-bench/target/benchmarks.jar dev.sovereign.bench.classify.WholeBodyBuilds a.jar b.jar \
 *     [body] [rounds] [calls per batch]
 * </pre>
 */
public final class WholeBodyBuilds {
    private WholeBodyBuilds() {}

    private static volatile Object sink;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WholeBodyBuilds a.jar b.jar [body] [rounds] [calls per batch]");
            System.exit(2);
        }
        String body = args.length > 2 ? args[2] : "tools-50k";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        Build a = new Build(args[0], body);
        Build b = new Build(args[1], body);
        for (int w = 0; w < 15; w++) { // warm-up: all four methods compiled before anything counts
            a.round(calls, w);
            b.round(calls, w);
        }
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                a.round(calls, r);
                b.round(calls, r);
            } else {
                b.round(calls, r);
                a.round(calls, r);
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d rounds of %d calls, thread CPU time%n", body, rounds, calls);
        a.print("A", args[0], rounds);
        b.print("B", args[1], rounds);
    }

    /** One build's benchmark, loaded apart from the other's, with its figures. */
    private static final class Build {
        final Supplier<Object> baseline;
        final Supplier<Object> whole;
        final double[] before = new double[1024];
        final double[] after = new double[1024];

        Build(String jar, String body) throws Exception {
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(WholeBodyBenchmark.class.getName());
            Object bench = type.getConstructor().newInstance();
            type.getField("body").set(bench, body);
            type.getMethod("setUp").invoke(bench);
            baseline = call(type.getMethod("baseline"), bench);
            whole = call(type.getMethod("wholeBody"), bench);
        }

        void round(int calls, int r) {
            before[r] = cpu(baseline, calls);
            after[r] = cpu(whole, calls);
        }

        void print(String name, String jar, int rounds) {
            double[] b = Arrays.copyOf(before, rounds);
            double[] a = Arrays.copyOf(after, rounds);
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = a[r] / b[r];
            System.out.printf(
                    Locale.ROOT,
                    "%s baseline %8.1f µs, whole body %8.1f µs, added %+5.1f%% (quartiles %+.1f%% .. %+.1f%%)  %s%n",
                    name,
                    quantile(b, 0.5),
                    quantile(a, 0.5),
                    100 * (quantile(ratio, 0.5) - 1),
                    100 * (quantile(ratio, 0.25) - 1),
                    100 * (quantile(ratio, 0.75) - 1),
                    jar);
        }
    }

    private static Supplier<Object> call(Method method, Object target) {
        return () -> {
            try {
                return method.invoke(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Mean thread CPU µs per call over {@code n} calls. */
    private static double cpu(Supplier<Object> work, int n) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int k = 0; k < n; k++) sink = work.get();
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
