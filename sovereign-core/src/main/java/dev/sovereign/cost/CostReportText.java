package dev.sovereign.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost report and the price table for people: Markdown for a data-protection officer (sources cited) and a
 * plain-text table for the terminal. Both state that the figures are estimates from list prices to be re-checked.
 */
public final class CostReportText {
    /** Workload columns shown in the what-if tables; JSON has them all. */
    static final int WORKLOAD_COLUMNS = 6;

    private static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("workload", "By workload");
        DIMENSIONS.put("provider", "By provider");
        DIMENSIONS.put("model", "By model");
        DIMENSIONS.put("team", "By team");
        DIMENSIONS.put("key", "By client key");
    }

    private CostReportText() {}

    /** What a reader must know before using the figures. */
    public static List<String> caveats(CostReport report) {
        List<String> c = new ArrayList<>();
        c.add("Estimates in USD from public list prices written into the price table on the date each entry names;"
                + " prices change, differ by region, volume and contract, and exclude tax: re-check them at their"
                + " sources.");
        c.add("What-if costs price each workload's input and output tokens at standard rates (no prompt caching,"
                + " batch discounts or long-context surcharges).");
        c.add(String.format(
                Locale.ROOT,
                "Self-hosted costs assume the instance serves at its assumed throughput %.0f%% of the hours paid for;"
                        + " the throughputs are assumptions, not measurements.",
                report.utilisation() * 100));
        if (report.total().unpricedRequests() > 0) {
            c.add(report.total().unpricedRequests() + " forwarded requests ("
                    + (report.total().unpricedInputTokens() + report.total().unpricedOutputTokens())
                    + " tokens) could not be priced and are"
                    + " not in the totals.");
        }
        return c;
    }

    public static String markdown(CostReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Inference cost").append(period(r)).append("\n\n");
        for (String c : caveats(r)) sb.append("> ").append(c).append("\n");
        sb.append('\n');
        if (!r.hasTraffic()) {
            sb.append("No forwarded traffic in the period. The options below show the price of one million input and"
                    + " one million output tokens.\n\n");
        } else {
            Spend t = r.total();
            sb.append("## Spend\n\n")
                    .append(String.format(
                            Locale.ROOT,
                            "**%s USD** for %d forwarded requests (%d input and %d output tokens).",
                            usd(t.costMicroUsd()),
                            t.requests(),
                            t.inputTokens(),
                            t.outputTokens()))
                    .append(
                            t.unpricedRequests() > 0
                                    ? " " + t.unpricedRequests() + " of them could not be priced (see below)."
                                    : "")
                    .append("\n\n");
            for (Map.Entry<String, String> d : DIMENSIONS.entrySet()) {
                sb.append("### ").append(d.getValue()).append("\n\n");
                sb.append("| ")
                        .append(d.getKey())
                        .append(" | requests | input tokens | output tokens | cost (USD) |"
                                + " unpriced requests |\n|---|---:|---:|---:|---:|---:|\n");
                for (Spend s : r.groups().get(d.getKey())) {
                    sb.append("| ")
                            .append(cell(s.name()))
                            .append(" | ")
                            .append(s.requests())
                            .append(" | ")
                            .append(s.inputTokens())
                            .append(" | ")
                            .append(s.outputTokens())
                            .append(" | ")
                            .append(usd(s.costMicroUsd()))
                            .append(" | ")
                            .append(s.unpricedRequests())
                            .append(" |\n");
                }
                sb.append('\n');
            }
            if (!r.unpriced().isEmpty()) {
                sb.append("### Unpriced traffic\n\n| provider | profile | model | reason | requests | input tokens |"
                        + " output tokens |\n|---|---|---|---|---:|---:|---:|\n");
                for (CostReport.UnpricedModel u : r.unpriced()) {
                    sb.append("| ")
                            .append(cell(u.provider()))
                            .append(" | ")
                            .append(cell(u.profile()))
                            .append(" | ")
                            .append(cell(u.model()))
                            .append(" | ")
                            .append(u.reason().equals("no_usage") ? "no usage reported" : "no price in the table")
                            .append(" | ")
                            .append(u.requests())
                            .append(" | ")
                            .append(u.inputTokens())
                            .append(" | ")
                            .append(u.outputTokens())
                            .append(" |\n");
                }
                sb.append('\n');
            }
        }
        sb.append(r.hasTraffic() ? "## What the same traffic would cost elsewhere\n\n" : "## Options\n\n");
        List<CostReport.WhatIf> shown =
                r.whatIf().subList(0, Math.min(WORKLOAD_COLUMNS, r.whatIf().size()));
        sb.append("| option | jurisdiction | Sovereignty Index | USD per M input | USD per M output |");
        if (r.hasTraffic()) sb.append(" all traffic (USD) |");
        for (CostReport.WhatIf w : shown)
            sb.append(' ').append(cell(w.actual().name())).append(" (USD) |");
        sb.append("\n|---|---|---:|---:|---:|");
        if (r.hasTraffic()) sb.append("---:|");
        sb.append("---:|".repeat(shown.size())).append('\n');
        for (Alternative a : r.alternatives()) {
            sb.append("| ")
                    .append(a.selfHosted() ? "self-hosted: " + a.name() : a.name())
                    .append(", `")
                    .append(a.id())
                    .append('`')
                    .append(uncertain(a) ? " (uncertain)" : "")
                    .append(a.priceCaveat() == null ? "" : " (see the price caveats)")
                    .append(" | ")
                    .append(a.jurisdiction())
                    .append(" | ")
                    .append(a.sovereigntyIndex() == null ? "–" : a.sovereigntyIndex())
                    .append(" | ")
                    .append(a.rate() == null ? noPrice(a) : rate(a.rate().input()))
                    .append(" | ")
                    .append(a.rate() == null ? noPrice(a) : rate(a.rate().output()))
                    .append(" |");
            if (r.hasTraffic()) {
                sb.append(' ')
                        .append(
                                a.rate() == null
                                        ? "–"
                                        : usd(CostEstimate.microUsd(
                                                a.rate(),
                                                r.total().inputTokens(),
                                                r.total().outputTokens())))
                        .append(" |");
            }
            for (CostReport.WhatIf w : shown) {
                Long c = w.costs().get(a.id());
                sb.append(' ').append(c == null ? "–" : usd(c)).append(" |");
            }
            sb.append('\n');
        }
        if (r.whatIf().size() > shown.size())
            sb.append("\n").append(r.whatIf().size() - shown.size()).append(" more workloads in the JSON report.\n");
        List<String> caveats = priceCaveats(r);
        if (!caveats.isEmpty()) {
            sb.append("\n### Price caveats\n\n");
            for (String c : caveats) sb.append("- ").append(c).append('\n');
        }
        sb.append("\n### Self-hosted assumptions\n\n| option | instance | accelerators | USD per hour | model class |"
                + " assumed tokens/s (input / output) | assumption |\n|---|---|---|---:|---|---|---|\n");
        for (Alternative a : r.alternatives()) {
            if (!a.selfHosted()) continue;
            Offer o = a.offer();
            sb.append("| `")
                    .append(o.id())
                    .append("` | ")
                    .append(o.instance())
                    .append(o.region() == null ? "" : " (" + o.region() + ")")
                    .append(" | ")
                    .append(o.acceleratorCount())
                    .append(" × ")
                    .append(o.accelerator())
                    .append(", ")
                    .append(o.acceleratorMemoryGb())
                    .append(" GB each | ")
                    .append(
                            o.usdPerHour() == null
                                    ? "your quote"
                                    : o.usdPerHour().toPlainString())
                    .append(" | ")
                    .append(cell(o.modelClass()))
                    .append(" | ")
                    .append(
                            o.inputTokensPerSecond() == null
                                    ? "–"
                                    : o.inputTokensPerSecond().toPlainString() + " / "
                                            + o.outputTokensPerSecond().toPlainString())
                    .append(" | ")
                    .append(cell(join(o.assumption(), o.note())))
                    .append(" |\n");
        }
        sb.append("\n## Sources\n\n");
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Alternative a : r.alternatives()) {
            for (String s : a.sources()) bySource.computeIfAbsent(s, k -> new ArrayList<>());
        }
        for (String s : bySource.keySet()) sb.append("- ").append(s).append('\n');
        sb.append("\nPrices read from: ")
                .append(String.join(", ", r.priceFiles()))
                .append(".\n");
        return sb.toString();
    }

    public static String table(CostReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Inference cost").append(period(r)).append("\n");
        for (String c : caveats(r)) sb.append("  ").append(c).append('\n');
        sb.append('\n');
        if (!r.hasTraffic()) {
            sb.append("No forwarded traffic in the period; prices per million tokens on each option:\n\n");
        } else {
            Spend t = r.total();
            sb.append(String.format(
                    Locale.ROOT,
                    "Total: %s USD, %d requests, %d input and %d output tokens, %d unpriced requests%n%n",
                    usd(t.costMicroUsd()),
                    t.requests(),
                    t.inputTokens(),
                    t.outputTokens(),
                    t.unpricedRequests()));
            for (Map.Entry<String, String> d : DIMENSIONS.entrySet()) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {
                    d.getKey().toUpperCase(Locale.ROOT), "REQUESTS", "INPUT", "OUTPUT", "USD", "UNPRICED"
                });
                for (Spend s : r.groups().get(d.getKey())) {
                    rows.add(new String[] {
                        s.name(),
                        Long.toString(s.requests()),
                        Long.toString(s.inputTokens()),
                        Long.toString(s.outputTokens()),
                        usd(s.costMicroUsd()),
                        Long.toString(s.unpricedRequests())
                    });
                }
                columns(sb, rows);
                sb.append('\n');
            }
            if (!r.unpriced().isEmpty()) {
                sb.append("Unpriced:\n");
                for (CostReport.UnpricedModel u : r.unpriced()) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "  %s %s (profile %s): %s, %d requests, %d input and %d output tokens%n",
                            u.provider(),
                            u.model(),
                            u.profile(),
                            u.reason().equals("no_usage") ? "no usage reported" : "no price in the table",
                            u.requests(),
                            u.inputTokens(),
                            u.outputTokens()));
                }
                sb.append('\n');
            }
            sb.append("What the same traffic would cost elsewhere:\n\n");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "OPTION", "JURISDICTION", "INDEX", "USD/M IN", "USD/M OUT", r.hasTraffic() ? "ALL USD" : ""
        });
        for (Alternative a : r.alternatives()) {
            rows.add(new String[] {
                a.id() + (uncertain(a) ? " (?)" : "") + (a.priceCaveat() == null ? "" : " (*)"),
                a.jurisdiction(),
                a.sovereigntyIndex() == null ? "-" : a.sovereigntyIndex().toString(),
                a.rate() == null ? noPrice(a) : rate(a.rate().input()),
                a.rate() == null ? noPrice(a) : rate(a.rate().output()),
                !r.hasTraffic() || a.rate() == null
                        ? ""
                        : usd(CostEstimate.microUsd(
                                a.rate(), r.total().inputTokens(), r.total().outputTokens()))
            });
        }
        columns(sb, rows);
        sb.append("\n(?) uncertain: re-check the price or assumption. Sources: --format markdown or sovereign cost"
                + " --prices.\n");
        List<String> caveats = priceCaveats(r);
        if (!caveats.isEmpty()) {
            sb.append("(*) read the price with its caveat:\n");
            for (String c : caveats) sb.append("  ").append(c).append('\n');
        }
        return sb.toString();
    }

    /** "id: caveat; note" for every option whose price needs a caveat. */
    static List<String> priceCaveats(CostReport r) {
        List<String> out = new ArrayList<>();
        for (Alternative a : r.alternatives()) {
            if (a.priceCaveat() != null) out.add(a.id() + ": " + join(a.priceCaveat(), a.note()));
        }
        return out;
    }

    /** The price cell of an option without a rate: the operator's quote where none is published. */
    private static String noPrice(Alternative a) {
        return a.offer() != null && a.offer().usdPerHour() == null ? "your quote" : "no price";
    }

    static void columns(StringBuilder sb, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) line.append("  ");
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String period(CostReport r) {
        String from = r.from() == null ? "the start of the trail" : r.from().toString();
        String to = r.to() == null ? "now" : r.to().toString();
        return ", " + from + " to " + to + " (prices as of " + r.asOf() + ")";
    }

    private static boolean uncertain(Alternative a) {
        return a.rate() == null
                || a.rate().uncertain()
                || (a.offer() != null && a.offer().uncertain());
    }

    static String valid(java.time.LocalDate from, java.time.LocalDate to) {
        if (from == null && to == null) return "-";
        return (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString());
    }

    private static String join(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + "; " + b;
    }

    /**
     * Micro-USD as dollars: to the micro-dollar under a cent, to four decimals under 100 USD, to the cent above, so
     * that small sums do not read as zero and large ones are not falsely precise.
     */
    public static String usd(long microUsd) {
        BigDecimal usd = CostEstimate.usd(microUsd);
        long abs = Math.abs(microUsd);
        int scale = abs < 10_000 ? 6 : abs < 100_000_000 ? 4 : 2;
        return usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    static String rate(BigDecimal v) {
        return CostReportJson.round(v)
                .setScale(Math.max(2, CostReportJson.round(v).scale()), RoundingMode.HALF_UP)
                .toPlainString();
    }

    static String cell(String s) {
        return s == null || s.isEmpty() ? "–" : s.replace("|", "\\|").replace("\n", " ");
    }
}
