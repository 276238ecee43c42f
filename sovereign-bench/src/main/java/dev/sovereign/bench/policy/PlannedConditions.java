package dev.sovereign.bench.policy;

import dev.cel.common.CelValidationException;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.RequestFacts;
import dev.sovereign.policy.Rule;
import dev.sovereign.policy.internal.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's conditions compiled in the same CEL environment as the engine's ({@link Conditions}) but run by a
 * chosen runtime, to compare runtimes on the same rule walk: the first rule whose condition holds, as {@link
 * Policy#decide} finds it (the decision itself is then built the same way and is not measured here).
 *
 * <p>Runtimes: {@code standard} (the engine's: {@code standardCelRuntimeBuilder}, variables passed as a map),
 * {@code planner} ({@code plannerRuntimeBuilder}), and each of them with a {@code -resolver} suffix, where the
 * variables are passed as a {@link CelVariableResolver} over the same map: the standard runtime copies a map of
 * variables into an immutable activation on every evaluation, once per rule tried.
 */
final class PlannedConditions {
    private static final CelCompiler COMPILER = Conditions.compiler();

    private final List<String> ids = new ArrayList<>();
    private final List<CelRuntime.Program> programs = new ArrayList<>();
    private final boolean resolver;

    /** {@code runtime}: {@code standard}, {@code standard-resolver}, {@code planner} or {@code planner-resolver}. */
    PlannedConditions(Policy policy, String runtime) {
        resolver = runtime.endsWith("-resolver");
        CelRuntime cel = switch (runtime.replace("-resolver", "")) {
            case "standard" -> CelRuntimeFactory.standardCelRuntimeBuilder().build();
            case "planner" -> CelRuntimeFactory.plannerRuntimeBuilder().build();
            default -> throw new IllegalArgumentException(runtime);
        };
        try {
            for (Rule r : policy.rules()) {
                ids.add(r.id());
                programs.add(cel.createProgram(COMPILER.compile(r.condition()).getAst()));
            }
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the first rule whose condition holds for {@code facts}, as {@link Policy#decide} walks them. */
    String firstMatch(RequestFacts facts) {
        Map<String, Object> variables = Conditions.variables(facts);
        CelVariableResolver resolved = name -> Optional.ofNullable(variables.get(name));
        try {
            for (int i = 0; i < programs.size(); i++) {
                Object result = resolver
                        ? programs.get(i).eval(resolved)
                        : programs.get(i).eval(variables);
                if (Boolean.TRUE.equals(result)) return ids.get(i);
            }
        } catch (CelEvaluationException e) {
            return "error";
        }
        return Policy.NO_RULE;
    }
}
