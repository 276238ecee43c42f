package dev.sovereign.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The index as of a date, in the three shapes users read: JSON (CLI and admin API), a plain table and
 * Markdown for a data-protection officer. Every report compares with the published table and explains
 * each difference fact by fact, with the event and source behind it.
 */
public final class IndexReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SovereigntyIndex index;
    private final LocalDate asOf;
    private final Weights weights;
    private final String domicile;
    private final List<IndexRow> rows;

    public IndexReport(SovereigntyIndex index, LocalDate asOf, Weights weights, String domicile) {
        this.index = index;
        this.asOf = asOf;
        this.weights = weights;
        this.domicile = domicile;
        this.rows = index.compute(asOf, weights, domicile);
    }

    public List<IndexRow> rows() {
        return rows;
    }

    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("as_of", asOf.toString());
        ObjectNode w = root.putObject("weights");
        weights.percentages().forEach((d, p) -> w.put(d.id(), p));
        root.put("organisation_domicile", domicile);
        ArrayNode out = root.putArray("rows");
        for (IndexRow row : rows) {
            ObjectNode r = out.addObject();
            r.put("id", row.id());
            r.put("name", row.name());
            r.put("total", row.total());
            ObjectNode s = r.putObject("subscores");
            row.subscores().forEach((d, v) -> s.put(d.id(), v));
            ArrayNode flags = r.putArray("flags");
            row.flags().forEach(flags::add);
            r.put("disqualified", row.disqualified());
            ObjectNode sens = r.putObject("sensitivity");
            index.sensitivity(row, weights, 0.10).forEach((d, v) -> sens.put(d.id(), round(v)));
            ArrayNode drivers = r.putArray("drivers");
            for (SovereigntyIndex.Driver d : index.drivers(row, weights, 3)) {
                ObjectNode dn = drivers.addObject();
                dn.put("attribute", d.attribute());
                dn.put("dimension", d.dimension().id());
                dn.put("value", String.join(",", d.value()));
                dn.put("points_lost", round(d.pointsLost()));
            }
            ArrayNode facts = r.putArray("facts");
            for (ResolvedFact f : row.facts()) {
                ObjectNode fn = facts.addObject();
                fn.put("attribute", f.attribute());
                ArrayNode value = fn.putArray("value");
                f.value().forEach(value::add);
                fn.put("points", f.points());
                fn.put("max", f.maxPoints());
                if (f.source() != null) fn.put("source", f.source());
                if (f.unknown()) fn.put("unknown", true);
                if (f.uncertain()) fn.put("uncertain", true);
            }
        }
        ObjectNode published = root.putObject("published");
        published.put("date", PublishedIndex.DATE.toString());
        ArrayNode comparison = published.putArray("comparison");
        for (Comparison c : comparisons()) {
            ObjectNode cn = comparison.addObject();
            cn.put("id", c.id());
            cn.put("published", c.published());
            cn.put("reproduced", c.reproduced());
            cn.put("total", c.total());
            ArrayNode changes = cn.putArray("changes");
            for (SovereigntyIndex.Change ch : c.changes()) {
                ObjectNode chn = changes.addObject();
                chn.put("attribute", ch.attribute());
                chn.put("dimension", ch.dimension().id());
                chn.put("before", String.join(",", ch.before()));
                chn.put("after", String.join(",", ch.after()));
                chn.put("effect", round(ch.effect()));
                if (ch.event() != null) {
                    chn.put("event", ch.event().date() + ": " + ch.event().title());
                    chn.put("source", ch.event().source());
                } else if (ch.source() != null) {
                    chn.put("source", ch.source());
                }
            }
        }
        return root;
    }

    /** One published row: the published total, ours on the published date, ours now, and why they differ. */
    public record Comparison(
            String id, int published, long reproduced, long total, List<SovereigntyIndex.Change> changes) {}

    public List<Comparison> comparisons() {
        Map<String, Profile> profiles = index.catalog().profiles();
        return PublishedIndex.SCORES.entrySet().stream()
                .filter(e -> profiles.containsKey(e.getKey()))
                .map(e -> {
                    Profile p = profiles.get(e.getKey());
                    long reproduced = index.row(p, PublishedIndex.DATE, Weights.PUBLISHED, domicile)
                            .total();
                    long now = index.row(p, asOf, weights, domicile).total();
                    List<SovereigntyIndex.Change> changes = asOf.isAfter(PublishedIndex.DATE)
                            ? index.changes(p, PublishedIndex.DATE, asOf, weights)
                            : index.changes(p, asOf, PublishedIndex.DATE, weights);
                    return new Comparison(e.getKey(), e.getValue(), reproduced, now, changes);
                })
                .toList();
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("Enterprise AI Sovereignty Index as of ")
                .append(asOf)
                .append(" (weights ")
                .append(weightsText())
                .append(", organisation in ")
                .append(domicile.toUpperCase(Locale.ROOT))
                .append(")\n\n");
        sb.append(String.format(
                "%-26s %5s %5s %5s %5s %5s  %s%n", "id", "total", "juris", "lock", "infra", "compl", "flags"));
        for (IndexRow r : rows) {
            sb.append(String.format(
                    "%-26s %5s %5d %5d %5d %5d  %s%n",
                    r.id(),
                    r.disqualified() ? "DQ " + r.total() : r.total(),
                    r.subscores().get(Dimension.JURISDICTION),
                    r.subscores().get(Dimension.LOCK_IN),
                    r.subscores().get(Dimension.INFRASTRUCTURE),
                    r.subscores().get(Dimension.COMPLIANCE),
                    r.flags().size()));
        }
        sb.append("\nCompared with the published index (")
                .append(PublishedIndex.DATE)
                .append("):\n");
        for (Comparison c : comparisons()) {
            sb.append(String.format(
                    "  %-26s published %3d, reproduced %3d, as of %s %3d%n",
                    c.id(), c.published(), c.reproduced(), asOf, c.total()));
            for (SovereigntyIndex.Change ch : c.changes())
                sb.append("      ").append(describe(ch)).append('\n');
        }
        sb.append(
                "  (The article published totals only; the residual on its own date is the rubric's calibration error.)\n");
        sb.append(
                "\nSensitivity: change of each total when one weight rises by 10 points (the others shrink in proportion):\n");
        sb.append(String.format("%-26s %7s %7s %7s %7s%n", "id", "juris", "lock", "infra", "compl"));
        for (IndexRow r : rows) {
            Map<Dimension, Double> m = index.sensitivity(r, weights, 0.10);
            sb.append(String.format(
                    Locale.ROOT,
                    "%-26s %+7.1f %+7.1f %+7.1f %+7.1f%n",
                    r.id(),
                    m.get(Dimension.JURISDICTION),
                    m.get(Dimension.LOCK_IN),
                    m.get(Dimension.INFRASTRUCTURE),
                    m.get(Dimension.COMPLIANCE)));
        }
        sb.append("\nFlags:\n");
        for (IndexRow r : rows) {
            for (String f : r.flags())
                sb.append("  ").append(r.id()).append(": ").append(f).append('\n');
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Enterprise AI Sovereignty Index, ").append(asOf).append("\n\n");
        sb.append("Weights ")
                .append(weightsText())
                .append(" (jurisdiction / lock-in / infrastructure / compliance); ")
                .append("organisation established in ")
                .append(domicile.toUpperCase(Locale.ROOT))
                .append(".\n\n");
        sb.append("| deployment | total | jurisdiction | lock-in | infrastructure | compliance | flags |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (IndexRow r : rows) {
            sb.append("| ")
                    .append(r.name())
                    .append(" (`")
                    .append(r.id())
                    .append("`) | ")
                    .append(r.disqualified() ? "**disqualified** (" + r.total() + ")" : String.valueOf(r.total()))
                    .append(" | ")
                    .append(r.subscores().get(Dimension.JURISDICTION))
                    .append(" | ")
                    .append(r.subscores().get(Dimension.LOCK_IN))
                    .append(" | ")
                    .append(r.subscores().get(Dimension.INFRASTRUCTURE))
                    .append(" | ")
                    .append(r.subscores().get(Dimension.COMPLIANCE))
                    .append(" | ")
                    .append(String.join("; ", r.flags()).replace("|", "\\|"))
                    .append(" |\n");
        }
        sb.append("\n## Compared with the published index (")
                .append(PublishedIndex.DATE)
                .append(")\n\n");
        sb.append("| id | published | reproduced on ")
                .append(PublishedIndex.DATE)
                .append(" | as of ")
                .append(asOf)
                .append(" |\n|---|---:|---:|---:|\n");
        for (Comparison c : comparisons()) {
            sb.append("| `")
                    .append(c.id())
                    .append("` | ")
                    .append(c.published())
                    .append(" | ")
                    .append(c.reproduced())
                    .append(" | ")
                    .append(c.total())
                    .append(" |\n");
        }
        sb.append('\n');
        for (Comparison c : comparisons()) {
            if (c.changes().isEmpty()) continue;
            sb.append("- **").append(c.id()).append("**:\n");
            for (SovereigntyIndex.Change ch : c.changes())
                sb.append("  - ").append(describe(ch)).append('\n');
        }
        sb.append(
                "\nThe article published totals only; the residual on its own date is the rubric's calibration error.\n");
        sb.append(
                "\n## What drives each score\n\n| id | facts that cost the most points | +10 points of weight on J / L / I / C |\n|---|---|---|\n");
        for (IndexRow r : rows) {
            Map<Dimension, Double> m = index.sensitivity(r, weights, 0.10);
            sb.append("| `")
                    .append(r.id())
                    .append("` | ")
                    .append(String.join(
                            ", ",
                            index.drivers(r, weights, 3).stream()
                                    .map(d -> d.attribute() + "=" + String.join(",", d.value())
                                            + String.format(Locale.ROOT, " (−%.1f)", d.pointsLost()))
                                    .toList()))
                    .append(" | ")
                    .append(String.format(
                            Locale.ROOT,
                            "%+.1f / %+.1f / %+.1f / %+.1f",
                            m.get(Dimension.JURISDICTION),
                            m.get(Dimension.LOCK_IN),
                            m.get(Dimension.INFRASTRUCTURE),
                            m.get(Dimension.COMPLIANCE)))
                    .append(" |\n");
        }
        sb.append("\n## Sources\n\n");
        for (IndexRow r : rows) {
            sb.append("- ").append(r.name()).append(": ");
            sb.append(String.join(
                    ", ",
                    r.facts().stream()
                            .map(ResolvedFact::source)
                            .filter(s -> s != null)
                            .distinct()
                            .toList()));
            sb.append('\n');
        }
        return sb.toString();
    }

    private String weightsText() {
        Map<Dimension, Long> p = weights.percentages();
        return p.get(Dimension.JURISDICTION) + "/" + p.get(Dimension.LOCK_IN) + "/" + p.get(Dimension.INFRASTRUCTURE)
                + "/" + p.get(Dimension.COMPLIANCE);
    }

    private static String describe(SovereigntyIndex.Change ch) {
        String why = ch.event() != null
                ? " — " + ch.event().date() + ": " + ch.event().title() + " ("
                        + ch.event().source() + ")"
                : "";
        return String.format(
                Locale.ROOT,
                "%s: %s → %s (%+.1f)%s",
                ch.attribute(),
                String.join(",", ch.before()),
                String.join(",", ch.after()),
                ch.effect(),
                why);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
