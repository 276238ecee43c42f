package dev.sovereign.policy;

import dev.sovereign.classify.Categories;
import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a policy's guarantees by deciding every request of its finite input space and asking whether the
 * outcome breaks one.
 *
 * <p>Design note. Conditions are CEL over a few variables, and what they can tell apart is finite: the
 * categories present (every built-in category alone, and together with every combination of the categories the
 * policy names), the literal strings and numbers the conditions compare with (workloads, keys, labels, models,
 * sizes), and the models each provider's map routes. So the space is: category sets × the workloads, keys,
 * teams and labels named (plus one that is named nowhere) × the request's API, stream flag, model (one per
 * model-map entry, each named one, and one nobody serves) and size around each number named — each dimension
 * only when some condition reads it. Within {@link #MAX_INPUTS} the check is exhaustive over that space.
 */
public final class GuaranteeChecker {
    /** Inputs decided at most; beyond it the space is cut and the result says it was not exhaustive. */
    public static final int MAX_INPUTS = 2_000_000;

    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w.'\"])(\\d+)(?![\\w.])");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");
    private static final Set<String> FAMILIES =
            Set.of("pii", "special", "financial", "secret", "custom", "label", "content");

    private final Policy policy;

    public GuaranteeChecker(Policy policy) {
        this.policy = policy;
    }

    /** A request that breaks a guarantee, and what the policy did with it. */
    public record Counterexample(
            Guarantee guarantee, RequestFacts input, Decision decision, PolicyRoute route, Set<String> reaching) {
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(guarantee.scope()).append(" reaches ");
            sb.append(route.name() != null ? "route '" + route.name() + "' (" : "(");
            sb.append("provider ")
                    .append(route.provider())
                    .append(", jurisdiction ")
                    .append(route.jurisdiction());
            sb.append(") by rule '").append(decision.ruleId()).append("' for a request with categories ");
            sb.append(new TreeSet<>(input.categories().keySet()));
            sb.append(", workload '").append(input.workload()).append("'");
            if (!input.labels().isEmpty()) sb.append(", labels ").append(new TreeSet<>(input.labels()));
            sb.append(", model '")
                    .append(input.model())
                    .append("' (")
                    .append(input.api().id());
            sb.append(input.stream() ? ", streaming" : "").append(")");
            Set<String> protectedData = new TreeSet<>();
            for (String c : reaching) {
                if (guarantee.categories().isEmpty() || CategoryPatterns.matchesAny(guarantee.categories(), c)) {
                    protectedData.add(c);
                }
            }
            if (!protectedData.isEmpty() && !guarantee.categories().isEmpty()) {
                sb.append("; not redacted: ").append(protectedData);
            }
            return sb.toString();
        }
    }

    public record Result(List<Counterexample> counterexamples, long inputs, boolean exhaustive, Duration took) {
        public boolean holds() {
            return counterexamples.isEmpty();
        }
    }

    public Result check() {
        long start = System.nanoTime();
        StringBuilder sources = new StringBuilder();
        for (Rule r : policy.rules()) sources.append(r.when().source()).append('\n');
        String src = sources.toString();
        Set<String> literals = new LinkedHashSet<>();
        Matcher m = STRING_LITERAL.matcher(src);
        while (m.find()) literals.add(m.group(1) != null ? m.group(1) : m.group(2));
        Set<Long> numbers = new TreeSet<>();
        Matcher n = NUMBER_LITERAL.matcher(src.replaceAll(STRING_LITERAL.pattern(), "''"));
        while (n.find()) {
            try {
                numbers.add(Long.parseLong(n.group(1)));
            } catch (NumberFormatException e) {
                // longer than a long: no request size reaches it
            }
        }

        Set<String> universe = new TreeSet<>(Categories.builtIn());
        Set<String> mentioned = new TreeSet<>();
        for (String s : literals) {
            if (CATEGORY.matcher(s).matches() && FAMILIES.contains(s.substring(0, s.indexOf('.')))) {
                universe.add(s);
                mentioned.add(s);
            }
        }
        List<String> patterns = new ArrayList<>();
        for (Guarantee g : policy.guarantees()) patterns.addAll(g.categories());
        for (Rule r : policy.rules())
            if (r.redaction() != null) patterns.addAll(r.redaction().categories());
        for (String p : patterns) {
            boolean covered = universe.stream().anyMatch(c -> CategoryPatterns.matches(p, c));
            String representative = p.endsWith(".*") ? p.substring(0, p.length() - 2) + ".other" : p;
            if (!covered && !p.equals("*")) universe.add(representative);
            if (!p.endsWith(".*") && !p.equals("*")) mentioned.add(p);
        }
        // Families the policy names (a prefix in a condition, a pattern in a guarantee or a redaction): one of
        // their categories joins the combinations, so that rules about one family meet data of another.
        Set<String> families = new TreeSet<>();
        for (String s : literals) {
            String f = s.endsWith(".")
                    ? s.substring(0, s.length() - 1)
                    : s.endsWith(".*") ? s.substring(0, s.length() - 2) : null;
            if (f != null && !f.isEmpty()) families.add(f);
        }
        for (String p : patterns) if (p.endsWith(".*")) families.add(p.substring(0, p.length() - 2));
        for (String f : families) {
            universe.stream().filter(c -> c.startsWith(f + ".")).findFirst().ifPresent(mentioned::add);
        }
        boolean readsLabels = reads(src, "labels");
        List<Set<String>> labelSets = new ArrayList<>();
        labelSets.add(Set.of());
        if (readsLabels) for (String l : literals) labelSets.add(Set.of(l));
        for (String s : literals) {
            if (s.startsWith("label.")) labelSets.add(Set.of(s.substring("label.".length())));
        }

        List<String> mentionedList = new ArrayList<>(mentioned);
        if (mentionedList.size() > 10) mentionedList = mentionedList.subList(0, 10);
        Set<Set<String>> categorySets = new LinkedHashSet<>();
        categorySets.add(Set.of());
        for (String u : universe) categorySets.add(Set.of(u));
        int subsets = 1 << mentionedList.size();
        for (int mask = 1; mask < subsets; mask++) {
            Set<String> s = new TreeSet<>();
            for (int b = 0; b < mentionedList.size(); b++) if ((mask & (1 << b)) != 0) s.add(mentionedList.get(b));
            categorySets.add(s);
            for (String u : universe) {
                Set<String> t = new TreeSet<>(s);
                t.add(u);
                categorySets.add(t);
            }
        }

        List<String> workloads = values(reads(src, "workload"), literals, "unnamed-workload");
        for (Guarantee g : policy.guarantees())
            for (String w : g.workloads()) if (!workloads.contains(w)) workloads.add(w);
        List<String> keys = values(reads(src, "key"), literals, "unnamed-key");
        List<String> teams = values(reads(src, "team"), literals, "unnamed-team");
        boolean readsRequest = reads(src, "request");
        List<WireFormat> apis =
                readsRequest ? List.of(WireFormat.ANTHROPIC, WireFormat.OPENAI) : List.of(WireFormat.OPENAI);
        List<Boolean> streams = readsRequest ? List.of(false, true) : List.of(false);
        Set<String> models = new LinkedHashSet<>(policy.sampleModels());
        if (readsRequest) models.addAll(literals);
        models.add("model-nobody-serves");
        List<Long> sizes = new ArrayList<>(List.of(1000L));
        if (readsRequest) {
            for (long x : numbers) {
                sizes.add(x);
                sizes.add(x + 1);
                if (x > 0) sizes.add(x - 1);
            }
        }
        List<String> operations = readsRequest
                ? List.of("messages", "chat_completions", "embeddings", "count_tokens")
                : List.of("chat_completions");
        List<Double> confidences = reads(src, "findings") ? List.of(0.5, 0.75, 0.9, 0.99, 1.0) : List.of(1.0);

        List<Counterexample> found = new ArrayList<>();
        Set<String> violated = new LinkedHashSet<>();
        long inputs = 0;
        boolean exhaustive = true;
        outer:
        for (Set<String> cats : categorySets) {
            for (Set<String> labels : labelSets) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (String c : cats) counts.put(c, 1);
                for (String l : labels) counts.put("label." + l, 1);
                for (double confidence : confidences) {
                    List<Finding> findings = new ArrayList<>();
                    for (String c : counts.keySet()) findings.add(new Finding(c, 0, 1, confidence, "checker"));
                    for (String workload : workloads) {
                        for (String key : keys) {
                            for (String team : teams) {
                                for (WireFormat api : apis) {
                                    for (boolean stream : streams) {
                                        for (String model : models) {
                                            for (long size : sizes) {
                                                for (String op : operations) {
                                                    if (++inputs > MAX_INPUTS) {
                                                        exhaustive = false;
                                                        break outer;
                                                    }
                                                    RequestFacts facts = new RequestFacts(
                                                            api, op, model, stream, size, key, team, workload, labels,
                                                            counts, findings);
                                                    Decision d = policy.decide(facts);
                                                    for (Guarantee g : policy.violations(facts, d)) {
                                                        if (violated.add(g.id())) {
                                                            found.add(new Counterexample(
                                                                    g,
                                                                    facts,
                                                                    d,
                                                                    policy.routeOf(d),
                                                                    Policy.reaching(facts, d)));
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Result(found, Math.min(inputs, MAX_INPUTS), exhaustive, Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean reads(String source, String variable) {
        return Pattern.compile("(?<![\\w.'\"])" + variable + "(?![\\w'\"])")
                .matcher(source)
                .find();
    }

    private static List<String> values(boolean read, Set<String> literals, String unnamed) {
        List<String> v = new ArrayList<>();
        if (read) v.addAll(literals);
        v.add(unnamed);
        return v;
    }
}
