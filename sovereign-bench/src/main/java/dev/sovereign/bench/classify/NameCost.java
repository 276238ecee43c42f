package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.internal.NameFeatures;
import dev.sovereign.classify.internal.NameModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What the person-name model costs, measured side by side with the engine without it in one run: the default
 * catalogue with the model ({@code Classifier.defaults()}) and the same catalogue with only the cue and dictionary
 * heuristics for names ({@code personNameModel(false)}), called alternately on the same inputs so that both see the same
 * machine. Latency per scan of two 10 KB prompts (the mixed prompt of {@link ClassifyBenchmark} and 10 KB of
 * parliamentary prose from the name evaluation, dense with capitalised words), per call in thread CPU time (what one
 * core spends, whatever else runs on the machine) and in wall time; throughput per core on the 64 KB mixed and clean
 * prompts in thread CPU time, as {@link CpuThroughput}. Also the model's memory. Usage:
 * {@code NameCost [latency calls per variant] [throughput seconds per round] [rounds]}.
 */
public final class NameCost {
    private NameCost() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Classifier with = Classifier.defaults();
        with.scan("Warm the model: Ildikó K. Várkonyi.");
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        Classifier without = Classifier.builder().personNameModel(false).build();
        NameModel model = NameModel.builtIn();
        System.out.printf(
                "model: %d weighted features, table %.2f MB, word lists %.2f MB; heap after loading the default catalogue"
                        + " with the model: +%.1f MB%n%n",
                model.features(), model.tableBytes() / 1e6, NameFeatures.listBytes() / 1e6, (after - before) / 1e6);

        String mixed10k = Prompts.mixed(10_240, 2);
        String prose10k = prose(10_240);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| prompt | engine | CPU p50 µs | CPU p99 µs | CPU p99.9 µs | wall p50 µs | wall p99 µs |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String name : List.of("mixed 10 KB", "prose 10 KB")) {
            String text = name.startsWith("mixed") ? mixed10k : prose10k;
            Histogram a = new Histogram(3);
            Histogram b = new Histogram(3);
            Histogram cpuA = new Histogram(3);
            Histogram cpuB = new Histogram(3);
            for (int k = 0; k < 2_000; k++) { // warm-up
                with.scan(text);
                without.scan(text);
            }
            long sink = 0;
            for (int k = 0; k < calls; k++) {
                boolean withFirst = (k & 1) == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean useWith = withFirst == (turn == 0);
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    sink += (useWith ? with : without).scan(text).size();
                    long t = System.nanoTime() - t0;
                    long c = threads.getCurrentThreadCpuTime() - c0;
                    (useWith ? a : b).recordValue(t);
                    (useWith ? cpuA : cpuB).recordValue(Math.max(0, c));
                }
            }
            row(name, "without the model", cpuB, b);
            row(name, "with the model", cpuA, a);
            if (sink == 42) {
                System.out.println();
            }
        }

        String mixed = Prompts.mixed(ClassifyBenchmark.SIZE, 1);
        String clean = Prompts.clean(ClassifyBenchmark.SIZE, 1);
        System.out.println();
        System.out.println("| round | mixed, without | mixed, with | clean, without | clean, with |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("| " + round + " |");
            for (String text : List.of(mixed, clean)) {
                for (Classifier c : List.of(without, with)) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    long ops = 0;
                    while (System.nanoTime() < end) {
                        c.scan(text);
                        ops++;
                    }
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                    line.append(String.format(
                            " %.0f MB/s |", ops / cpuSeconds * text.getBytes(StandardCharsets.UTF_8).length / 1e6));
                }
            }
            System.out.println(line);
        }
    }

    private static void row(String prompt, String engine, Histogram cpu, Histogram wall) {
        System.out.printf(
                "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                prompt,
                engine,
                cpu.getValueAtPercentile(50) / 1e3,
                cpu.getValueAtPercentile(99) / 1e3,
                cpu.getValueAtPercentile(99.9) / 1e3,
                wall.getValueAtPercentile(50) / 1e3,
                wall.getValueAtPercentile(99) / 1e3);
    }

    /** The first {@code size} chars of the English Europarl evaluation text, joined as prose. */
    static String prose(int size) {
        StringBuilder b = new StringBuilder(size + 256);
        for (List<String[]> sentence : NameEvaluation.read("europarl-en.conll")) {
            for (String[] token : sentence) {
                if (!b.isEmpty() && !token[0].matches("[.,;:!?)]")) {
                    b.append(' ');
                }
                b.append(token[0]);
            }
            if (b.length() >= size) {
                break;
            }
        }
        b.setLength(size);
        return b.toString();
    }
}
