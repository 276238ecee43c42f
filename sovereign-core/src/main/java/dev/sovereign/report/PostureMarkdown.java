package dev.sovereign.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link Posture} as Markdown for a data-protection officer: a section of the report, or a page of its own. */
public final class PostureMarkdown {
    private PostureMarkdown() {}

    /** The posture under headings of level {@code level} ({@code 2} for {@code ##}). */
    public static String render(Posture p, int level) {
        String h = "#".repeat(level);
        StringBuilder md = new StringBuilder();
        md.append(h).append(" Organisation posture\n\n");
        md.append("Window: ")
                .append(p.from() == null ? "start of the trail" : p.from())
                .append(" to ")
                .append(p.to() == null ? "now" : p.to())
                .append(". Weights ")
                .append(p.weights().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() + "%")
                        .collect(Collectors.joining(", ")))
                .append(".\n\n");
        Posture.Totals t = p.totals();
        if (t.requests() == 0) {
            md.append("No requests in this window: the audit trail is empty. Point an SDK at the gateway and the"
                    + " posture follows from its traffic.\n");
            return md.toString();
        }
        md.append("| requests | forwarded | pseudonymized or masked | rerouted | blocked | unroutable | failed |"
                + " score by requests | score by tokens |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(totalsRow(t)).append("\n\n");
        md.append("The score is the Sovereignty Index total (0–100) of the deployment each forwarded request went to,"
                + " on the day it went, averaged per request and per token.");
        if (t.unscoredRequests() > 0) {
            md.append(" ")
                    .append(t.unscoredRequests())
                    .append(" requests went to providers without a sovereignty profile and count as 0.");
        }
        md.append("\n\n");

        md.append(h).append("# Trend (").append(p.granularity()).append(")\n\n");
        md.append("| period | requests | forwarded | blocked | score by requests | score by tokens |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Posture.Bucket b : p.series()) {
            Posture.Totals s = b.totals();
            md.append("| ")
                    .append(b.start().toString(), 0, p.granularity().equals("hour") ? 16 : 10)
                    .append(" | ")
                    .append(s.requests())
                    .append(" | ")
                    .append(s.forwarded())
                    .append(" | ")
                    .append(s.blocked())
                    .append(" | ")
                    .append(score(s.scoreByRequests()))
                    .append(" | ")
                    .append(score(s.scoreByTokens()))
                    .append(" |\n");
        }
        md.append("\n");

        md.append(h).append("# Data categories by jurisdiction\n\n");
        md.append("Requests whose values of each category reached a provider, per jurisdiction; values replaced"
                + " before forwarding are counted apart.\n\n");
        md.append(
                "| category | requests | reached | replaced before forwarding | blocked |\n|---|---:|---|---|---:|\n");
        for (Posture.CategoryFlow c : p.categories()) {
            md.append("| `")
                    .append(c.category())
                    .append("` | ")
                    .append(c.requests())
                    .append(" | ")
                    .append(counts(c.reached()))
                    .append(" | ")
                    .append(counts(c.redacted()))
                    .append(" | ")
                    .append(c.blocked())
                    .append(" |\n");
        }
        md.append("\n");

        Posture.OutsideEu out = p.outsideEu();
        md.append(h).append("# Sensitive data outside EU jurisdiction\n\n");
        if (out.requests() == 0) {
            md.append("No request carried sensitive data in clear to a provider outside EU jurisdiction.\n\n");
        } else {
            md.append(out.requests())
                    .append(" requests carried sensitive data in clear to a provider outside EU jurisdiction (")
                    .append(out.inputTokens() + out.outputTokens())
                    .append(" tokens):\n\n");
            md.append("| rule | provider | jurisdiction | requests | categories |\n|---|---|---|---:|---|\n");
            for (Posture.Flow f : out.flows()) {
                md.append("| `")
                        .append(f.rule())
                        .append("` | ")
                        .append(f.provider())
                        .append(" | ")
                        .append(f.jurisdiction())
                        .append(" | ")
                        .append(f.requests())
                        .append(" | ")
                        .append(counts(f.categories()))
                        .append(" |\n");
            }
            md.append("\n");
        }

        groups(md, h + "# By workload", "workload", p.byWorkload());
        groups(md, h + "# By team", "team", p.byTeam());
        groups(md, h + "# By key", "key", p.byKey());

        md.append(h).append("# By provider\n\n");
        md.append(
                "| provider | profile | jurisdiction | index today | requests | tokens |\n|---|---|---|---:|---:|---:|\n");
        for (Posture.ProviderRow r : p.byProvider()) {
            md.append("| ")
                    .append(r.name())
                    .append(" | ")
                    .append(r.profile() == null ? "none" : r.profile())
                    .append(" | ")
                    .append(r.jurisdiction())
                    .append(" | ")
                    .append(score(r.score()))
                    .append(" | ")
                    .append(r.totals().requests())
                    .append(" | ")
                    .append(r.totals().inputTokens() + r.totals().outputTokens())
                    .append(" |\n");
        }
        md.append("\n");
        return md.toString();
    }

    private static void groups(StringBuilder md, String heading, String what, List<Posture.Group> groups) {
        md.append(heading).append("\n\n");
        md.append("| ")
                .append(what)
                .append(" | requests | forwarded | blocked | score by requests | jurisdictions |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        for (Posture.Group g : groups) {
            md.append("| ")
                    .append(cell(g.name()))
                    .append(" | ")
                    .append(g.totals().requests())
                    .append(" | ")
                    .append(g.totals().forwarded())
                    .append(" | ")
                    .append(g.totals().blocked())
                    .append(" | ")
                    .append(score(g.totals().scoreByRequests()))
                    .append(" | ")
                    .append(counts(g.jurisdictions()))
                    .append(" |\n");
        }
        md.append("\n");
    }

    private static String totalsRow(Posture.Totals t) {
        return "| " + t.requests() + " | " + t.forwarded() + " | " + t.redacted() + " | " + t.rerouted() + " | "
                + t.blocked() + " | " + t.unroutable() + " | " + t.failed() + " | " + score(t.scoreByRequests())
                + " | " + score(t.scoreByTokens()) + " |";
    }

    static String score(Double s) {
        return s == null ? "–" : String.format(Locale.ROOT, "%.1f", s);
    }

    static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) return "–";
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Keeps a table cell one cell: names come from configuration and client headers. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
