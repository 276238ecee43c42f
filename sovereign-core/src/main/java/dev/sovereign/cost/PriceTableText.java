package dev.sovereign.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The price table with the source and check date of every entry, as a plain-text table or Markdown. */
public final class PriceTableText {
    private PriceTableText() {}

    /** The price table with sources, for {@code sovereign cost --prices}. */
    public static String of(Prices prices, double utilisation, boolean markdown) {
        StringBuilder sb = new StringBuilder();
        sb.append(markdown ? "# Price table\n\n" : "Price table (")
                .append(markdown ? "Read from " : "")
                .append(String.join(", ", prices.files()))
                .append(markdown ? ". " : "). ")
                .append(
                        "USD per million tokens, written from the sources named on the date checked; re-check them.\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PROFILES", "MODELS", "INPUT", "OUTPUT", "CACHED", "VALID", "CHECKED", "SOURCE"});
        for (ApiPrice p : prices.api()) {
            rows.add(new String[] {
                p.id() + (p.uncertain() ? " (?)" : ""),
                String.join(",", p.profiles()),
                String.join(",", p.models()),
                p.input().toPlainString(),
                p.output().toPlainString(),
                p.cachedInput() == null ? "-" : p.cachedInput().toPlainString(),
                CostReportText.valid(p.from(), p.to()),
                p.checked().toString(),
                p.source()
            });
        }
        render(sb, rows, markdown);
        sb.append(markdown ? "\n## Premiums\n\n" : "\nPremiums:\n");
        rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PROFILES", "MODELS", "FACTOR", "VALID", "CHECKED", "SOURCE"});
        for (Premium p : prices.premiums()) {
            rows.add(new String[] {
                p.id() + (p.uncertain() ? " (?)" : ""),
                String.join(",", p.profiles()),
                String.join(",", p.models()),
                p.factor().toPlainString(),
                CostReportText.valid(p.from(), p.to()),
                p.checked().toString(),
                p.source()
            });
        }
        render(sb, rows, markdown);
        sb.append(markdown ? "\n## Self-hosted offers\n\n" : "\nSelf-hosted offers:\n")
                .append(String.format(
                        Locale.ROOT, "At %.0f%% utilisation; throughputs are assumptions.%n%n", utilisation * 100));
        rows = new ArrayList<>();
        rows.add(new String[] {
            "ID", "INSTANCE", "ACCELERATORS", "USD/H", "TOKENS/S IN/OUT", "USD/M IN", "USD/M OUT", "CHECKED", "SOURCE"
        });
        for (Offer o : prices.offers()) {
            Rate rate = o.rate(utilisation).orElse(null);
            rows.add(new String[] {
                o.id() + (o.uncertain() ? " (?)" : ""),
                o.instance(),
                o.acceleratorCount() + "x " + o.accelerator() + " " + o.acceleratorMemoryGb() + "GB",
                o.usdPerHour() == null ? "no price" : o.usdPerHour().toPlainString(),
                o.inputTokensPerSecond() == null
                        ? "-"
                        : o.inputTokensPerSecond().toPlainString() + "/"
                                + o.outputTokensPerSecond().toPlainString(),
                rate == null ? "-" : CostReportText.rate(rate.input()),
                rate == null ? "-" : CostReportText.rate(rate.output()),
                o.checked().toString(),
                o.source()
            });
        }
        render(sb, rows, markdown);
        sb.append("\n(?) uncertain: re-check before relying on it.\n");
        return sb.toString();
    }

    private static void render(StringBuilder sb, List<String[]> rows, boolean markdown) {
        if (!markdown) {
            CostReportText.columns(sb, rows);
            return;
        }
        sb.append("| ")
                .append(String.join(" | ", rows.get(0)).toLowerCase(Locale.ROOT))
                .append(" |\n");
        sb.append("|").append("---|".repeat(rows.get(0).length)).append('\n');
        for (String[] row : rows.subList(1, rows.size())) {
            sb.append("| ");
            for (int i = 0; i < row.length; i++) {
                if (i > 0) sb.append(" | ");
                sb.append(CostReportText.cell(row[i]));
            }
            sb.append(" |\n");
        }
    }
}
