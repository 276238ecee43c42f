package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Throughput per core measured in thread CPU time rather than wall time: on a shared machine (load above the number
 * of cores) JMH's wall-clock ops/s mostly measures the scheduler, while ops per CPU-second of the scanning thread
 * stays close to what one dedicated core does (caches are still shared). Complements the JMH figures, does not replace
 * them. Usage: {@code CpuThroughput [seconds per round] [rounds]}.
 */
public final class CpuThroughput {
    private CpuThroughput() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String mixed = Prompts.mixed(ClassifyBenchmark.SIZE, 1);
        String clean = Prompts.clean(ClassifyBenchmark.SIZE, 1);
        Classifier defaults = Classifier.defaults();
        Classifier custom = CustomDetectors.classifier();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"defaultsClean", "defaultsMixed", "customMixed"};
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String name : names) {
                String text = name.equals("defaultsClean") ? clean : mixed;
                Classifier classifier = name.equals("customMixed") ? custom : defaults;
                long cpu = threads.getCurrentThreadCpuTime();
                long end = System.nanoTime() + (long) (seconds * 1e9);
                long ops = 0;
                long sink = 0;
                while (System.nanoTime() < end) {
                    sink += classifier.scan(text).size();
                    ops++;
                }
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                double mbPerS = ops / cpuSeconds * text.getBytes(StandardCharsets.UTF_8).length / 1e6;
                line.append(String.format(" %s %.0f MB/s (%d findings)", name, mbPerS, sink / ops));
            }
            System.out.println(line);
        }
    }
}
