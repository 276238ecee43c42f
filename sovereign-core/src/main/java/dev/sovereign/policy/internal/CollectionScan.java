package dev.sovereign.policy.internal;

import static dev.sovereign.policy.internal.ConditionValues.STRING_TESTS;
import static dev.sovereign.policy.internal.ConditionValues.string;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind;
import dev.sovereign.policy.internal.ConditionValues.StringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which elements of a collection ({@code categories}, {@code findings}, {@code labels}) a comprehension over it
 * can depend on. The loop step is evaluated in part for an element that passes none of the tests the body
 * applies to it ({@code c.startsWith('pii.')}, {@code f.category == 'x'}, {@code l in ['a', 'b']}): when the
 * step then leaves the accumulator as it was — {@code exists}, {@code exists_one}, {@code all} of a negated test
 * — such an element cannot change the result, and only the elements that pass one of the tests matter.
 * Anything else in the body (another variable, a function not modelled) counts as unknown, so the answer is
 * "every element".
 */
final class CollectionScan {
    private CollectionScan() {}

    /**
     * Whether {@code c} depends only on the elements equal to one of the literals or passing one of the tests
     * its body applies to them, which are added to {@code literals} and {@code tests}.
     *
     * @param kind {@code category}, {@code finding} (whose {@code category} field is tested) or {@code label}
     */
    static boolean dependsOnlyOnNamed(
            CelExpr.CelComprehension c, String kind, Set<String> literals, Set<StringTest> tests) {
        ElementAtoms atoms = new ElementAtoms(c.iterVar(), kind, literals, tests);
        return atoms.absent(c.loopStep(), c.accuVar()) == Tri.ACCUMULATOR
                && !references(c.loopCondition(), c.iterVar());
    }

    private static boolean references(CelExpr e, String name) {
        return switch (e.getKind()) {
            case IDENT -> e.ident().name().equals(name);
            case SELECT -> references(e.select().operand(), name);
            case CALL ->
                e.call().target().map(t -> references(t, name)).orElse(false)
                        || e.call().args().stream().anyMatch(a -> references(a, name));
            case LIST -> e.list().elements().stream().anyMatch(a -> references(a, name));
            case MAP ->
                e.map().entries().stream().anyMatch(x -> references(x.key(), name) || references(x.value(), name));
            case STRUCT -> e.struct().entries().stream().anyMatch(x -> references(x.value(), name));
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                yield references(c.iterRange(), name)
                        || references(c.accuInit(), name)
                        || references(c.loopCondition(), name)
                        || references(c.loopStep(), name)
                        || references(c.result(), name);
            }
            default -> false;
        };
    }

    /** A value in the partial evaluation of a loop step for an element that passes none of its tests. */
    private enum Tri {
        TRUE,
        FALSE,
        ACCUMULATOR,
        UNKNOWN
    }

    /** The tests a comprehension's body applies to its element, and the body's value when none passes. */
    private record ElementAtoms(String iterVar, String kind, Set<String> literals, Set<StringTest> tests) {
        Tri absent(CelExpr e, String accuVar) {
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE) {
                        return e.constant().booleanValue() ? Tri.TRUE : Tri.FALSE;
                    }
                    return Tri.UNKNOWN;
                }
                case IDENT -> {
                    return e.ident().name().equals(accuVar) ? Tri.ACCUMULATOR : Tri.UNKNOWN;
                }
                case CALL -> {}
                default -> {
                    return Tri.UNKNOWN;
                }
            }
            CelExpr.CelCall call = e.call();
            List<CelExpr> a = call.args();
            Tri atom = atom(call);
            if (atom != null) return atom;
            return switch (call.function()) {
                case "_||_" -> or(absent(a.get(0), accuVar), absent(a.get(1), accuVar));
                case "_&&_" -> and(absent(a.get(0), accuVar), absent(a.get(1), accuVar));
                case "!_" -> not(absent(a.get(0), accuVar));
                case "_?_:_" -> {
                    Tri cond = absent(a.get(0), accuVar);
                    Tri then = absent(a.get(1), accuVar);
                    Tri otherwise = absent(a.get(2), accuVar);
                    if (cond == Tri.TRUE) yield then;
                    if (cond == Tri.FALSE) yield otherwise;
                    yield then == otherwise ? then : Tri.UNKNOWN;
                }
                default -> Tri.UNKNOWN;
            };
        }

        /** A test of the element against a literal: its value for an element that passes no test, else null. */
        private Tri atom(CelExpr.CelCall call) {
            List<CelExpr> a = call.args();
            String f = call.function();
            if (call.target().isPresent() && STRING_TESTS.contains(f) && a.size() == 1) {
                String literal = string(a.get(0));
                if (!isElement(call.target().get()) || literal == null) return null;
                tests.add(new StringTest(f, literal));
                return Tri.FALSE;
            }
            if ((f.equals("_==_") || f.equals("_!=_")) && a.size() == 2) {
                String literal = isElement(a.get(0)) ? string(a.get(1)) : isElement(a.get(1)) ? string(a.get(0)) : null;
                if (literal == null) return null;
                literals.add(literal);
                return f.equals("_==_") ? Tri.FALSE : Tri.TRUE;
            }
            if (f.equals("@in")
                    && a.size() == 2
                    && isElement(a.get(0))
                    && a.get(1).getKind() == ExprKind.Kind.LIST) {
                List<String> listed = new ArrayList<>();
                for (CelExpr x : a.get(1).list().elements()) {
                    if (string(x) == null) return null;
                    listed.add(string(x));
                }
                literals.addAll(listed);
                return Tri.FALSE;
            }
            return null;
        }

        /** The element itself, or for a finding its category. */
        private boolean isElement(CelExpr e) {
            if (kind.equals("finding")) {
                if (e.getKind() == ExprKind.Kind.SELECT) {
                    return isIdent(e.select().operand(), iterVar)
                            && e.select().field().equals("category");
                }
                if (e.getKind() == ExprKind.Kind.CALL && e.call().function().equals("_[_]")) {
                    List<CelExpr> a = e.call().args();
                    return a.size() == 2 && isIdent(a.get(0), iterVar) && "category".equals(string(a.get(1)));
                }
                return false;
            }
            return isIdent(e, iterVar);
        }

        private static Tri or(Tri x, Tri y) {
            if (x == Tri.TRUE || y == Tri.TRUE) return Tri.TRUE;
            if (x == Tri.FALSE) return y;
            if (y == Tri.FALSE) return x;
            return x == y ? x : Tri.UNKNOWN;
        }

        private static Tri and(Tri x, Tri y) {
            if (x == Tri.FALSE || y == Tri.FALSE) return Tri.FALSE;
            if (x == Tri.TRUE) return y;
            if (y == Tri.TRUE) return x;
            return x == y ? x : Tri.UNKNOWN;
        }

        private static Tri not(Tri x) {
            return x == Tri.TRUE ? Tri.FALSE : x == Tri.FALSE ? Tri.TRUE : Tri.UNKNOWN;
        }
    }

    private static boolean isIdent(CelExpr e, String name) {
        return e.getKind() == ExprKind.Kind.IDENT && e.ident().name().equals(name);
    }
}
