package dev.sovereign.bench.policy;

import dev.sovereign.policy.Policy;
import dev.sovereign.policy.RequestFacts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The Decide stage's latency in thread CPU time, call by call: the distribution the JMH SampleTime benchmark
 * measures in wall-clock time, without the time the thread spends descheduled, which dominates the tail on a
 * shared machine. Each sample includes reading the thread's CPU clock twice (printed as "clock").
 *
 * <pre>
 * java -Xms512m -Xmx512m -cp sovereign-bench/target/benchmarks.jar dev.sovereign.bench.policy.DecideCpuTime [calls]
 * </pre>
 */
public final class DecideCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecideCpuTime() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Policy policy = RealisticPolicy.load();
        String[] runtimes = {"standard", "standard-resolver", "planner", "planner-resolver"};
        PlannedConditions[] conditions = new PlannedConditions[runtimes.length];
        for (int i = 0; i < runtimes.length; i++) conditions[i] = new PlannedConditions(policy, runtimes[i]);
        Histogram clock = measure(calls, f -> null, RealisticPolicy.request("plain"));
        System.out.printf(
                Locale.ROOT, "%-30s %8s %8s %8s %8s %8s%n", "thread CPU time, µs", "p50", "p90", "p99", "p99.9", "max");
        print("clock (two reads)", clock);
        for (String kind : new String[] {"plain", "personal", "special"}) {
            RequestFacts facts = RealisticPolicy.request(kind);
            print("decide " + kind, measure(calls, policy::decide, facts));
            print("decide+guard " + kind, measure(calls, f -> policy.violations(f, policy.decide(f)), facts));
            for (int i = 0; i < runtimes.length; i++) {
                RealisticPolicy.expectRule(conditions[i].firstMatch(facts), kind);
                print(runtimes[i] + " " + kind, measure(calls, conditions[i]::firstMatch, facts));
            }
        }
    }

    private static Histogram measure(int calls, Function<RequestFacts, Object> work, RequestFacts facts) {
        Histogram h = new Histogram(3);
        Object sink = null;
        for (int i = 0; i < calls; i++) sink = work.apply(facts); // warm-up
        for (int i = 0; i < calls; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = work.apply(facts);
            h.recordValue(THREADS.getCurrentThreadCpuTime() - start);
        }
        if (sink == THREADS) System.out.print("");
        return h;
    }

    private static void print(String name, Histogram h) {
        System.out.printf(
                Locale.ROOT,
                "%-30s %8.2f %8.2f %8.2f %8.2f %8.2f%n",
                name,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
    }
}
