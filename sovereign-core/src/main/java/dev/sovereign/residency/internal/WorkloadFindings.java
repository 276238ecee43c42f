package dev.sovereign.residency.internal;

import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.residency.Finding;
import dev.sovereign.residency.Finding.Evidence;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.residency.Traffic;
import dev.sovereign.residency.Workload;
import dev.sovereign.residency.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings about a workload as a whole rather than one flow: a DPIA for its special categories (Art. 35(3)(b)),
 * a manual review when it is undeclared or sends categories it does not declare (Art. 30(1)), and the Art. 27
 * representative of an organisation established outside the EU (Art. 3(2)). Stateless.
 */
public final class WorkloadFindings {
    private WorkloadFindings() {}

    /** An organisation established outside the EEA whose data subjects are in it: Art. 3(2) and Art. 27. */
    public static void representative(Workloads workloads, Workload w, List<Finding> findings) {
        String est = workloads.establishment();
        if (!w.declared() || est.equals("eu") || est.equals("eea") || Places.inEea(est) || !w.subjectsInEea()) return;
        Workloads.Representative rep = workloads.representative();
        boolean has = rep != null;
        findings.add(new Finding(
                w.name(),
                null,
                List.of(),
                null,
                null,
                null,
                Kind.REPRESENTATIVE,
                has ? Severity.INFO : Severity.WARN,
                List.of(Articles.ART_3_2, Articles.ART_27),
                "The organisation is established in " + est + " and workload " + w.name() + " processes data of"
                        + " people in the Union (" + String.join(", ", w.dataSubjects()) + "): the GDPR applies to it"
                        + " under Art. 3(2), and Art. 27 requires a representative in the Union"
                        + (has ? "; declared: " + rep.name() + " (" + rep.country() + ")." : "; none is declared."),
                has
                        ? "Keep the representative's mandate in writing and name it in the privacy notice (Art."
                                + " 13(1)(a)); transfers to importers in third countries are assessed as for an EU"
                                + " exporter."
                        : "Designate in writing a representative in a member state where data subjects are (Art."
                                + " 27(1) and (3)), unless Art. 27(2) exempts the processing, and declare it under"
                                + " representative in " + Workloads.FILE + ".",
                List.of(),
                List.of()));
    }

    /** One DPIA finding for a workload whose special categories reach any provider. */
    public static void dpia(Workload w, List<Exposure> exposures, List<Finding> findings) {
        List<Exposure> special =
                exposures.stream().filter(e -> e.family().equals("special")).toList();
        boolean declared = w.declared() && w.categories().stream().anyMatch(c -> c.startsWith("special"));
        if (special.isEmpty() && !declared) return;
        Set<String> categories = new TreeSet<>();
        Set<String> providerIds = new TreeSet<>();
        long requests = 0;
        Set<String> policyRules = new TreeSet<>();
        Set<String> trafficRules = new TreeSet<>();
        boolean permitted = false;
        for (Exposure e : special) {
            categories.addAll(e.categories());
            providerIds.add(e.provider());
            for (Evidence ev : e.evidence()) {
                if (ev.source().equals(Evidence.TRAFFIC)) {
                    requests += ev.requests();
                    trafficRules.addAll(ev.rules());
                } else {
                    permitted = true;
                    policyRules.addAll(ev.rules());
                }
            }
        }
        if (categories.isEmpty()) {
            for (String c : w.categories()) if (c.startsWith("special")) categories.add(c);
        }
        List<Evidence> evidence = new ArrayList<>();
        if (permitted)
            evidence.add(new Evidence(Evidence.POLICY, null, List.copyOf(policyRules), List.of(), null, null));
        if (requests > 0)
            evidence.add(new Evidence(Evidence.TRAFFIC, requests, List.copyOf(trafficRules), List.of(), null, null));
        String reaching = providerIds.isEmpty()
                ? "it declares them, though the policy lets none reach a provider"
                : "they reach " + String.join(", ", providerIds);
        findings.add(new Finding(
                w.name(),
                "special.*",
                List.copyOf(categories),
                null,
                null,
                null,
                Kind.DPIA_REQUIRED,
                Kind.DPIA_REQUIRED.severity(),
                List.of(Articles.ART_35, Articles.ART_9),
                "Workload " + w.name() + " processes special categories of personal data ("
                        + String.join(", ", categories) + "); " + reaching + ".",
                "Carry out a data protection impact assessment before the processing (Art. 35(1)); it is required"
                        + " where special categories are processed on a large scale (Art. 35(3)(b)). Name the Art. 9(2)"
                        + " condition that permits the processing.",
                evidence,
                List.of()));
    }

    /** A manual review for an undeclared workload, or for traffic in categories the workload does not declare. */
    public static void undeclared(Workload w, List<Exposure> exposures, List<Finding> findings) {
        if (!w.declared()) {
            List<Evidence> evidence = workloadEvidence(exposures);
            findings.add(new Finding(
                    w.name(),
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_30, Articles.ART_44),
                    (w.name().equals(Traffic.NO_WORKLOAD)
                                    ? "Requests without a workload (no client key) are"
                                    : w.name().equals(PolicyMatrix.OTHER)
                                            ? "Workload other stands for every workload the policy does not name; it"
                                                    + " is"
                                            : "Workload " + w.name() + " is seen in the policy or the trail but")
                            + " not declared in " + Workloads.FILE + ": the data subjects, required residency and"
                            + " role are unknown, so no residency breach can be found; the transfers are"
                            + " assessed as if its data subjects were in the EU.",
                    (w.name().equals(PolicyMatrix.OTHER) ? "Declare each workload" : "Declare it")
                            + " in " + Workloads.FILE + " (categories, data_subjects, residency, role) and assess"
                            + " again.",
                    evidence,
                    List.of()));
            return;
        }
        Set<String> extra = new TreeSet<>();
        long requests = 0;
        Set<String> rules = new TreeSet<>();
        for (Exposure e : exposures) {
            for (String c : e.categories()) {
                if (CategoryPattern.matchesAny(w.categories(), c)) continue;
                for (Evidence ev : e.evidence()) {
                    if (!ev.source().equals(Evidence.TRAFFIC)) continue;
                    extra.add(c);
                    requests += ev.requests();
                    rules.addAll(ev.rules());
                }
            }
        }
        if (extra.isEmpty()) return;
        findings.add(new Finding(
                w.name(),
                null,
                List.copyOf(extra),
                null,
                null,
                null,
                Kind.MANUAL_REVIEW,
                Kind.MANUAL_REVIEW.severity(),
                List.of(Articles.ART_30),
                "The trail shows workload " + w.name() + " sending categories it does not declare ("
                        + String.join(", ", extra) + "); they are assessed above with the rest.",
                "Add them to the workload's categories in " + Workloads.FILE
                        + " if they belong to it, or stop them reaching providers (a block or redact rule).",
                List.of(new Evidence(Evidence.TRAFFIC, requests, List.copyOf(rules), List.of(), null, null)),
                List.of()));
    }

    private static List<Evidence> workloadEvidence(List<Exposure> exposures) {
        Set<String> policyRules = new TreeSet<>();
        Set<String> trafficRules = new TreeSet<>();
        long requests = 0;
        boolean policy = false;
        for (Exposure e : exposures) {
            for (Evidence ev : e.evidence()) {
                if (ev.source().equals(Evidence.TRAFFIC)) {
                    requests += ev.requests();
                    trafficRules.addAll(ev.rules());
                } else {
                    policy = true;
                    policyRules.addAll(ev.rules());
                }
            }
        }
        List<Evidence> out = new ArrayList<>();
        if (policy) out.add(new Evidence(Evidence.POLICY, null, List.copyOf(policyRules), List.of(), null, null));
        if (requests > 0)
            out.add(new Evidence(Evidence.TRAFFIC, requests, List.copyOf(trafficRules), List.of(), null, null));
        return out;
    }
}
