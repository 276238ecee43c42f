package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision, recall and F1 per category of the default classifier on the generated corpus, as a Markdown table. A
 * finding counts as a true positive when a label of the same category overlaps it. Run with
 * {@code java -cp benchmarks.jar dev.sovereign.bench.classify.Evaluation [documents] [seed]}.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Counts of one category. */
    public static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        final List<String> examples = new java.util.ArrayList<>();

        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static Map<String, Score> evaluate(Classifier classifier, List<Corpus.Document> documents) {
        Map<String, Score> scores = new TreeMap<>();
        for (Corpus.Document document : documents) {
            List<Finding> findings = classifier.scan(document.text());
            boolean[] matched = new boolean[document.labels().size()];
            for (Finding f : findings) {
                boolean hit = false;
                for (int k = 0; k < matched.length; k++) {
                    Corpus.Label label = document.labels().get(k);
                    if (label.category().equals(f.category()) && label.start() < f.end() && f.start() < label.end()) {
                        hit = true;
                        matched[k] = true;
                    }
                }
                Score score = scores.computeIfAbsent(f.category(), c -> new Score());
                if (hit) {
                    score.truePositives++;
                } else {
                    score.falsePositives++;
                    if (score.examples.size() < 3) {
                        score.examples.add(
                                "FP " + f.detector() + ": " + document.text().replace("\n", "\\n"));
                    }
                }
            }
            for (int k = 0; k < matched.length; k++) {
                if (!matched[k]) {
                    Corpus.Label label = document.labels().get(k);
                    Score score = scores.computeIfAbsent(label.category(), c -> new Score());
                    score.falseNegatives++;
                    if (score.examples.size() < 3) {
                        score.examples.add("FN: " + document.text().replace("\n", "\\n"));
                    }
                }
            }
        }
        return scores;
    }

    /**
     * Scores of each subset of the corpus on its own: its labels (true positives, false negatives), and the findings of
     * its category inside the text it generated that match no label (false positives). For a subset of hard negatives
     * only the false positives count.
     */
    public static Map<Corpus.Subset, Score> evaluateSubsets(Classifier classifier, List<Corpus.Document> documents) {
        Map<Corpus.Subset, Score> scores = new java.util.LinkedHashMap<>();
        Corpus.subsets().forEach(subset -> scores.put(subset, new Score()));
        for (Corpus.Document document : documents) {
            if (document.regions().isEmpty()) {
                continue;
            }
            List<Finding> findings = classifier.scan(document.text());
            for (Corpus.Label label : document.labels()) {
                if (label.subset() != null) {
                    boolean found = findings.stream().anyMatch(f -> overlaps(f, label));
                    Score score = scores.get(label.subset());
                    if (found) {
                        score.truePositives++;
                    } else {
                        score.falseNegatives++;
                        example(score, "FN", document);
                    }
                }
            }
            for (Finding f : findings) {
                boolean labelled = document.labels().stream().anyMatch(label -> overlaps(f, label));
                for (Corpus.Region region : document.regions()) {
                    if (!labelled
                            && region.subset().category().equals(f.category())
                            && f.start() >= region.start()
                            && f.start() < region.end()) {
                        Score score = scores.get(region.subset());
                        score.falsePositives++;
                        example(score, "FP " + f.detector(), document);
                    }
                }
            }
        }
        return scores;
    }

    private static boolean overlaps(Finding f, Corpus.Label label) {
        return label.category().equals(f.category()) && label.start() < f.end() && f.start() < label.end();
    }

    private static void example(Score score, String kind, Corpus.Document document) {
        if (score.examples.size() < 3) {
            score.examples.add(kind + ": " + document.text().replace("\n", "\\n"));
        }
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Corpus corpus = new Corpus(seed);
        List<Corpus.Document> documents = corpus.documents(count);
        Map<String, Score> scores = evaluate(Classifier.defaults(), documents);
        List<String> checksum = corpus.checksumCategories();
        System.out.printf("Corpus: %d documents, seed %d%n%n", count, seed);
        System.out.println("| category | checksum | TP | FP | FN | precision | recall | F1 |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        scores.forEach((category, s) -> System.out.printf(
                java.util.Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                category,
                checksum.contains(category) ? "yes" : "",
                s.truePositives,
                s.falsePositives,
                s.falseNegatives,
                s.precision(),
                s.recall(),
                s.f1()));
        System.out.println();
        System.out.println("Subsets scored on their own (hard negatives: only false positives count):");
        System.out.println();
        System.out.println("| category | subset | TP | FP | FN | precision | recall | F1 |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        Map<Corpus.Subset, Score> subsets = evaluateSubsets(Classifier.defaults(), documents);
        subsets.forEach((subset, s) -> System.out.printf(
                java.util.Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                subset.category(),
                subset.name(),
                s.truePositives,
                s.falsePositives,
                s.falseNegatives,
                s.precision(),
                s.recall(),
                s.f1()));
        System.out.println();
        System.out.println("Remaining errors (synthetic data, up to 3 per category):");
        scores.forEach((category, s) -> s.examples.forEach(e -> System.out.println("- " + category + " " + e)));
        subsets.forEach((subset, s) -> s.examples.forEach(
                e -> System.out.println("- " + subset.category() + " (" + subset.name() + ") " + e)));
    }
}
