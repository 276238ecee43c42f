package dev.sovereign.policy.internal;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a condition compares a variable with, read from its syntax tree: {@code workload == 'hr'}, {@code
 * 'hr' == workload} and {@code workload in ['hr', 'legal']} name workloads; {@code 'confidential' in labels} and
 * {@code labels.exists(l, l == 'confidential')} name labels; any string literal shaped like a category of a known
 * family ({@code 'special.health'}) names a category. Prefixes ({@code startsWith('hr-')}) and regular expressions
 * name nothing: they match names that cannot be listed.
 */
public final class ConditionNames {
    private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .build();
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");
    private static final Set<String> FAMILIES =
            Set.of("pii", "special", "financial", "secret", "custom", "label", "content");

    private final Set<String> workloads = new LinkedHashSet<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final Set<String> categories = new LinkedHashSet<>();

    private ConditionNames() {}

    /** The names in {@code sources}, each a condition that already compiled. */
    public static ConditionNames of(List<String> sources) {
        ConditionNames names = new ConditionNames();
        for (String source : sources) {
            try {
                names.visit(PARSER.parse(source).getAst().getExpr(), null);
            } catch (CelValidationException e) {
                // Compiled at load, so it parses; a condition that does not name nothing.
            }
        }
        return names;
    }

    public Set<String> workloads() {
        return workloads;
    }

    public Set<String> labels() {
        return labels;
    }

    /** Literal categories, such as {@code special.health} or {@code custom.project_x}, in order of appearance. */
    public Set<String> categories() {
        return categories;
    }

    /** Whether {@code name} is a category of a known family ({@code pii.email}, {@code label.confidential}). */
    public static boolean isCategory(String name) {
        return CATEGORY.matcher(name).matches() && FAMILIES.contains(name.substring(0, name.indexOf('.')));
    }

    private void visit(CelExpr e, String labelVar) {
        switch (e.getKind()) {
            case CONSTANT -> {
                CelConstant c = e.constant();
                if (c.getKind() == CelConstant.Kind.STRING_VALUE && isCategory(c.stringValue())) {
                    categories.add(c.stringValue());
                }
            }
            case CALL -> {
                CelExpr.CelCall call = e.call();
                List<CelExpr> args = call.args();
                if (args.size() == 2) comparison(call.function(), args.get(0), args.get(1), labelVar);
                call.target().ifPresent(t -> visit(t, labelVar));
                for (CelExpr a : args) visit(a, labelVar);
            }
            case SELECT -> visit(e.select().operand(), labelVar);
            case LIST -> e.list().elements().forEach(x -> visit(x, labelVar));
            case MAP ->
                e.map().entries().forEach(x -> {
                    visit(x.key(), labelVar);
                    visit(x.value(), labelVar);
                });
            case STRUCT -> e.struct().entries().forEach(x -> visit(x.value(), labelVar));
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                String loopVar = isIdent(c.iterRange(), "labels") ? c.iterVar() : labelVar;
                visit(c.iterRange(), labelVar);
                visit(c.accuInit(), labelVar);
                visit(c.loopCondition(), loopVar);
                visit(c.loopStep(), loopVar);
                visit(c.result(), labelVar);
            }
            default -> {}
        }
    }

    private void comparison(String function, CelExpr left, CelExpr right, String labelVar) {
        switch (function) {
            case "_==_", "_!=_" -> {
                equality(left, right, labelVar);
                equality(right, left, labelVar);
            }
            case "@in" -> {
                if (isIdent(left, "workload") && right.getKind() == CelExpr.ExprKind.Kind.LIST) {
                    for (CelExpr x : right.list().elements()) string(x, workloads);
                }
                if (isIdent(right, "labels")) string(left, labels);
            }
            default -> {}
        }
    }

    private void equality(CelExpr variable, CelExpr literal, String labelVar) {
        if (isIdent(variable, "workload")) string(literal, workloads);
        // Inside labels.exists(l, l == 'x'): a comparison of the loop variable with a literal names a label.
        if (labelVar != null && isIdent(variable, labelVar)) string(literal, labels);
    }

    private static void string(CelExpr e, Set<String> into) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            into.add(e.constant().stringValue());
        }
    }

    private static boolean isIdent(CelExpr e, String name) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(name);
    }
}
