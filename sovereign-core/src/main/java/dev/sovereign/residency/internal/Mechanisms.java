package dev.sovereign.residency.internal;

import dev.sovereign.residency.Declarations;
import dev.sovereign.residency.DeploymentDeclaration;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.residency.Workload;
import dev.sovereign.residency.Workloads;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The Chapter V finding of one exposure: where the data goes on the inference path and on the support path (remote
 * access and sub-processors declared in third countries), each destination's status (EEA, adequacy with its decision,
 * or third country), and, for a restricted transfer, which of the declared mechanisms fit the importer's facts.
 *
 * <p>The fit of each mechanism:
 *
 * <ul>
 *   <li>{@code dpf} (Art. 45, Decision (EU) 2023/1795): only for an importer certified under the EU-US Data Privacy
 *       Framework, with an HR certification for employee data, and only when every restricted destination is in the
 *       United States.
 *   <li>{@code sccs} (Art. 46(2)(c), Decision (EU) 2021/914): Module 2 from a controller to a processor, Module 3 from
 *       a processor to a sub-processor; for a contract with an EEA entity of a non-EEA group (Anthropic Ireland, OpenAI
 *       Ireland), the restricted transfer is the entity's onward transfer to its parent, under Module 3 of the
 *       provider's terms. Not for an importer itself subject to the GDPR under Art. 3(2) (Decision 2021/914, recital
 *       7).
 *   <li>{@code bcrs} (Art. 46(2)(b), 47): only when the importer has processor BCRs; the organisation's own BCRs
 *       cover transfers within its group, and a provider is not of it.
 *   <li>{@code code_of_conduct}, {@code certification} (Art. 46(2)(e), (f)): only with the importer's binding and
 *       enforceable commitments, which this assessment cannot check: reported as not fitting.
 *   <li>an Art. 49 derogation: only for occasional transfers (EDPB Guidelines 2/2018).
 * </ul>
 *
 * A restricted transfer with no fitting mechanism is a breach ({@link Kind#MISSING_MECHANISM}); each declared
 * mechanism that does not fit is reported ({@link Kind#MECHANISM_MISMATCH}).
 */
final class Mechanisms {
    private final TransferAnalysis.Facts f;
    private final LocalDate asOf;
    private final Workloads declared;

    Mechanisms(TransferAnalysis.Facts f, LocalDate asOf, Workloads declared) {
        this.f = f;
        this.asOf = asOf;
        this.declared = declared;
    }

    void transfer(List<dev.sovereign.residency.Finding> out) {
        Workload w = f.w();
        Exposure e = f.e();
        Destinations dest = f.dest();
        if (!dest.known()) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44, Articles.ART_49),
                    "Where " + e.describeData() + " is processed at " + e.provider() + " cannot be told: " + dest.how()
                            + "; no transfer mechanism can be chosen.",
                    "Set the provider's region (a cloud region, a site, or a country code) or give it a profile, then"
                            + " assess again; never an Art. 49 derogation by default (" + Articles.EDPB_DEROGATIONS
                            + ").",
                    List.of()));
            return;
        }
        DeploymentDeclaration importerFacts = f.decl();
        boolean supportPath = importerFacts != null
                && (!importerFacts.remoteAccess().isEmpty()
                        || !importerFacts.subprocessors().isEmpty());
        if (ownInfrastructure() && !supportPath && !dest.allInEea()) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.NO_TRANSFER,
                    Severity.WARN,
                    List.of(Articles.ART_44, Articles.EDPB_TRANSFER_CRITERIA, Articles.ART_32),
                    e.describeData() + " " + TransferAnalysis.verb(e) + " reach the organisation's own servers in "
                            + dest.describe(asOf) + " (" + dest.how() + "): no other controller or processor receives"
                            + " it, so there is no transfer (" + Articles.EDPB_TRANSFER_CRITERIA + ", second"
                            + " criterion), but the law of that country reaches the data where it is processed.",
                    "Assess the access the local law gives its authorities, and the security of the processing,"
                            + " under Art. 32; if a hosting provider runs these servers, it is an importer: give the"
                            + " deployment a profile or declare its facts, and assess again.",
                    List.of()));
            return;
        }
        boolean employee = w.declarations().employeeData();
        boolean dpfCertified = dpfCertified(employee);
        // Each destination outside the EEA, with what covers it: an adequacy decision, or nothing (restricted).
        Map<String, String> adequate = new LinkedHashMap<>();
        List<String> restricted = new ArrayList<>();
        if (dest.anywhere()) restricted.add("any country where the provider has capacity");
        for (String c : dest.outsideEea()) classify(c, dpfCertified, adequate, restricted);
        List<String> support = new ArrayList<>();
        DeploymentDeclaration decl = f.decl();
        if (decl != null) {
            for (DeploymentDeclaration.RemoteAccess a : decl.remoteAccess()) {
                for (String c : a.from()) {
                    if (Places.inEea(c)) continue;
                    support.add("remote access by " + a.by() + " from " + c);
                    if (!adequate.containsKey(c) && !restricted.contains(c))
                        classify(c, dpfCertified, adequate, restricted);
                }
            }
            for (DeploymentDeclaration.Subprocessor s : decl.subprocessors()) {
                if (Places.inEea(s.country())) continue;
                support.add("sub-processor " + s.name() + " in " + s.country());
                if (!adequate.containsKey(s.country()) && !restricted.contains(s.country()))
                    classify(s.country(), dpfCertified, adequate, restricted);
            }
        }
        String path = e.describeData() + " " + TransferAnalysis.verb(e) + " reach " + f.operator() + ", processed in "
                + dest.describe(asOf) + " (" + dest.how() + ")"
                + (support.isEmpty() ? "" : "; declared at " + decl.at() + ": " + String.join("; ", support))
                + "." + pseudonymised() + exporter();
        if (adequate.isEmpty() && restricted.isEmpty()) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.NO_TRANSFER,
                    Severity.INFO,
                    List.of(Articles.ART_44, Articles.EDPB_TRANSFER_CRITERIA),
                    path + " Every destination is in the EEA: no transfer to a third country on this path"
                            + " (Chapter V does not apply to it).",
                    "No Chapter V mechanism is needed for this path; keep the region pinned (a guarantee in the policy)."
                            + (ownInfrastructure() ? "" : TransferAnalysis.processor(w, e)),
                    List.of()));
            return;
        }
        if (restricted.isEmpty()) {
            adequacy(path, adequate, out);
            return;
        }
        restricted(path, adequate, restricted, out);
    }

    /** The organisation's own servers: no importer at all, and no sub-processor to authorise. */
    private boolean ownInfrastructure() {
        return "no_transfer".equals(f.value("transfer_basis")) && "none".equals(f.value("us_reach"));
    }

    /** Whether the importer is certified under the DPF for this data: as declared, else as its profile says. */
    private boolean dpfCertified(boolean employee) {
        DeploymentDeclaration decl = f.decl();
        if (decl != null && decl.dpf() != null) return decl.dpfCovers(employee);
        return "dpf".equals(f.value("transfer_basis")) && !employee;
    }

    private void classify(String country, boolean dpfCertified, Map<String, String> adequate, List<String> restricted) {
        Optional<Adequacy.Decision> d = Adequacy.of(country, asOf);
        if (d.isPresent() && (!country.equals("us") || dpfCertified))
            adequate.put(country, d.get().cite());
        else restricted.add(country);
    }

    private void adequacy(String path, Map<String, String> adequate, List<dev.sovereign.residency.Finding> out) {
        boolean us = adequate.containsKey("us");
        List<String> decisions = new ArrayList<>();
        adequate.forEach((c, d) -> decisions.add(c + ": " + d));
        List<String> articles = new ArrayList<>(List.of(Articles.ART_45));
        if (us) articles.addAll(List.of(Articles.DPF, Articles.ART_46_SCC));
        String explanation = path + " The destinations outside the EEA rest on adequacy decisions: "
                + String.join("; ", decisions) + "."
                + (us
                        ? " The US importer relies on its certification under the EU-US Data Privacy Framework"
                                + (f.decl() != null && f.decl().dpf() != null
                                        ? " (declared: " + f.decl().dpf() + ")"
                                        : " (transfer_basis: dpf)")
                                + "; the General Court upheld the framework in T-553/23 (3 September 2025) and the"
                                + " appeal C-703/25 P is pending."
                        : "");
        String action = "Record the adequacy decisions the transfer relies on and follow their review; the Commission"
                + " may amend, suspend or repeal them (Art. 45(5))."
                + (us
                        ? " Check that the importer is on the DPF list with a scope that covers this data"
                                + (f.w().declarations().employeeData() ? " (HR data)" : "")
                                + "; keep SCCs (" + module() + ") signed as a fallback while C-703/25 P is pending."
                        : "")
                + TransferAnalysis.processor(f.w(), f.e());
        out.add(TransferAnalysis.finding(
                f,
                us ? Kind.ADEQUACY_DPF : Kind.ADEQUACY,
                us ? Kind.ADEQUACY_DPF.severity() : Kind.ADEQUACY.severity(),
                articles,
                explanation,
                action,
                List.of(Adequacy.SOURCE)));
    }

    private void restricted(
            String path,
            Map<String, String> adequate,
            List<String> restricted,
            List<dev.sovereign.residency.Finding> out) {
        Workload w = f.w();
        Exposure e = f.e();
        DeploymentDeclaration decl = f.decl();
        boolean onlyUs = restricted.equals(List.of("us"));
        List<String> fitting = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        boolean art32 = decl != null && Boolean.TRUE.equals(decl.subjectToGdpr());
        for (String m : w.transferMechanisms()) {
            switch (m) {
                case "sccs" -> {
                    if (art32) {
                        mismatches.add("sccs: the importer is itself subject to the GDPR under Art. 3(2) (declared at "
                                + decl.at() + "), and the 2021 SCCs do not serve such an importer ("
                                + Articles.SCC_RECITAL_7 + "); use the clauses the Commission adopts for it, or"
                                + " another Art. 46 safeguard");
                    } else fitting.add("sccs");
                }
                case "dpf" -> {
                    if (!onlyUs) {
                        mismatches.add("dpf: the DPF covers only US importers and US destinations, and the data can"
                                + " also go to " + String.join(", ", without(restricted, "us")));
                    } else {
                        mismatches.add("dpf: the importer is not certified under the EU-US Data Privacy Framework for"
                                + " this data"
                                + (w.declarations().employeeData() ? " (employee data needs an HR certification)" : "")
                                + (decl != null && decl.dpf() != null
                                        ? " (declared at " + decl.at() + ": " + decl.dpf() + ")"
                                        : " (its profile does not rely on the DPF)"));
                    }
                }
                case "bcrs" -> {
                    if (decl != null && decl.bcrs()) fitting.add("bcrs");
                    else
                        mismatches.add("bcrs: binding corporate rules cover transfers within a group; " + e.provider()
                                + " is not declared to have processor BCRs (deployments." + e.provider() + ".bcrs)");
                }
                default ->
                    mismatches.add(m + ": an Art. 46(2)(e) or (f) instrument needs binding and enforceable"
                            + " commitments of the importer, which are not declared and cannot be checked here");
            }
        }
        Declarations.Derogation derogation = w.declarations().derogation();
        boolean derogationFits = derogation != null && derogation.occasional();
        if (derogation != null && !derogationFits) {
            mismatches.add(derogation.cite() + ": a derogation serves occasional transfers only, and this workload"
                    + " declares regular ones (" + Articles.EDPB_DEROGATIONS + ", section 2.1)");
        }
        String where = String.join(", ", restricted)
                + (adequate.isEmpty() ? "" : " (adequacy covers " + String.join(", ", adequate.keySet()) + ")");
        List<String> sources = new ArrayList<>();
        if (f.source("transfer_basis") != null) sources.add(f.source("transfer_basis"));
        if (!mismatches.isEmpty()) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.MECHANISM_MISMATCH,
                    Kind.MECHANISM_MISMATCH.severity(),
                    List.of(Articles.ART_44, Articles.ART_46_SCC, Articles.DPF, Articles.SCC_DECISION),
                    "A declared transfer mechanism does not fit the transfer of " + e.describeData() + " to " + where
                            + ": " + String.join("; ", mismatches) + ".",
                    "Remove the mechanism from the workload's transfer_mechanisms in " + Workloads.FILE
                            + " or put one in place that fits the importer and the destinations.",
                    sources));
        }
        String tia = w.declarations().tiaDone() == null
                ? " No transfer impact assessment is declared: document one per destination (EDPB Recommendations"
                        + " 01/2020, steps 3 to 6)."
                : " The transfer impact assessment was completed on "
                        + w.declarations().tiaDone()
                        + " (declared); review it for each destination and when the importer's law changes.";
        String measures = decl == null || decl.measures().describe().isEmpty()
                ? ""
                : " Supplementary measures declared at " + decl.at() + ": "
                        + decl.measures().describe() + ".";
        if (!fitting.isEmpty() || derogationFits) {
            boolean sccs = fitting.contains("sccs");
            List<String> articles = new ArrayList<>();
            if (sccs) articles.addAll(List.of(Articles.ART_46_SCC, Articles.SCC_DECISION));
            if (fitting.contains("bcrs")) articles.add(Articles.ART_46_BCR);
            if (fitting.isEmpty()) articles.addAll(List.of(Articles.ART_49, Articles.EDPB_DEROGATIONS));
            articles.add(Articles.EDPB_TIA);
            if (!e.pseudonymised().isEmpty()) articles.addAll(List.of(Articles.ART_4_5, Articles.EDPB_PSEUDONYMISED));
            String basis = sccs
                    ? "the SCCs (" + module() + ")"
                    : fitting.contains("bcrs") ? "the importer's processor BCRs" : derogation.cite() + " (occasional)";
            out.add(TransferAnalysis.finding(
                    f,
                    fitting.isEmpty() ? Kind.DEROGATION : Kind.SCCS_TIA,
                    Severity.WARN,
                    articles,
                    path + " A restricted transfer to " + where + ", resting on " + basis + "." + law() + measures,
                    (sccs ? "Keep the SCCs (" + module() + ") in force." : "Keep " + basis + " documented.") + tia
                            + " Pseudonymize before the data leaves what need not be in clear (a redact rule)."
                            + TransferAnalysis.processor(w, e),
                    sources));
        } else if (w.declared()) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.MISSING_MECHANISM,
                    Severity.BREACH,
                    List.of(Articles.ART_44, Articles.ART_46_SCC, Articles.SCC_DECISION, Articles.EDPB_TIA),
                    path + " A restricted transfer to " + where + " with no transfer mechanism that fits"
                            + (w.transferMechanisms().isEmpty()
                                    ? " (the workload declares none)"
                                    : " (declared: " + String.join(", ", w.transferMechanisms()) + ")")
                            + "." + law() + measures,
                    "Stop the flow (route to an EEA or adequate destination, or block it) until a mechanism is in"
                            + " place: the SCCs (" + module() + ") with a transfer impact assessment per destination,"
                            + " or the importer's DPF certification for US-only destinations. Declare it in the"
                            + " workload's transfer_mechanisms." + TransferAnalysis.processor(w, e),
                    sources));
        } else {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44, Articles.ART_46_SCC, Articles.EDPB_TIA),
                    path + " A restricted transfer to " + where + "; the workload is not declared, so its transfer"
                            + " mechanisms are unknown." + law(),
                    "Declare the workload in " + Workloads.FILE + " with its transfer_mechanisms, then assess again."
                            + tia,
                    sources));
        }
        if (e.family().equals("special")) special(where, out);
    }

    /** Special categories to a third country: the Art. 9(2) condition must be named. */
    private void special(String where, List<dev.sovereign.residency.Finding> out) {
        String condition = f.w().declarations().art9Condition();
        out.add(TransferAnalysis.finding(
                f,
                Kind.SPECIAL_CATEGORIES_TRANSFER,
                condition == null && f.w().declared() ? Severity.BREACH : Severity.WARN,
                List.of(Articles.ART_9, Articles.ART_9_2, Articles.ART_44, Articles.EDPB_TIA),
                "Special categories (" + String.join(", ", f.e().categories()) + ") of " + f.w().name() + " "
                        + TransferAnalysis.verb(f.e()) + " go to " + where + ", a third country without adequacy. "
                        + (condition == null
                                ? "Their processing is prohibited unless an Art. 9(2) condition applies, and none is"
                                        + " named" + (f.w().declared() ? "." : " (the workload is not declared).")
                                : "The workload names Art. " + condition + " as the condition that permits it."),
                (condition == null
                                ? "Name the Art. 9(2) condition in the workload's art9_condition, or stop the flow. "
                                : "")
                        + "The transfer impact assessment must weigh the higher risk of these categories; prefer an"
                        + " EEA destination or redact them before they leave.",
                List.of()));
    }

    /** The SCC module by the parties' roles, and the onward transfer of an EEA contracting entity. */
    private String module() {
        DeploymentDeclaration decl = f.decl();
        String entity = decl != null && decl.contractingCountry() != null && Places.inEea(decl.contractingCountry())
                ? decl.contractingEntity()
                : decl == null && "yes".equals(f.value("eu_contracting_entity")) ? "its EEA contracting entity" : null;
        if (entity != null) {
            return "Module 3, processor to sub-processor, for the onward transfer from " + entity + " to its"
                    + " parent outside the EEA; the contract with " + entity + " is itself no transfer";
        }
        return f.w().role() == Workload.Role.PROCESSOR
                ? "Module 3, processor to processor"
                : "Module 2, controller to processor";
    }

    /** What the law of the importer's country does, in a sentence, or "". */
    private String law() {
        String reach = f.value("us_reach");
        if ("direct".equals(reach))
            return " US law (CLOUD Act, 18 U.S.C. 2713; FISA 702) reaches the operator directly, wherever the data is"
                    + " stored.";
        if ("indirect".equals(reach))
            return " US law reaches the operator indirectly (us_reach: indirect: US sub-processors or owners).";
        if (reach == null && f.dep() != null && f.dep().usHyperscaler())
            return " A US-owned hyperscaler operates the deployment: US law (CLOUD Act, 18 U.S.C. 2713; FISA 702)"
                    + " reaches it wherever the data is stored.";
        return "";
    }

    /** Rule 5: pseudonymised values are still personal data, and the measure's strength. */
    private String pseudonymised() {
        if (f.e().pseudonymised().isEmpty()) return "";
        List<String> p = f.e().pseudonymised();
        String which = p.equals(f.e().categories()) ? "They" : String.join(", ", p);
        return " " + which + " reach it pseudonymised (a redact rule in pseudonymize mode, the mapping kept by the"
                + " gateway): pseudonymised data is still personal data (Art. 4(5), Recital 26), so it is assessed"
                + " as such, and sent outside the EEA it remains a transfer. Replacing the values the classifier detects"
                + " in free text is a supplementary measure only if nothing else in the text can identify the person"
                + " (" + Articles.EDPB_PSEUDONYMISED + "), which free text rarely meets on its own.";
    }

    /** An exporter established outside the EU that the GDPR reaches under Art. 3(2). */
    private String exporter() {
        if (TransferAnalysis.inEea(declared.establishment())) return "";
        return " The organisation, established in " + declared.establishment() + ", is subject to the GDPR for this"
                + " processing under Art. 3(2): its disclosure to an importer in a third country is a transfer ("
                + Articles.EDPB_TRANSFER_CRITERIA + "), while collecting the data from the data subjects is not.";
    }

    private static List<String> without(List<String> list, String x) {
        return new ArrayList<>(
                new TreeSet<>(list.stream().filter(y -> !y.equals(x)).toList()));
    }
}
