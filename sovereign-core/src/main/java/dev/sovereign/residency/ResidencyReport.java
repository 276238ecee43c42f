package dev.sovereign.residency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.policy.PolicyJson;
import dev.sovereign.residency.Finding.Evidence;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of a {@link ResidencyAssessment}: the workloads assessed and the findings, in a deterministic order,
 * as JSON ({@link #toJson()}) and Markdown ({@link #toMarkdown()}). Immutable.
 *
 * <p>JSON form, stable, snake_case, every key always present ({@code null} where it does not apply):
 *
 * <pre>{@code
 * {"as_of": "2026-11-26",
 *  "workloads_file": "config/workloads.yaml",        // null: no file, every workload undeclared
 *  "establishment": "eu",
 *  "policy": "config/policy.yaml",                   // null: no policy, requests go where their model is served
 *  "traffic": {"read": true, "store": "sqlite:data/audit.db", "from": null, "to": null,
 *              "requests": 30, "forwarded": 20, "note": null},   // read false: assessed from the policy only, note why
 *  "workloads": [{"name", "description", "declared", "categories", "data_subjects", "residency", "role",
 *                 "transfer_mechanisms", "personal_data", "art9_condition", "transfer_impact_assessment",
 *                 "derogation"}],
 *  "summary": {"findings": 9, "breach": 1, "warn": 6, "info": 2,
 *              "kinds": {"residency_breach": 1, "dpia_required": 1, …every kind}},
 *  "breach": true,                                   // a breach-severity finding: exit code 1
 *  "findings": [{"workload", "scope", "categories", "provider", "region", "profile",
 *                "destinations",                     // country codes, "eu" for every EU member state, or "any"
 *                "kind", "severity",
 *                "articles", "explanation", "action",
 *                "evidence": [{"source": "policy"|"traffic", "requests", "rules", "models", "first", "last"}],
 *                "sources"}]}
 * }</pre>
 *
 * @param traffic what the trail showed, or {@code null} when it was not read
 * @param trafficNote why the trail was not read, or {@code null}
 */
public record ResidencyReport(
        LocalDate asOf,
        Workloads declared,
        String policy,
        Traffic traffic,
        String trafficNote,
        List<Workload> workloads,
        List<Finding> findings) {

    public ResidencyReport {
        workloads = List.copyOf(workloads);
        findings = List.copyOf(findings);
    }

    /** Whether any finding is a residency breach (the assessment fails: exit code 1). */
    public boolean breach() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.BREACH);
    }

    /**
     * The breaches in words, as the last line of the CLI output and the result of the markdown report: "1 residency
     * breach found.", "1 residency breach and 2 restricted transfers without a fitting mechanism found.", or "No
     * residency breach." when there is none.
     */
    public String result() {
        if (!breach()) return "No residency breach.";
        List<String> parts = new ArrayList<>();
        long residency = count(Kind.RESIDENCY_BREACH);
        long missing = count(Kind.MISSING_MECHANISM);
        long special = findings.stream()
                .filter(f -> f.kind() == Kind.SPECIAL_CATEGORIES_TRANSFER && f.severity() == Severity.BREACH)
                .count();
        if (residency > 0) parts.add(residency + " residency breach" + (residency == 1 ? "" : "es"));
        if (missing > 0)
            parts.add(missing + " restricted transfer" + (missing == 1 ? "" : "s") + " without a fitting mechanism");
        if (special > 0)
            parts.add(special + " transfer" + (special == 1 ? "" : "s")
                    + " of special categories without an Art. 9(2) condition");
        return String.join(" and ", parts) + " found.";
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    public long count(Kind k) {
        return findings.stream().filter(f -> f.kind() == k).count();
    }

    /** The JSON form described above, on one line. */
    public String toJson() {
        try {
            return PolicyJson.MAPPER.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is always serialisable", e);
        }
    }

    public ObjectNode toJsonTree() {
        ObjectNode root = PolicyJson.MAPPER.createObjectNode();
        root.put("as_of", asOf.toString());
        root.put("workloads_file", declared.file());
        root.put("establishment", declared.establishment());
        root.put("policy", policy);
        ObjectNode t = root.putObject("traffic");
        t.put("read", traffic != null);
        t.put("store", traffic == null ? null : traffic.store());
        t.put("from", traffic == null ? null : text(traffic.from()));
        t.put("to", traffic == null ? null : text(traffic.to()));
        t.put("requests", traffic == null ? 0 : traffic.requests());
        t.put("forwarded", traffic == null ? 0 : traffic.forwarded());
        t.put("note", trafficNote);
        ArrayNode ws = root.putArray("workloads");
        for (Workload w : workloads) {
            ObjectNode o = ws.addObject();
            o.put("name", w.name());
            o.put("description", w.description());
            o.put("declared", w.declared());
            strings(o.putArray("categories"), w.categories());
            strings(o.putArray("data_subjects"), w.dataSubjects());
            o.put("residency", w.residency());
            o.put("role", w.role() == null ? null : w.role().id());
            strings(o.putArray("transfer_mechanisms"), w.transferMechanisms());
            Declarations d = w.declarations();
            o.put("personal_data", d.personalData());
            o.put("art9_condition", d.art9Condition());
            o.put(
                    "transfer_impact_assessment",
                    d.tiaDone() == null ? null : d.tiaDone().toString());
            o.put(
                    "derogation",
                    d.derogation() == null
                            ? null
                            : d.derogation().cite() + ", " + d.derogation().frequency());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("findings", findings.size());
        for (Severity s : Severity.values()) summary.put(s.id(), count(s));
        ObjectNode kinds = summary.putObject("kinds");
        for (Kind k : Kind.values()) kinds.put(k.id(), count(k));
        root.put("breach", breach());
        ArrayNode fs = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = fs.addObject();
            o.put("workload", f.workload());
            o.put("scope", f.scope());
            strings(o.putArray("categories"), f.categories());
            o.put("provider", f.provider());
            o.put("region", f.region());
            o.put("profile", f.profile());
            strings(o.putArray("destinations"), f.destinations());
            o.put("kind", f.kind().id());
            o.put("severity", f.severity().id());
            strings(o.putArray("articles"), f.articles());
            o.put("explanation", f.explanation());
            o.put("action", f.action());
            ArrayNode ev = o.putArray("evidence");
            for (Evidence e : f.evidence()) {
                ObjectNode x = ev.addObject();
                x.put("source", e.source());
                x.put("requests", e.requests());
                strings(x.putArray("rules"), e.rules());
                strings(x.putArray("models"), e.models());
                x.put("first", text(e.first()));
                x.put("last", text(e.last()));
            }
            strings(o.putArray("sources"), f.sources());
        }
        return root;
    }

    /** A report for a data-protection officer: the result, the workloads, then every finding with its sources. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Residency assessment (GDPR Chapter V)\n\n");
        md.append("- As of: ").append(asOf).append('\n');
        md.append("- Workloads: ")
                .append(
                        declared.file() == null
                                ? "no " + Workloads.FILE + " (every workload undeclared)"
                                : code(declared.file()))
                .append("; establishment: ")
                .append(declared.establishment())
                .append('\n');
        md.append("- Policy: ")
                .append(policy == null ? "none (requests go where their model is served)" : code(policy))
                .append('\n');
        md.append("- Traffic: ").append(describeTraffic()).append("\n\n");
        md.append("**Result: " + (breach() ? result() : "no residency breach.") + "**")
                .append(' ')
                .append(plural(count(Severity.WARN), "warning"))
                .append(", ")
                .append(plural(count(Severity.INFO), "note"))
                .append(".\n\n");
        md.append("## Workloads\n\n");
        md.append("| workload | declared | categories | data subjects | residency | role | transfer mechanisms |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Workload w : workloads) {
            md.append("| ")
                    .append(code(w.name()))
                    .append(" | ")
                    .append(w.declared() ? "yes" : "no")
                    .append(" | ")
                    .append(list(w.categories()))
                    .append(" | ")
                    .append(list(w.dataSubjects()))
                    .append(" | ")
                    .append(w.residency() == null ? "unknown" : w.residency())
                    .append(" | ")
                    .append(w.role() == null ? "unknown" : w.role().id())
                    .append(" | ")
                    .append(list(w.transferMechanisms()))
                    .append(" |\n");
        }
        md.append("\n## Findings\n");
        String workload = null;
        for (Finding f : findings) {
            if (!f.workload().equals(workload)) {
                workload = f.workload();
                md.append("\n### ").append(workload).append("\n\n");
            }
            md.append("- **")
                    .append(f.severity().id().toUpperCase(java.util.Locale.ROOT))
                    .append("** `")
                    .append(f.kind().id())
                    .append('`');
            if (f.scope() != null) md.append(" — ").append(code(f.scope()));
            if (f.provider() != null) {
                md.append(" → ").append(code(f.provider()));
                List<String> where = new ArrayList<>();
                if (f.profile() != null) where.add("profile " + code(f.profile()));
                if (f.region() != null) where.add("region " + code(f.region()));
                if (!where.isEmpty())
                    md.append(" (").append(String.join(", ", where)).append(')');
            }
            md.append('\n');
            md.append("  - Why: ").append(f.explanation()).append('\n');
            md.append("  - Action: ").append(f.action()).append('\n');
            md.append("  - Rests on: ").append(String.join("; ", f.articles())).append('\n');
            if (!f.destinations().isEmpty())
                md.append("  - Destinations: ")
                        .append(String.join(", ", f.destinations()))
                        .append('\n');
            if (!f.evidence().isEmpty())
                md.append("  - Evidence: ").append(describe(f.evidence())).append('\n');
            if (!f.sources().isEmpty())
                md.append("  - Sources: ")
                        .append(f.sources().stream().map(s -> "<" + s + ">").collect(Collectors.joining(", ")))
                        .append('\n');
        }
        if (findings.isEmpty()) md.append("\nNo findings: no workload's data reaches a provider.\n");
        return md.toString();
    }

    /** Where the traffic came from, in words. */
    public String describeTraffic() {
        if (traffic == null)
            return "not read" + (trafficNote == null ? "" : ": " + trafficNote) + "; assessed from the policy only";
        String window = traffic.from() == null && traffic.to() == null
                ? "all time"
                : (traffic.from() == null ? "the start" : text(traffic.from())) + " to "
                        + (traffic.to() == null ? "now" : text(traffic.to()));
        return traffic.requests() + " requests (" + traffic.forwarded() + " forwarded) from " + traffic.store() + ", "
                + window;
    }

    /** Evidence in words: "policy can (rules a; models x, y); traffic did: 12 requests (rule b), first … last …". */
    public static String describe(List<Evidence> evidence) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : evidence) {
            StringBuilder sb = new StringBuilder();
            if (e.source().equals(Evidence.TRAFFIC)) {
                sb.append("traffic did: ").append(e.requests()).append(e.requests() == 1 ? " request" : " requests");
            } else {
                sb.append("policy can");
            }
            List<String> details = new ArrayList<>();
            if (!e.rules().isEmpty())
                details.add((e.rules().size() == 1 ? "rule " : "rules ") + String.join(", ", e.rules()));
            if (!e.models().isEmpty())
                details.add((e.models().size() == 1 ? "model " : "models ") + String.join(", ", e.models()));
            if (e.first() != null) details.add(e.first() + " to " + e.last());
            if (!details.isEmpty())
                sb.append(" (").append(String.join("; ", details)).append(')');
            parts.add(sb.toString());
        }
        return String.join("; ", parts);
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    private static String list(List<String> values) {
        return values.isEmpty()
                ? "-"
                : values.stream().map(ResidencyReport::code).collect(Collectors.joining(", "));
    }
}
