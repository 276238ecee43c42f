package dev.sovereign.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import dev.sovereign.classify.Finding;
import dev.sovereign.policy.RequestFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment of policy conditions: the variables a rule may read, type-checked at load, and the
 * values they take for one request.
 *
 * <pre>
 * categories  map(string, int)     category → number of findings ("pii.email" in categories)
 * findings    list(map(string, dyn)) {category, confidence (double), detector}
 * labels      list(string)         labels the client declared (x-sovereign-labels)
 * workload, key, team  string      from the client key
 * request     map(string, dyn)     {api, operation, model, stream (bool), size (int, bytes)}
 * </pre>
 */
public final class Conditions {
    public static final List<String> VARIABLES =
            List.of("categories", "findings", "labels", "workload", "key", "team", "request");

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("categories", MapType.create(SimpleType.STRING, SimpleType.INT))
            .addVar("findings", ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN)))
            .addVar("labels", ListType.create(SimpleType.STRING))
            .addVar("workload", SimpleType.STRING)
            .addVar("key", SimpleType.STRING)
            .addVar("team", SimpleType.STRING)
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    // The planner runtime, with the variables behind a resolver: the standard runtime copies a map of variables
    // into an immutable activation on every evaluation, once per rule tried (4x slower on a 20-rule walk).
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.plannerRuntimeBuilder().build();

    private Conditions() {}

    /** The CEL environment conditions are compiled in: the variables and their types, standard macros, a bool. */
    public static CelCompiler compiler() {
        return COMPILER;
    }

    /** A compiled condition. Thread-safe. */
    public record Condition(String source, CelRuntime.Program program) {
        public boolean test(Map<String, Object> variables) throws CelEvaluationException {
            return test(resolver(variables));
        }

        public boolean test(CelVariableResolver variables) throws CelEvaluationException {
            return Boolean.TRUE.equals(program.eval(variables));
        }
    }

    /**
     * Parses and type-checks {@code source}.
     *
     * @throws IllegalArgumentException with CEL's message: the position and the problem
     */
    public static Condition compile(String source) {
        CelAbstractSyntaxTree ast;
        try {
            ast = COMPILER.compile(source).getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(
                    e.getMessage().replace("ERROR: <input>:", "").trim(), e);
        }
        try {
            return new Condition(source, RUNTIME.createProgram(ast));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A resolver over {@code variables}, made once per request and shared by every rule tried. */
    public static CelVariableResolver resolver(Map<String, Object> variables) {
        return name -> Optional.ofNullable(variables.get(name));
    }

    /** The variables of one request. */
    public static Map<String, Object> variables(RequestFacts f) {
        Map<String, Object> categories = new HashMap<>();
        f.categories().forEach((k, v) -> categories.put(k, (long) v));
        List<Object> findings = new ArrayList<>(f.findings().size());
        for (Finding x : f.findings()) {
            findings.add(Map.of("category", x.category(), "confidence", x.confidence(), "detector", x.detector()));
        }
        Map<String, Object> request = new HashMap<>();
        request.put("api", f.api().id());
        request.put("operation", f.operation());
        request.put("model", f.model());
        request.put("stream", f.stream());
        request.put("size", f.sizeBytes());
        Map<String, Object> vars = new HashMap<>();
        vars.put("categories", categories);
        vars.put("findings", findings);
        vars.put("labels", List.copyOf(f.labels()));
        vars.put("workload", nonNull(f.workload()));
        vars.put("key", nonNull(f.keyId()));
        vars.put("team", nonNull(f.team()));
        vars.put("request", request);
        return vars;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
