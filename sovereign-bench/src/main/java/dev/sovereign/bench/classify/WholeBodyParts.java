package dev.sovereign.bench.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.classify.internal.Engine;
import dev.sovereign.classify.internal.EngineBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the whole reading's added time goes, for one of {@link WholeBodyBenchmark}'s bodies: each part of both readings
 * timed on its own in one JVM, round after round, medians over the rounds after three of warm-up — parse, extract,
 * scan of the pieces both readings have (the engine alone before, the classifier with its views and seams after), and
 * scan of the pieces only the whole reading has.
 *
 * <pre>
 * java -cp sovereign-bench/target/benchmarks.jar dev.sovereign.bench.classify.WholeBodyParts tools-50k 300
 * </pre>
 */
public final class WholeBodyParts {
    private WholeBodyParts() {}

    private static volatile Object sink;

    public static void main(String[] args) throws IOException {
        String kind = args.length > 0 ? args[0] : "tools-50k";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        byte[] body = WholeBodyBenchmark.body(kind);
        StrictJson strict = new StrictJson(WholeBodyBenchmark.MAX_DEPTH);
        ObjectMapper plain = new ObjectMapper();
        JsonNode tree = strict.parse(body);
        JsonNode plainTree = plain.readTree(body);
        Engine engine = new EngineBuilder().defaults().build();
        Classifier classifier = Classifier.defaults();
        List<TextSegment> before = FieldListText.fromAnthropic(plainTree);
        List<TextSegment> after = RequestText.of(tree);
        Set<String> paths = new HashSet<>();
        for (TextSegment s : before) paths.add(s.path());
        List<TextSegment> common = new ArrayList<>();
        List<TextSegment> only = new ArrayList<>();
        for (TextSegment s : after) {
            (paths.contains(s.path()) && s.form() == TextSegment.Form.TEXT ? common : only).add(s);
        }
        Map<String, Supplier<Object>> parts = new LinkedHashMap<>();
        parts.put("parse, before (readTree)", () -> readTree(plain, body));
        parts.put("parse, after (StrictJson)", () -> strict.parse(body));
        parts.put("extract, before (known fields)", () -> FieldListText.fromAnthropic(plainTree));
        parts.put("extract, after (everything)", () -> RequestText.of(tree));
        parts.put("scan common pieces, before (engine)", () -> engineOn(engine, before));
        parts.put("scan common pieces, after (classifier)", () -> classifier.classify(common, Set.of()));
        parts.put("scan pieces only after has (classifier)", () -> classifier.classify(only, Set.of()));
        parts.put("scan everything, after (classifier)", () -> classifier.classify(after, Set.of()));
        int rounds = 12;
        double[][] times = new double[parts.size()][rounds - 3];
        for (int r = 0; r < rounds; r++) {
            int k = 0;
            for (Supplier<Object> part : parts.values()) {
                double t = time(part, n);
                if (r >= 3) times[k][r - 3] = t;
                k++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d pieces before, %d after (%d common, %d only after)%n",
                kind,
                before.size(),
                after.size(),
                common.size(),
                only.size());
        int k = 0;
        for (String name : parts.keySet()) {
            double[] sorted = times[k++].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-42s %10.1f µs%n", name, sorted[sorted.length / 2]);
        }
    }

    private static Object engineOn(Engine engine, List<TextSegment> segments) {
        Object last = null;
        for (TextSegment s : segments) {
            if (!s.binary()) last = engine.scan(s.text());
        }
        return last;
    }

    private static JsonNode readTree(ObjectMapper mapper, byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double time(Supplier<Object> work, int n) {
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) sink = work.get();
        return (System.nanoTime() - start) / 1e3 / n;
    }
}
