package dev.sovereign.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.cost.CostReport;
import dev.sovereign.cost.CostReportJson;
import dev.sovereign.cost.CostReportText;
import dev.sovereign.index.IndexReport;
import dev.sovereign.index.IndexRow;
import dev.sovereign.residency.Finding;
import dev.sovereign.residency.ResidencyReport;
import java.time.Instant;
import java.util.Comparator;

/**
 * The report for a data-protection officer: what the organisation's AI traffic did, where it went and under whose
 * law, against the Sovereignty Index of each deployment and the vendor risk events on record, with the sources of
 * every fact. One document for the CLI ({@code sovereign report}) and the admin API.
 */
public final class OrganisationReport {
    private OrganisationReport() {}

    /**
     * @param assessment the residency assessment of the same window, or {@code null} to leave it out
     * @param costs the cost report of the same window, or {@code null} to leave it out
     */
    public static ReportDocument document(
            ReportContext ctx, Posture posture, ResidencyReport assessment, CostReport costs, Instant generated) {
        IndexReport index = ctx.indexReport();
        ReportDocument doc = new ReportDocument("AI data sovereignty report");
        doc.line("Generated " + generated + " from the audit trail and the configuration at " + ctx.configSource()
                + ". Facts as of " + ctx.asOf() + ".");
        doc.section("summary", summary(posture, assessment, costs, index), summaryJson(posture, assessment, costs));
        doc.section("posture", PostureMarkdown.render(posture, 1), posture.toJson());
        if (assessment != null) {
            doc.section("assessment", assessment.toMarkdown(), assessment.toJsonTree());
        }
        if (costs != null) doc.section("costs", CostReportText.markdown(costs), CostReportJson.of(costs));
        doc.section("index", index.markdown(), index.json());
        doc.section(
                "vendor_events",
                RiskEvents.markdown(ctx.index().catalog().events(), ctx.asOf()),
                RiskEvents.json(ctx.index().catalog().events(), ctx.asOf()));
        return doc;
    }

    private static String summary(Posture p, ResidencyReport assessment, CostReport costs, IndexReport index) {
        Posture.Totals t = p.totals();
        StringBuilder md = new StringBuilder("# Summary\n\n");
        if (t.requests() == 0) {
            md.append("- No traffic in this window yet.\n");
        } else {
            md.append("- ")
                    .append(t.requests())
                    .append(" requests: ")
                    .append(t.forwarded())
                    .append(" forwarded (")
                    .append(t.redacted())
                    .append(" after pseudonymizing or masking, ")
                    .append(t.rerouted())
                    .append(" rerouted by policy), ")
                    .append(t.blocked())
                    .append(" blocked.\n");
            md.append("- Traffic-weighted sovereignty score: ")
                    .append(PostureMarkdown.score(t.scoreByRequests()))
                    .append(" by requests, ")
                    .append(PostureMarkdown.score(t.scoreByTokens()))
                    .append(" by tokens (0–100).\n");
            md.append("- Requests with sensitive data in clear outside EU jurisdiction: ")
                    .append(p.outsideEu().requests())
                    .append(".\n");
        }
        if (assessment != null) {
            md.append("- Residency assessment: ")
                    .append(assessment.breach() ? "**breach found**" : "no breach")
                    .append(" (")
                    .append(assessment.count(Finding.Severity.BREACH))
                    .append(" breach, ")
                    .append(assessment.count(Finding.Severity.WARN))
                    .append(" to review).\n");
        }
        if (costs != null) {
            md.append("- Estimated spend in the window: ")
                    .append(CostReportText.usd(costs.total().costMicroUsd()));
            if (costs.total().unpricedRequests() > 0) {
                md.append(" (").append(costs.total().unpricedRequests()).append(" requests without a price)");
            }
            md.append(".\n");
        }
        IndexRow best = index.rows().stream()
                .filter(r -> !r.disqualified())
                .max(Comparator.comparingDouble(IndexRow::exact))
                .orElse(null);
        if (best != null) {
            md.append("- Highest-scoring deployment on record: ")
                    .append(best.name())
                    .append(" (")
                    .append(best.total())
                    .append(").\n");
        }
        return md.toString();
    }

    private static ObjectNode summaryJson(Posture p, ResidencyReport assessment, CostReport costs) {
        ObjectNode n = ReportJson.MAPPER.createObjectNode();
        Posture.Totals t = p.totals();
        n.put("requests", t.requests());
        n.put("forwarded", t.forwarded());
        n.put("redacted", t.redacted());
        n.put("rerouted", t.rerouted());
        n.put("blocked", t.blocked());
        if (t.scoreByRequests() == null) n.putNull("score_by_requests");
        else n.put("score_by_requests", t.scoreByRequests());
        if (t.scoreByTokens() == null) n.putNull("score_by_tokens");
        else n.put("score_by_tokens", t.scoreByTokens());
        n.put("sensitive_outside_eu", p.outsideEu().requests());
        if (assessment == null) n.putNull("residency_breach");
        else n.put("residency_breach", assessment.breach());
        if (costs == null) n.putNull("spend_micro_usd");
        else n.put("spend_micro_usd", costs.total().costMicroUsd());
        return n;
    }
}
