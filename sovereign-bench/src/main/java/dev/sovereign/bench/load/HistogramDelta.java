package dev.sovereign.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantiles of a Prometheus histogram over an interval, from two scrapes of {@code /metrics} taken before and after
 * it: the bucket counts' differences, each quantile reported as the upper bound of the bucket that reaches it (so
 * never below the true value, and above it by at most the bucket's width, about a tenth).
 *
 * <pre>
 * java -cp benchmarks.jar dev.sovereign.bench.load.HistogramDelta --before a.txt --after b.txt \
 *     --metric sovereign_audit_durable_wait_seconds [--quantiles 0.5,0.99,0.999] [--prefix durable_wait]
 * </pre>
 *
 * Prints one line, {@code durable_wait_n=… durable_wait_p50_ms=… durable_wait_p99_ms=…}, for the bench scripts.
 */
public final class HistogramDelta {
    private static final Pattern BUCKET = Pattern.compile("^(\\S+)_bucket\\{(?:.*,)?le=\"([^\"]+)\"[^}]*} (\\S+)$");

    private HistogramDelta() {}

    public static void main(String[] args) throws IOException {
        Flags f = Flags.parse(args, Set.of("--before", "--after", "--metric", "--quantiles", "--prefix"), Set.of());
        String metric = f.required("--metric");
        TreeMap<Double, Double> before = buckets(Path.of(f.required("--before")), metric);
        TreeMap<Double, Double> after = buckets(Path.of(f.required("--after")), metric);
        String prefix = f.string("--prefix", metric);
        List<Double> quantiles = new ArrayList<>();
        for (String q : f.string("--quantiles", "0.5,0.99,0.999").split(",")) quantiles.add(Double.parseDouble(q));
        System.out.println(describe(prefix, before, after, quantiles));
    }

    static String describe(
            String prefix, TreeMap<Double, Double> before, TreeMap<Double, Double> after, List<Double> quantiles) {
        double total = delta(after, before, Double.POSITIVE_INFINITY);
        StringBuilder line = new StringBuilder(prefix + "_n=" + (long) total);
        for (double q : quantiles) {
            String name =
                    prefix + "_p" + String.valueOf(q * 100).replace(".0", "").replace(".", "");
            line.append(' ').append(name).append("_ms=");
            if (total == 0) {
                line.append("NA");
                continue;
            }
            Double bound = null;
            for (double le : after.keySet()) {
                if (delta(after, before, le) >= q * total) {
                    bound = le;
                    break;
                }
            }
            line.append(bound == null || bound.isInfinite() ? "inf" : String.format(Locale.ROOT, "%.3f", bound * 1000));
        }
        return line.toString();
    }

    private static double delta(TreeMap<Double, Double> after, TreeMap<Double, Double> before, double le) {
        return after.getOrDefault(le, 0.0) - before.getOrDefault(le, 0.0);
    }

    /** Cumulative counts by upper bound ({@code +Inf} as infinity), summed over label sets. */
    static TreeMap<Double, Double> buckets(Path scrape, String metric) throws IOException {
        TreeMap<Double, Double> result = new TreeMap<>();
        for (String line : Files.readAllLines(scrape)) {
            Matcher m = BUCKET.matcher(line);
            if (!m.matches() || !m.group(1).equals(metric)) continue;
            double le = m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
            result.merge(le, Double.parseDouble(m.group(3)), Double::sum);
        }
        return result;
    }
}
