package dev.sovereign.policy;

import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.policy.InputSpace.Scalar;
import dev.sovereign.policy.internal.Conditions;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a policy's guarantees by deciding every request of its finite input space and asking whether the
 * outcome breaks one.
 *
 * <p>Design note. Conditions are CEL over a few variables, and what they can tell apart is finite. {@link
 * InputSpace} reads from the conditions' syntax trees which literals, string tests and numbers each variable is
 * compared with, and keeps one value per class of values that they (and the guarantees, the redactions and the
 * model map) answer alike: each class of categories and of labels, absent or present; the workloads, keys, teams,
 * operations and models named, with witnesses for prefixes, suffixes, substrings and patterns and one value named
 * nowhere; each number compared and its neighbours. A literal whose variable cannot be told is a value of every
 * string variable.
 *
 * <p>The product of those dimensions is large, but a decision reads only some of them: a request with a secret is
 * blocked by the first rule whatever its workload. So the checker walks the space as a tree: it decides a request
 * with every dimension not yet chosen at its first value (no data, no labels, the unnamed workload), notes what the
 * decision read, and branches on the first dimension read that is not chosen yet. What a decision reads: for each
 * rule tried, the category and label classes its condition can depend on (from its syntax tree, see {@link
 * InputSpace}); the variables and {@code request} fields the conditions asked for while evaluated; for a request
 * forwarded, the categories the guarantees protect and the workload when a guarantee names workloads; and the model
 * when model routing places the request. When every dimension read is chosen, the outcome holds for every value of
 * the others, which cannot change it; so the walk is exact, not a sample, and most branches end after a few
 * rules. Category classes are read first by most policies, so the kinds of data branch first.
 *
 * <p>The check is exhaustive when the walk ends within {@link #MAX_INPUTS} decisions and every regular
 * expression got a value that matches it. {@link Result#inputs()} counts the requests decided.
 */
public final class GuaranteeChecker {
    /** Inputs decided at most; beyond it the space is cut and the result says it was not exhaustive. */
    public static final int MAX_INPUTS = 2_000_000;

    private final Policy policy;

    public GuaranteeChecker(Policy policy) {
        this.policy = policy;
    }

    /**
     * A request that breaks a guarantee, and what the policy did with it. {@code modelPattern} is the model-map glob
     * the request's model was made up for ({@code claude-*} for {@code claude-x}), or {@code null} for a name as
     * configured or a name no provider serves.
     */
    public record Counterexample(
            Guarantee guarantee,
            RequestFacts input,
            Decision decision,
            PolicyRoute route,
            Set<String> reaching,
            String modelPattern) {
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
            if (modelPattern != null)
                sb.append(" (any model matching ").append(modelPattern).append(')');
            if (decision.upstreamModel() != null && !decision.upstreamModel().equals(input.model())) {
                // The model it is sent as can place it elsewhere than the provider's region (Bedrock's global.).
                sb.append(" sent as '").append(decision.upstreamModel()).append("'");
                if (route.region() != null)
                    sb.append(" (region ").append(route.region()).append(")");
            }
            Set<String> protectedData = new TreeSet<>();
            for (String c : reaching) {
                if (guarantee.categories().isEmpty() || CategoryPattern.matchesAny(guarantee.categories(), c)) {
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
        Walk walk = new Walk(new InputSpace(policy));
        int[] at = new int[walk.space.dimensions()];
        Arrays.fill(at, -1);
        walk.explore(at, null);
        return new Result(
                walk.found,
                Math.min(walk.inputs, MAX_INPUTS),
                !walk.cut && walk.space.complete(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The dimensions a decided request depended on, in the order they were first read. */
    private static final class Reads {
        private final boolean[] seen;
        private int[] order = new int[16];
        private int size;

        Reads(int dimensions) {
            seen = new boolean[dimensions];
        }

        void add(int dimension) {
            if (seen[dimension]) return;
            seen[dimension] = true;
            if (size == order.length) order = Arrays.copyOf(order, size * 2);
            order[size++] = dimension;
        }

        void addAll(int[] dimensions) {
            for (int d : dimensions) add(d);
        }
    }

    private final class Walk {
        final InputSpace space;
        final List<Counterexample> found = new ArrayList<>();
        final Set<String> violated = new HashSet<>();
        final boolean guaranteesNameWorkloads;
        long inputs;
        boolean cut;

        Walk(InputSpace space) {
            this.space = space;
            this.guaranteesNameWorkloads =
                    policy.guarantees().stream().anyMatch(g -> !g.workloads().isEmpty());
        }

        /**
         * Decides the request at {@code at} (-1: not chosen yet, so its first value) unless {@code known} already
         * holds what it read, then branches on the first dimension it read that is not chosen yet.
         */
        void explore(int[] at, Reads known) {
            Reads read = known;
            if (read == null) {
                if (++inputs > MAX_INPUTS) {
                    cut = true;
                    return;
                }
                read = decide(at);
            }
            int next = -1;
            for (int i = 0; i < read.size && next < 0; i++) {
                int d = read.order[i];
                if (at[d] < 0 && space.size(d) > 1) next = d;
            }
            if (next < 0) return;
            int n = space.size(next);
            for (int i = 0; i < n && !cut; i++) {
                at[next] = i;
                // The first value is the one the request just decided had: same request, same reads.
                explore(at, i == 0 ? read : null);
            }
            at[next] = -1;
        }

        private Reads decide(int[] at) {
            int[] concrete = at.clone();
            for (int i = 0; i < concrete.length; i++) if (concrete[i] < 0) concrete[i] = 0;
            RequestFacts facts = space.facts(concrete);
            Reads read = new Reads(concrete.length);
            Map<String, Object> variables = Conditions.variables(facts);
            Decision d = policy.decide(
                    facts,
                    name -> {
                        Object value = variables.get(name);
                        switch (name) {
                            case "findings" -> {
                                if (!facts.findings().isEmpty()) read.add(space.dimension(Scalar.CONFIDENCE));
                            }
                            case "workload" -> read.add(space.dimension(Scalar.WORKLOAD));
                            case "key" -> read.add(space.dimension(Scalar.KEY));
                            case "team" -> read.add(space.dimension(Scalar.TEAM));
                            case "request" -> value = new WatchedRequest(asMap(value), read, space);
                            // categories and labels: by the rule tried, from its syntax tree
                            default -> {}
                        }
                        return Optional.ofNullable(value);
                    },
                    rule -> read.addAll(space.ruleReads(rule)));
            if (d.action() == Decision.Action.FORWARD) {
                read.addAll(space.guaranteeReads());
                if (guaranteesNameWorkloads) read.add(space.dimension(Scalar.WORKLOAD));
            }
            // The model map places a request that no route gives a model, and the model it is sent as says where it is
            // processed (a Bedrock global. inference profile is not in the provider's region).
            boolean placedByModel = d.route() == null
                    || policy.route(d.route()).map(r -> r.model() == null).orElse(true);
            if (d.action() != Decision.Action.BLOCK && placedByModel) read.add(space.dimension(Scalar.MODEL));
            for (Guarantee g : policy.violations(facts, d)) {
                if (violated.add(g.id())) {
                    String pattern = policy.samplePatterns().get(facts.model());
                    found.add(new Counterexample(
                            g,
                            facts,
                            d,
                            policy.routeOf(d),
                            Policy.reaching(facts, d),
                            pattern == null || pattern.equals(facts.model()) ? null : pattern));
                }
            }
            return read;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The {@code request} variable, noting which of its fields a condition reads. */
    private static final class WatchedRequest extends AbstractMap<String, Object> {
        private final Map<String, Object> fields;
        private final Reads read;
        private final InputSpace space;

        WatchedRequest(Map<String, Object> fields, Reads read, InputSpace space) {
            this.fields = fields;
            this.read = read;
            this.space = space;
        }

        @Override
        public Object get(Object key) {
            note(key);
            return fields.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            note(key);
            return fields.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            // Unless some condition uses request other than by a field (request.model, request['model']),
            // iterating it is CEL converting its values before it takes a field, not a read.
            if (space.requestReadWhole) for (Object k : fields.keySet()) note(k);
            return fields.entrySet();
        }

        private void note(Object key) {
            if (!(key instanceof String k)) return;
            switch (k) {
                case "api" -> read.add(space.dimension(Scalar.API));
                case "operation" -> read.add(space.dimension(Scalar.OPERATION));
                case "model" -> read.add(space.dimension(Scalar.MODEL));
                case "stream" -> read.add(space.dimension(Scalar.STREAM));
                case "size" -> read.add(space.dimension(Scalar.SIZE));
                default -> {}
            }
        }
    }
}
