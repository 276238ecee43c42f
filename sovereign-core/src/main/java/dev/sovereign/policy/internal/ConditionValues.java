package dev.sovereign.policy.internal;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the conditions compare each variable with, read from their syntax trees, for the guarantee checker: the
 * literals a variable is compared with ({@code workload == 'hr'}, {@code 'hr' == workload}, {@code workload in
 * ['hr', 'legal']}, {@code 'x' in labels}, {@code labels.exists(l, l == 'x')}, {@code 'pii.email' in categories}),
 * the string tests applied to it ({@code request.model.startsWith('claude-')}, {@code categories.exists(c,
 * c.startsWith('special.'))}, {@code endsWith}, {@code contains}, {@code matches}) and the numbers it is ordered
 * against ({@code request.size > 1000}, {@code f.confidence >= 0.9}, {@code categories['pii.email'] > 20}).
 *
 * <p>A literal whose variable cannot be told (under a function or a construct not modelled here, such as {@code
 * size(workload) > 3} or {@code workload + '-x' == key}) is <em>unattributed</em>: the checker then tries it as a
 * value of every string variable, so no value that could change a decision is lost.
 */
public final class ConditionValues {
    /** A variable, or a field of one, that conditions compare with literals. */
    public enum Subject {
        WORKLOAD,
        KEY,
        TEAM,
        LABEL,
        CATEGORY,
        CONFIDENCE,
        COUNT,
        API,
        OPERATION,
        MODEL,
        SIZE
    }

    /** A string test: {@code startsWith}, {@code endsWith}, {@code contains} or {@code matches}. */
    public record StringTest(String function, String literal) {
        public boolean test(String value) {
            return switch (function) {
                case "startsWith" -> value.startsWith(literal);
                case "endsWith" -> value.endsWith(literal);
                case "contains" -> value.contains(literal);
                default -> {
                    // CEL's matches is a partial match (RE2); a pattern Java cannot read matches nothing here, and
                    // the checker then finds no witness for it and says so.
                    try {
                        yield Pattern.compile(literal).matcher(value).find();
                    } catch (PatternSyntaxException e) {
                        yield false;
                    }
                }
            };
        }
    }

    /**
     * How one condition reads a collection variable ({@code categories} and {@code findings}, or {@code labels}):
     * which elements' presence can change its value. {@code whole} when it uses the collection in a way not
     * modelled here (its size, a comprehension whose body can hold for an element no literal or test names);
     * otherwise only the elements equal to one of {@code literals} or passing one of {@code tests}.
     */
    public record Reads(boolean whole, Set<String> literals, Set<StringTest> tests) {
        public boolean any() {
            return whole || !literals.isEmpty() || !tests.isEmpty();
        }
    }

    private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .build();
    static final Set<String> STRING_TESTS = Set.of("startsWith", "endsWith", "contains", "matches");
    private static final Set<String> ORDERINGS = Set.of("_<_", "_<=_", "_>_", "_>=_");
    private static final Set<String> REQUEST_FIELDS = Set.of("api", "operation", "model", "stream", "size");

    private final Map<Subject, Set<String>> equals = new HashMap<>();
    private final Map<Subject, Set<StringTest>> tests = new HashMap<>();
    private final Map<Subject, Set<Double>> numbers = new HashMap<>();
    private final Map<String, Set<Long>> counts = new LinkedHashMap<>();
    private final Set<String> strings = new LinkedHashSet<>();
    private final Set<Double> allNumbers = new TreeSet<>();
    private final Set<String> unattributedStrings = new LinkedHashSet<>();
    private final Set<Double> unattributedNumbers = new TreeSet<>();
    // Per source: expression ids are unique only within one syntax tree.
    private final Map<Long, Object> constants = new LinkedHashMap<>();
    private final Set<Long> attributed = new LinkedHashSet<>();
    private final Set<Set<Subject>> compared = new LinkedHashSet<>();
    private boolean requestReadWhole;
    private final List<Reads> categoryReads = new ArrayList<>();
    private final List<Reads> labelReads = new ArrayList<>();
    // Per source, as they are read.
    private final Map<String, Set<String>> literalsRead = new HashMap<>();
    private final Map<String, Set<StringTest>> testsRead = new HashMap<>();
    private final Set<String> readWhole = new HashSet<>();

    private ConditionValues() {}

    /** The values in {@code sources}, each a condition that already compiled. */
    public static ConditionValues of(List<String> sources) {
        ConditionValues v = new ConditionValues();
        for (String source : sources) {
            try {
                v.visit(PARSER.parse(source).getAst().getExpr(), Map.of());
            } catch (CelValidationException e) {
                throw new IllegalArgumentException("condition does not parse: " + e.getMessage(), e);
            }
            v.categoryReads.add(v.reads("categories"));
            v.labelReads.add(v.reads("labels"));
            for (var c : v.constants.entrySet()) {
                if (v.attributed.contains(c.getKey())) continue;
                if (c.getValue() instanceof String x) v.unattributedStrings.add(x);
                if (c.getValue() instanceof Double x) v.unattributedNumbers.add(x);
            }
            v.constants.clear();
            v.attributed.clear();
        }
        return v;
    }

    /** Literals {@code subject} is compared with for equality or membership, in order of appearance. */
    public Set<String> equalities(Subject subject) {
        Set<String> s = new LinkedHashSet<>(equals.getOrDefault(subject, Set.of()));
        // Two variables compared with each other ({@code workload == team}): each takes the other's values.
        for (Set<Subject> pair : compared) {
            if (pair.contains(subject)) for (Subject o : pair) s.addAll(equals.getOrDefault(o, Set.of()));
        }
        return s;
    }

    public Set<StringTest> tests(Subject subject) {
        return tests.getOrDefault(subject, Set.of());
    }

    /** Numbers {@code subject} is ordered against or compared with, ascending. */
    public Set<Double> numbers(Subject subject) {
        return new TreeSet<>(numbers.getOrDefault(subject, Set.of()));
    }

    /** For {@code categories['pii.email'] > 20}: category → the counts it is compared with. */
    public Map<String, Set<Long>> counts() {
        return counts;
    }

    /** How the {@code i}th condition reads {@code categories} and {@code findings}. */
    public Reads categoryReads(int i) {
        return categoryReads.get(i);
    }

    /** How the {@code i}th condition reads {@code labels}. */
    public Reads labelReads(int i) {
        return labelReads.get(i);
    }

    private Reads reads(String collection) {
        Reads r = new Reads(
                readWhole.contains(collection),
                Set.copyOf(literalsRead.getOrDefault(collection, Set.of())),
                Set.copyOf(testsRead.getOrDefault(collection, Set.of())));
        readWhole.remove(collection);
        literalsRead.remove(collection);
        testsRead.remove(collection);
        return r;
    }

    private void readElement(String collection, String literal) {
        if (literal == null) readWhole.add(collection);
        else
            literalsRead.computeIfAbsent(collection, k -> new LinkedHashSet<>()).add(literal);
    }

    /**
     * Whether a condition uses {@code request} other than by taking a field with a literal name ({@code
     * request.model}, {@code request['model']}, {@code has(request.model)}).
     */
    public boolean requestReadWhole() {
        return requestReadWhole;
    }

    /** Every string literal, in order of appearance. */
    public Set<String> strings() {
        return strings;
    }

    /** Every number literal, ascending. */
    public Set<Double> allNumbers() {
        return allNumbers;
    }

    /** String literals no variable could be attributed to: candidates for every string variable. */
    public Set<String> unattributedStrings() {
        return unattributedStrings;
    }

    /** Number literals no variable could be attributed to: candidates for every number. */
    public Set<Double> unattributedNumbers() {
        return unattributedNumbers;
    }

    private void visit(CelExpr e, Map<String, String> scope) {
        switch (e.getKind()) {
            case CONSTANT -> constant(e);
            case IDENT -> {
                if (isVariable(e, "request", scope)) requestReadWhole = true;
                String c = collection(e, scope);
                if (c != null) readWhole.add(c);
            }
            case CALL -> {
                CelExpr.CelCall call = e.call();
                attribute(call, scope);
                call.target().ifPresent(t -> visit(t, scope));
                List<CelExpr> args = call.args();
                String f = call.function();
                boolean byName = f.equals("_[_]") && args.size() == 2 && string(args.get(1)) != null;
                boolean findingField = byName
                        && args.get(0).getKind() == ExprKind.Kind.IDENT
                        && "finding".equals(scope.get(args.get(0).ident().name()));
                if (byName && (isVariable(args.get(0), "request", scope) || findingField)) {
                    // request['model'], f['category']: the literal is a field name, not a value
                    attributed.add(args.get(1).id());
                    if (findingField) visit(args.get(0), scope);
                } else if (byName && isVariable(args.get(0), "categories", scope)) {
                    readElement("categories", string(args.get(1)));
                    visit(args.get(1), scope);
                } else if (f.equals("@in") && args.size() == 2 && collection(args.get(1), scope) != null) {
                    readElement(collection(args.get(1), scope), string(args.get(0)));
                    visit(args.get(0), scope);
                } else {
                    for (CelExpr a : args) visit(a, scope);
                }
            }
            case SELECT -> {
                if (!isVariable(e.select().operand(), "request", scope))
                    visit(e.select().operand(), scope);
            }
            case LIST -> e.list().elements().forEach(x -> visit(x, scope));
            case MAP ->
                e.map().entries().forEach(x -> {
                    visit(x.key(), scope);
                    visit(x.value(), scope);
                });
            case STRUCT -> e.struct().entries().forEach(x -> visit(x.value(), scope));
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                String over = collection(c.iterRange(), scope);
                if (over == null) visit(c.iterRange(), scope);
                else scan(over, c, element(c.iterRange(), scope));
                Map<String, String> inner = new HashMap<>(scope);
                inner.put(c.accuVar(), "");
                visit(c.accuInit(), inner);
                inner.put(c.iterVar(), element(c.iterRange(), scope));
                visit(c.loopCondition(), inner);
                visit(c.loopStep(), inner);
                inner.remove(c.iterVar());
                visit(c.result(), inner);
            }
            default -> {}
        }
    }

    /** {@code categories} (also for {@code findings}, made of the categories) or {@code labels}, else null. */
    private static String collection(CelExpr e, Map<String, String> scope) {
        if (isVariable(e, "categories", scope) || isVariable(e, "findings", scope)) return "categories";
        if (isVariable(e, "labels", scope)) return "labels";
        return null;
    }

    /**
     * A comprehension over a collection: which elements can change its value. When an element that passes none
     * of the body's tests leaves the accumulator as it was ({@code exists}, {@code all} of a negated test,
     * {@code exists_one}), only the elements that pass one matter; otherwise all of them do.
     */
    private void scan(String collection, CelExpr.CelComprehension c, String kind) {
        Set<String> literals = new LinkedHashSet<>();
        Set<StringTest> elementTests = new LinkedHashSet<>();
        if (!CollectionScan.dependsOnlyOnNamed(c, kind, literals, elementTests)) {
            readWhole.add(collection);
            return;
        }
        literalsRead.computeIfAbsent(collection, k -> new LinkedHashSet<>()).addAll(literals);
        testsRead.computeIfAbsent(collection, k -> new LinkedHashSet<>()).addAll(elementTests);
    }

    /** What the loop variable over {@code range} stands for: a label, a category, a finding, or nothing known. */
    private static String element(CelExpr range, Map<String, String> scope) {
        if (isVariable(range, "labels", scope)) return "label";
        if (isVariable(range, "categories", scope)) return "category";
        if (isVariable(range, "findings", scope)) return "finding";
        return "";
    }

    private void constant(CelExpr e) {
        CelConstant c = e.constant();
        Object value = switch (c.getKind()) {
            case STRING_VALUE -> c.stringValue();
            case INT64_VALUE -> (double) c.int64Value();
            case UINT64_VALUE -> c.uint64Value().doubleValue();
            case DOUBLE_VALUE -> c.doubleValue();
            default -> null;
        };
        if (value instanceof String s) strings.add(s);
        if (value instanceof Double d) allNumbers.add(d);
        if (value != null) constants.put(e.id(), value);
    }

    private void attribute(CelExpr.CelCall call, Map<String, String> scope) {
        List<CelExpr> args = call.args();
        String f = call.function();
        if (call.target().isPresent() && STRING_TESTS.contains(f) && args.size() == 1) {
            Subject s = subject(call.target().get(), scope);
            String literal = string(args.get(0));
            if (s != null && literal != null) {
                tests.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(new StringTest(f, literal));
                attributed.add(args.get(0).id());
            }
            return;
        }
        if (args.size() != 2) return;
        CelExpr left = args.get(0);
        CelExpr right = args.get(1);
        switch (f) {
            case "_==_", "_!=_" -> {
                compare(left, right, scope);
                compare(right, left, scope);
                Subject l = subject(left, scope);
                Subject r = subject(right, scope);
                if (l != null && r != null) compared.add(Set.of(l, r));
            }
            case "@in" -> {
                Subject element = subject(left, scope);
                if (element != null && right.getKind() == ExprKind.Kind.LIST) {
                    for (CelExpr x : right.list().elements()) equal(element, x);
                }
                if (isVariable(right, "labels", scope)) equal(Subject.LABEL, left);
                if (isVariable(right, "categories", scope)) equal(Subject.CATEGORY, left);
            }
            case "_[_]" -> {
                // categories['pii.email']: the literal names a category (its count is the subject)
                if (isVariable(left, "categories", scope)) equal(Subject.CATEGORY, right);
            }
            default -> {
                if (ORDERINGS.contains(f)) {
                    order(left, right, scope);
                    order(right, left, scope);
                }
            }
        }
    }

    private void compare(CelExpr variable, CelExpr literal, Map<String, String> scope) {
        Subject s = subject(variable, scope);
        if (s == null) return;
        if (s == Subject.SIZE || s == Subject.CONFIDENCE || s == Subject.COUNT) {
            order(variable, literal, scope);
        } else {
            equal(s, literal);
        }
    }

    private void equal(Subject s, CelExpr literal) {
        String value = string(literal);
        if (value == null) return;
        equals.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(value);
        attributed.add(literal.id());
    }

    private void order(CelExpr variable, CelExpr literal, Map<String, String> scope) {
        Subject s = subject(variable, scope);
        Double n = number(literal);
        if (s == null || n == null) return;
        if (s == Subject.COUNT) {
            String category = string(variable.call().args().get(1));
            counts.computeIfAbsent(category, k -> new TreeSet<>()).add((long) Math.floor(n));
            counts.get(category).add((long) Math.ceil(n));
        } else {
            numbers.computeIfAbsent(s, k -> new TreeSet<>()).add(n);
        }
        attributed.add(literal.id());
    }

    /** The variable or field {@code e} reads, if it is one this class models. */
    private static Subject subject(CelExpr e, Map<String, String> scope) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                if (scope.containsKey(name)) {
                    return switch (scope.get(name)) {
                        case "label" -> Subject.LABEL;
                        case "category" -> Subject.CATEGORY;
                        default -> null;
                    };
                }
                return switch (name) {
                    case "workload" -> Subject.WORKLOAD;
                    case "key" -> Subject.KEY;
                    case "team" -> Subject.TEAM;
                    default -> null;
                };
            }
            case SELECT -> {
                return field(e.select().operand(), e.select().field(), scope);
            }
            case CALL -> {
                CelExpr.CelCall c = e.call();
                if (!c.function().equals("_[_]") || c.args().size() != 2) return null;
                String key = string(c.args().get(1));
                if (key == null) return null;
                if (isVariable(c.args().get(0), "categories", scope)) return Subject.COUNT;
                return field(c.args().get(0), key, scope);
            }
            default -> {
                return null;
            }
        }
    }

    private static Subject field(CelExpr operand, String field, Map<String, String> scope) {
        if (isVariable(operand, "request", scope) && REQUEST_FIELDS.contains(field)) {
            return switch (field) {
                case "api" -> Subject.API;
                case "operation" -> Subject.OPERATION;
                case "model" -> Subject.MODEL;
                case "size" -> Subject.SIZE;
                default -> null;
            };
        }
        if (operand.getKind() == ExprKind.Kind.IDENT
                && "finding".equals(scope.get(operand.ident().name()))) {
            return switch (field) {
                case "category" -> Subject.CATEGORY;
                case "confidence" -> Subject.CONFIDENCE;
                default -> null;
            };
        }
        return null;
    }

    /** Whether {@code e} is the policy variable {@code name}, not a loop variable that hides it. */
    private static boolean isVariable(CelExpr e, String name, Map<String, String> scope) {
        return e.getKind() == ExprKind.Kind.IDENT && e.ident().name().equals(name) && !scope.containsKey(name);
    }

    static String string(CelExpr e) {
        return e.getKind() == ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.STRING_VALUE
                ? e.constant().stringValue()
                : null;
    }

    private static Double number(CelExpr e) {
        if (e.getKind() != ExprKind.Kind.CONSTANT) return null;
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE -> (double) c.int64Value();
            case UINT64_VALUE -> c.uint64Value().doubleValue();
            case DOUBLE_VALUE -> c.doubleValue();
            default -> null;
        };
    }
}
