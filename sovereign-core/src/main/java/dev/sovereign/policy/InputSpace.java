package dev.sovereign.policy;

import dev.sovereign.classify.Categories;
import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.internal.ConditionNames;
import dev.sovereign.policy.internal.ConditionValues;
import dev.sovereign.policy.internal.ConditionValues.StringTest;
import dev.sovereign.policy.internal.ConditionValues.Subject;
import dev.sovereign.policy.internal.ValueClasses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The guarantee checker's input space: for each part of a request, one value per class of values that the
 * policy's conditions, guarantees, redactions and model map answer alike. Each class of categories is a dimension
 * (absent, or present with a count), and so is each class of labels (absent or declared); the rest are the {@link
 * Scalar}s. For every rule it also knows which category and label dimensions its condition can depend on, read
 * from the syntax tree ({@link ConditionValues.Reads}): {@code 'pii.email' in categories} depends on one,
 * {@code categories.exists(c, c.startsWith('pii.'))} on those of the {@code pii} family, {@code size(categories)}
 * on all.
 *
 * <p>The space is complete unless a regular expression got no value that matches it ({@link #complete()}).
 */
final class InputSpace {
    /** The dimensions besides the categories and labels, in the order the checker branches on them. */
    enum Scalar {
        CONFIDENCE,
        WORKLOAD,
        KEY,
        TEAM,
        OPERATION,
        MODEL,
        API,
        STREAM,
        SIZE
    }

    private static final List<String> OPERATIONS =
            List.of("chat_completions", "messages", "embeddings", "count_tokens");

    /** One category per class of categories the policy tells apart; each is a dimension: absent, or a count. */
    final List<String> categoryClasses = new ArrayList<>();
    /** For each category class, the counts it is tried with (more than one when a condition compares it). */
    final List<List<Integer>> counts = new ArrayList<>();
    /** One label per class of labels the policy tells apart; each is a dimension: absent or declared. */
    final List<String> labelClasses;

    final List<Double> confidences;
    final List<String> workloads;
    final List<String> keys;
    final List<String> teams;
    final List<String> operations;
    final List<String> models;
    final List<WireFormat> apis = List.of(WireFormat.OPENAI, WireFormat.ANTHROPIC);
    final List<Boolean> streams = List.of(false, true);
    final List<Long> sizes;
    /** Whether a condition reads {@code request} other than by one of its fields. */
    final boolean requestReadWhole;

    private final List<int[]> ruleReads = new ArrayList<>();
    /** For each label class, the category class of its {@code label.} category. */
    private final List<Integer> labelCategory = new ArrayList<>();

    private final Map<String, Integer> classOf = new LinkedHashMap<>();
    private final int[] guaranteeReads;
    private final List<String> incomplete = new ArrayList<>();

    InputSpace(Policy policy) {
        List<String> sources = new ArrayList<>();
        for (Rule r : policy.rules()) sources.add(r.when().source());
        ConditionValues v = ConditionValues.of(sources);
        Set<String> loose = v.unattributedStrings();
        requestReadWhole = v.requestReadWhole();

        List<String> guaranteeWorkloads = new ArrayList<>();
        for (Guarantee g : policy.guarantees()) guaranteeWorkloads.addAll(g.workloads());
        workloads = strings(v, Subject.WORKLOAD, named("unnamed-workload", guaranteeWorkloads, loose), null);
        keys = strings(v, Subject.KEY, named("unnamed-key", List.of(), loose), null);
        teams = strings(v, Subject.TEAM, named("unnamed-team", List.of(), loose), null);
        // The other operations are witnesses: kept only where a condition tells them apart.
        operations = strings(v, Subject.OPERATION, named(OPERATIONS.get(0), List.of(), loose), OPERATIONS, null);
        List<String> modelNames = new ArrayList<>(policy.sampleModels());
        modelNames.addAll(loose);
        modelNames.add("model-nobody-serves");
        models = strings(
                v, Subject.MODEL, modelNames, m -> policy.providerServing(m).orElse(""));

        List<String> guaranteePatterns = new ArrayList<>();
        for (Guarantee g : policy.guarantees()) guaranteePatterns.addAll(g.categories());
        List<String> patterns = new ArrayList<>(guaranteePatterns);
        for (Rule r : policy.rules())
            if (r.redaction() != null) patterns.addAll(r.redaction().categories());
        List<String> labelNames = new ArrayList<>();
        for (String s : concat(v.strings(), patterns)) {
            if (s.startsWith("label.") && !s.endsWith(".*")) labelNames.add(s.substring("label.".length()));
        }
        labelClasses = strings(v, Subject.LABEL, named("unnamed-label", labelNames, loose), null);
        categoryClasses(v, patterns);

        confidences = numbers(concat(v.numbers(Subject.CONFIDENCE), v.unattributedNumbers()), 1.0, 0.0, 1.0, false);
        List<Long> sizeValues = new ArrayList<>();
        for (double n : numbers(concat(v.numbers(Subject.SIZE), v.unattributedNumbers()), 1000, 0, 1L << 53, true)) {
            sizeValues.add((long) n);
        }
        sizes = List.copyOf(sizeValues);

        for (int l = 0; l < labelClasses.size(); l++) labelCategory.add(classOf("label." + labelClasses.get(l)));
        for (int i = 0; i < sources.size(); i++) {
            List<Integer> read = new ArrayList<>();
            for (int c : elements(v.categoryReads(i), categoryClasses, 0)) read.addAll(withLabels(c));
            read.addAll(elements(v.labelReads(i), labelClasses, labelDimension(0)));
            ruleReads.add(read.stream().mapToInt(Integer::intValue).toArray());
        }
        List<Integer> byGuarantees = new ArrayList<>();
        for (int c = 0; c < categoryClasses.size(); c++) {
            String category = categoryClasses.get(c);
            if (guaranteePatterns.stream().anyMatch(p -> CategoryPattern.matches(p, category))) {
                byGuarantees.addAll(withLabels(c));
            }
        }
        guaranteeReads = byGuarantees.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Category class {@code c}, then the labels whose {@code label.} category falls in it. */
    private List<Integer> withLabels(int c) {
        List<Integer> dims = new ArrayList<>(List.of(c));
        for (int l = 0; l < labelClasses.size(); l++) if (labelCategory.get(l) == c) dims.add(labelDimension(l));
        return dims;
    }

    /** The class of a category of the universe: the one whose representative every test answers alike. */
    private int classOf(String category) {
        return classOf.get(category);
    }

    /** Whether the space holds every class of every dimension. */
    boolean complete() {
        return incomplete.isEmpty();
    }

    /** What could not be covered, for messages. */
    List<String> incomplete() {
        return incomplete;
    }

    /** Dimensions: the category classes, then the label classes, then the {@link Scalar}s. */
    int dimensions() {
        return categoryClasses.size() + labelClasses.size() + Scalar.values().length;
    }

    int labelDimension(int label) {
        return categoryClasses.size() + label;
    }

    int dimension(Scalar s) {
        return categoryClasses.size() + labelClasses.size() + s.ordinal();
    }

    int size(int dimension) {
        if (dimension < categoryClasses.size()) return 1 + counts.get(dimension).size();
        if (dimension < dimension(Scalar.CONFIDENCE)) return 2;
        return switch (Scalar.values()[dimension - dimension(Scalar.CONFIDENCE)]) {
            case CONFIDENCE -> confidences.size();
            case WORKLOAD -> workloads.size();
            case KEY -> keys.size();
            case TEAM -> teams.size();
            case OPERATION -> operations.size();
            case MODEL -> models.size();
            case API -> apis.size();
            case STREAM -> streams.size();
            case SIZE -> sizes.size();
        };
    }

    /** The category and label dimensions rule {@code i}'s condition can depend on. */
    int[] ruleReads(int rule) {
        return ruleReads.get(rule);
    }

    /** The category dimensions a guarantee protects. */
    int[] guaranteeReads() {
        return guaranteeReads;
    }

    /**
     * The request at {@code at}, one index per dimension (0: the first value; for a category or a label, absent).
     * As the classifier does, each label declared adds its {@code label.} category (so a rule that reads that
     * category reads the label too).
     */
    RequestFacts facts(int[] at) {
        Map<String, Integer> present = new LinkedHashMap<>();
        for (int c = 0; c < categoryClasses.size(); c++) {
            if (at[c] > 0) present.put(categoryClasses.get(c), counts.get(c).get(at[c] - 1));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (int l = 0; l < labelClasses.size(); l++) {
            if (at[labelDimension(l)] > 0) {
                declared.add(labelClasses.get(l));
                present.putIfAbsent("label." + labelClasses.get(l), 1);
            }
        }
        double confidence = confidences.get(at[dimension(Scalar.CONFIDENCE)]);
        List<Finding> findings = new ArrayList<>(present.size());
        for (String c : present.keySet()) findings.add(new Finding(c, 0, 1, confidence, "checker"));
        return new RequestFacts(
                apis.get(at[dimension(Scalar.API)]),
                operations.get(at[dimension(Scalar.OPERATION)]),
                models.get(at[dimension(Scalar.MODEL)]),
                streams.get(at[dimension(Scalar.STREAM)]),
                sizes.get(at[dimension(Scalar.SIZE)]),
                keys.get(at[dimension(Scalar.KEY)]),
                teams.get(at[dimension(Scalar.TEAM)]),
                workloads.get(at[dimension(Scalar.WORKLOAD)]),
                declared,
                present,
                findings);
    }

    private List<String> strings(
            ConditionValues v, Subject s, Collection<String> named, Function<String, Object> extra) {
        return strings(v, s, named, List.of(), extra);
    }

    private List<String> strings(
            ConditionValues v,
            Subject s,
            Collection<String> named,
            Collection<String> witnesses,
            Function<String, Object> extra) {
        ValueClasses.Values values = ValueClasses.of(named, v.equalities(s), v.tests(s), witnesses, extra);
        if (!values.complete())
            incomplete.add("no value found for a test of " + s.name().toLowerCase(Locale.ROOT));
        return values.values();
    }

    private static List<String> named(String first, Collection<String> more, Collection<String> loose) {
        List<String> n = new ArrayList<>();
        n.add(first);
        n.addAll(more);
        n.addAll(loose);
        return n;
    }

    /** The dimensions (from {@code first}) of the elements among {@code classes} that {@code reads} names. */
    private static List<Integer> elements(ConditionValues.Reads reads, List<String> classes, int first) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            String e = classes.get(i);
            if (reads.whole()
                    || reads.literals().contains(e)
                    || reads.tests().stream().anyMatch(t -> t.test(e))) {
                out.add(first + i);
            }
        }
        return out;
    }

    /**
     * One category per class of categories that the conditions' literals and tests, the guarantees and the
     * redactions answer alike; and for a category whose count a condition compares, each count on either side.
     */
    private void categoryClasses(ConditionValues v, List<String> patterns) {
        Set<String> equalities = new TreeSet<>(v.equalities(Subject.CATEGORY));
        for (String s : v.strings()) if (ConditionNames.isCategory(s)) equalities.add(s);
        equalities.addAll(v.counts().keySet());
        List<StringTest> tests = new ArrayList<>(v.tests(Subject.CATEGORY));
        // A loose literal ending in a dot ("'special.' + x") may be a family prefix.
        for (String s : v.unattributedStrings()) if (s.endsWith(".")) tests.add(new StringTest("startsWith", s));

        Set<String> universe = new TreeSet<>(Categories.builtIn());
        universe.addAll(equalities);
        for (String l : labelClasses) universe.add("label." + l);
        for (StringTest t : tests) {
            if (universe.stream().noneMatch(t::test) && !t.function().equals("matches")) {
                String l = t.literal();
                universe.add(
                        switch (t.function()) {
                            case "startsWith" -> l.endsWith(".") ? l + "other" : l + ".other";
                            case "endsWith" -> "custom.other" + (l.startsWith(".") ? l : "." + l);
                            default -> "custom.other." + l;
                        });
            }
        }
        for (String p : patterns) {
            if (p.equals("*") || universe.stream().anyMatch(c -> CategoryPattern.matches(p, c))) continue;
            universe.add(p.endsWith(".*") ? p.substring(0, p.length() - 2) + ".other" : p);
        }
        for (StringTest t : tests) {
            if (universe.stream().noneMatch(t::test)) incomplete.add("no category found for " + t);
        }

        Map<List<Boolean>, Integer> classes = new LinkedHashMap<>();
        for (String c : universe) {
            List<Boolean> vector = new ArrayList<>();
            for (String e : equalities) vector.add(e.equals(c));
            for (StringTest t : tests) vector.add(t.test(c));
            for (String p : patterns) vector.add(CategoryPattern.matches(p, c));
            Integer k = classes.get(vector);
            if (k == null) {
                k = categoryClasses.size();
                classes.put(vector, k);
                categoryClasses.add(c);
            }
            classOf.put(c, k);
        }
        for (String c : categoryClasses) {
            Set<Long> compared = v.counts().getOrDefault(c, Set.of());
            List<Integer> values = new ArrayList<>();
            for (double n : numbers(compared.stream().map(Long::doubleValue).toList(), 1, 1, Integer.MAX_VALUE, true)) {
                values.add((int) n);
            }
            counts.add(List.copyOf(values));
        }
    }

    /**
     * The default first, then each number and its neighbours on either side (whole numbers when {@code
     * integral}), within [min, max]; of those that every number answers alike (below, equal, above), only the
     * first.
     */
    private static List<Double> numbers(
            Collection<Double> named, double first, double min, double max, boolean integral) {
        Set<Double> candidates = new LinkedHashSet<>();
        candidates.add(first);
        Set<Double> sorted = new TreeSet<>(named);
        for (double n : sorted) {
            for (double x : integral
                    ? List.of(Math.floor(n) - 1, Math.floor(n), Math.ceil(n), Math.ceil(n) + 1)
                    : List.of(Math.nextDown(n), n, Math.nextUp(n))) {
                if (x >= min && x <= max) candidates.add(x);
            }
        }
        Map<List<Integer>, Double> classes = new LinkedHashMap<>();
        for (double x : candidates) {
            List<Integer> vector = new ArrayList<>();
            for (double n : sorted) vector.add(Double.compare(x, n));
            classes.putIfAbsent(vector, x);
        }
        return List.copyOf(classes.values());
    }

    private static <T> List<T> concat(Collection<? extends T> a, Collection<? extends T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
