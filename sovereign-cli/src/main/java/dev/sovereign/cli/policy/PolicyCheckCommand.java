package dev.sovereign.cli.policy;

import dev.sovereign.classify.Classifier;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Guarantee;
import dev.sovereign.policy.GuaranteeChecker;
import dev.sovereign.policy.PolicyCheck;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.policy.PolicyRoute;
import dev.sovereign.policy.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sovereign policy check}: loads a policy (without {@code policy.yaml}, the built-in default policy for the
 * configured providers) with every check the gateway makes (YAML, CEL, references, the
 * guarantees over the policy's whole input space) and prints what it holds and what the guarantee checker covered.
 * The requests of the {@link PolicyMatrix} are then decided too: every kind of data for every workload the policy
 * names, which the checker may not reach when its space is larger than it decides. Exit code 0 when every
 * guarantee holds, 1 with a counterexample for each one that can be broken, 2 when the policy does not load for
 * another reason.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Load a policy with every check and print its rules, routes and guarantees and what the"
                + " guarantee checker covered. Exit code: 0 every guarantee holds, 1 one can be broken"
                + " (counterexample printed), 2 error.")
final class PolicyCheckCommand extends PolicyTool {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "The policy file (default: --policy FILE, else policy.yaml in the configuration, else the"
                    + " built-in default policy).")
    Path file;

    @Override
    int run() throws IOException {
        PolicySource.Loaded loaded = source.configuration(file);
        PolicySource.Text text = source.text(loaded);
        PolicyCheck.Report report =
                new PolicyCheck(loaded.providers(), loaded.router()).check(text.name(), text.yaml());
        // The matrix decides every kind of data for every workload the policy names: inputs the checker's
        // enumeration may not reach when it stops before the end of a large space.
        PolicyMatrix matrix = report.policy()
                .map(p -> PolicyMatrix.of(Explainer.of(p, Classifier.defaults())))
                .orElse(null);
        List<String> broken = counterexamples(report, matrix);
        print(out(), report, matrix, broken);
        return broken.isEmpty() ? OK : FAILED;
    }

    /** One counterexample per guarantee that can be broken: the checker's, else the first the matrix finds. */
    private static List<String> counterexamples(PolicyCheck.Report report, PolicyMatrix matrix) {
        Map<String, String> byGuarantee = new LinkedHashMap<>();
        for (GuaranteeChecker.Counterexample c : report.result().counterexamples()) {
            byGuarantee.putIfAbsent(c.guarantee().id(), c.guarantee().id() + ": " + c.describe());
        }
        if (matrix != null) {
            for (PolicyMatrix.Cell cell : matrix.cells()) {
                for (PolicyMatrix.Outcome o : cell.outcomes()) {
                    for (String g : o.brokenGuarantees()) {
                        byGuarantee.putIfAbsent(
                                g,
                                g + ": a request with categories " + cell.categories() + " of workload '"
                                        + cell.workload() + "' for model '"
                                        + o.models().get(0)
                                        + "' reaches provider " + o.provider() + " (jurisdiction " + o.jurisdiction()
                                        + ") by rule '" + o.rule() + "'");
                    }
                }
            }
        }
        return List.copyOf(byGuarantee.values());
    }

    private static void print(PrintWriter out, PolicyCheck.Report r, PolicyMatrix matrix, List<String> broken) {
        out.println("Policy " + r.source() + ": " + count(r.rules().size(), "rule") + ", "
                + count(r.routes().size(), "route") + ", "
                + count(r.guarantees().size(), "guarantee"));
        if (!r.routes().isEmpty()) {
            out.println();
            out.println("Routes");
            Table routes = new Table("NAME", "PROVIDER", "MODEL", "REGION", "JURISDICTION");
            for (PolicyRoute route : new TreeMap<>(r.routes()).values()) {
                routes.row(
                        route.name(),
                        route.provider(),
                        route.model() == null ? "as requested" : route.model(),
                        route.region(),
                        route.jurisdiction());
            }
            routes.print(out, "  ");
        }
        out.println();
        out.println("Rules (the first that matches decides)");
        Table rules = new Table("#", "ID", "ACTION", "ROUTE", "WHEN");
        int n = 0;
        for (Rule rule : r.rules()) {
            String action = rule.action().id();
            if (rule.redaction() != null) {
                action += " " + rule.redaction().mode().id() + " "
                        + String.join(",", rule.redaction().categories());
            }
            rules.row(
                    Integer.toString(++n),
                    rule.id(),
                    action,
                    rule.action() == Rule.Action.BLOCK ? "-" : rule.route() == null ? "by model" : rule.route(),
                    rule.condition().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        rules.print(out, "  ");
        if (!r.guarantees().isEmpty()) {
            out.println();
            out.println("Guarantees");
            Table guarantees = new Table("ID", "DATA", "MAY REACH");
            for (Guarantee g : r.guarantees()) guarantees.row(g.id(), g.scope(), allowed(g));
            guarantees.print(out, "  ");
        }
        GuaranteeChecker.Result result = r.result();
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "Guarantee check: %,d inputs decided in %.2f s, %s.",
                result.inputs(),
                result.took().toMillis() / 1000.0,
                result.exhaustive()
                        ? "exhaustive"
                        : result.inputs() >= GuaranteeChecker.MAX_INPUTS
                                ? "NOT exhaustive (the checker stops at "
                                        + String.format(Locale.ROOT, "%,d", GuaranteeChecker.MAX_INPUTS) + " inputs)"
                                : "NOT exhaustive (no value found that matches a condition's pattern)"));
        if (matrix != null) {
            int requests = matrix.cells().size() * matrix.assumptions().models().size();
            out.println(String.format(
                    Locale.ROOT,
                    "Matrix check: %,d requests decided (each kind of data, for each workload the policy names and"
                            + " every served model).",
                    requests));
        }
        if (r.guarantees().isEmpty()) {
            out.println("The policy has no guarantees.");
        } else if (broken.isEmpty()) {
            out.println("Every guarantee holds.");
        } else {
            out.println(count(broken.size(), "guarantee") + " can be broken:");
            for (String b : broken) out.println("  " + b);
        }
    }

    /** Where a guarantee lets its data go, in words. */
    static String allowed(Guarantee g) {
        if (g.allowNone()) return "no provider";
        List<String> parts = new ArrayList<>();
        if (!g.jurisdictions().isEmpty()) parts.add("jurisdictions " + String.join(", ", g.jurisdictions()));
        if (!g.regions().isEmpty()) parts.add("regions " + String.join(", ", g.regions()));
        if (!g.providers().isEmpty()) parts.add("providers " + String.join(", ", g.providers()));
        if (!g.routes().isEmpty()) parts.add("routes " + String.join(", ", g.routes()));
        return String.join("; ", parts);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
