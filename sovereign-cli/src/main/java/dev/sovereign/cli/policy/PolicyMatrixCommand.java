package dev.sovereign.cli.policy;

import dev.sovereign.policy.PolicyMatrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sovereign policy matrix}: for each category of data (none, every built-in one, those the policy names)
 * and each workload (those the policy names, and {@code other}), what the policy does: action, rule, route,
 * provider and jurisdiction. The table shows a whole family on one line where all its categories are treated
 * alike; {@code --json} prints every cell ({@link PolicyMatrix}).
 */
@Command(
        name = "matrix",
        mixinStandardHelpOptions = true,
        description = "For each category of data and each workload: the action, rule, route, provider and"
                + " jurisdiction the policy gives it.")
final class PolicyMatrixCommand extends PolicyTool {
    @Option(names = "--json", description = "Print every cell as JSON (its shape is in the README).")
    boolean json;

    @Option(
            names = "--workloads",
            paramLabel = "W[,W…]",
            split = ",",
            description = "The workloads to show (default: those the policy names, and other).")
    List<String> workloads = new ArrayList<>();

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "A requested model to try; repeatable (default: one per entry of the providers' model maps).")
    List<String> models = new ArrayList<>();

    @Override
    int run() throws IOException {
        PolicySource.Loaded loaded = source.load();
        PolicyMatrix m = PolicyMatrix.of(
                loaded.explainer(),
                workloads.stream().map(String::strip).filter(w -> !w.isEmpty()).toList(),
                models);
        if (json) {
            out().println(m.toJson());
        } else {
            print(out(), m, loaded);
        }
        return OK;
    }

    private static void print(PrintWriter out, PolicyMatrix m, PolicySource.Loaded loaded) {
        PolicyMatrix.Assumptions a = m.assumptions();
        out.println("Policy   " + loaded.describePolicy());
        out.println("Request  " + a.api() + " " + a.operation() + ", " + a.sizeBytes() + " bytes"
                + (a.stream() ? ", streaming" : "") + "; models tried: " + String.join(", ", a.models()));
        out.println();
        boolean guarantees = loaded.policy().map(p -> !p.guarantees().isEmpty()).orElse(false);
        Table table = guarantees
                ? new Table(
                        "DATA",
                        "WORKLOAD",
                        "ACTION",
                        "RULE",
                        "ROUTE",
                        "PROVIDER",
                        "JURISDICTION",
                        "MODELS",
                        "GUARANTEES")
                : new Table("DATA", "WORKLOAD", "ACTION", "RULE", "ROUTE", "PROVIDER", "JURISDICTION", "MODELS");
        for (Map.Entry<String, List<PolicyMatrix.Cell>> line : lines(m).entrySet()) {
            for (PolicyMatrix.Cell cell : line.getValue()) {
                boolean first = true;
                for (PolicyMatrix.Outcome o : cell.outcomes()) {
                    String action = o.action();
                    if (o.redaction() != null) action += " (" + o.redaction().mode() + ")";
                    table.row(
                            first ? line.getKey() : "",
                            first ? cell.workload() : "",
                            action,
                            o.rule(),
                            o.route() == null ? (o.provider() == null ? "-" : "by model") : o.route(),
                            o.provider(),
                            o.jurisdiction(),
                            o.models().equals(a.models()) ? "any" : String.join(", ", o.models()),
                            o.brokenGuarantees().isEmpty()
                                    ? "hold"
                                    : "BROKEN: " + String.join(", ", o.brokenGuarantees()));
                    first = false;
                }
            }
        }
        table.print(out, "");
    }

    /**
     * The table's lines: the label of each row (a category, {@code (none)}, or {@code family.*} when every
     * category of the family has the same outcomes for every workload), with its cells in workload order.
     */
    static Map<String, List<PolicyMatrix.Cell>> lines(PolicyMatrix m) {
        int columns = m.workloads().size();
        Map<String, List<List<PolicyMatrix.Cell>>> byFamily = new LinkedHashMap<>();
        List<PolicyMatrix.Cell> cells = m.cells();
        for (int row = 0; row < m.categories().size(); row++) {
            List<PolicyMatrix.Cell> rowCells = cells.subList(row * columns, (row + 1) * columns);
            String family = Objects.requireNonNullElse(
                    rowCells.isEmpty() ? null : rowCells.get(0).family(), "");
            byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(rowCells);
        }
        Map<String, List<PolicyMatrix.Cell>> lines = new LinkedHashMap<>();
        byFamily.forEach((family, rows) -> {
            boolean alike =
                    rows.size() > 1 && rows.stream().allMatch(r -> outcomes(r).equals(outcomes(rows.get(0))));
            if (alike) {
                lines.put(family + ".* (" + rows.size() + ")", rows.get(0));
            } else {
                for (List<PolicyMatrix.Cell> r : rows) {
                    String label = r.isEmpty() || r.get(0).categories().isEmpty()
                            ? "(none)"
                            : String.join(", ", r.get(0).categories());
                    lines.put(label, r);
                }
            }
        });
        return lines;
    }

    /**
     * A row's outcomes as the collapsed table compares them: what reaches the provider is the row's own category
     * or nothing, so it is compared as whether the row's data reaches it.
     */
    private static List<List<List<Object>>> outcomes(List<PolicyMatrix.Cell> row) {
        return row.stream()
                .map(cell -> cell.outcomes().stream()
                        .map(o -> List.<Object>of(
                                o.models(),
                                o.action(),
                                o.rule(),
                                Objects.toString(o.route()),
                                Objects.toString(o.provider()),
                                Objects.toString(o.region()),
                                Objects.toString(o.jurisdiction()),
                                Objects.toString(o.redaction()),
                                o.reaching().containsAll(cell.categories()),
                                o.brokenGuarantees()))
                        .toList())
                .toList();
    }
}
