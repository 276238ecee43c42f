package dev.sovereign.residency.internal;

import dev.sovereign.index.Profile;
import dev.sovereign.index.ResolvedFact;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.residency.Finding;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.residency.ProviderDeployment;
import dev.sovereign.residency.Workload;
import dev.sovereign.residency.internal.Places.Place;
import dev.sovereign.residency.internal.Places.Zone;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings for one {@link Exposure}: whether it breaks the workload's residency, and which Chapter V finding
 * applies to the provider, from the profile's facts as of a date ({@code operator_seat}, {@code us_reach}, {@code
 * inference_location}, {@code transfer_basis}). Pure and thread-safe.
 *
 * <p>The order of the checks: a provider without a profile, or whose facts are unknown, is a manual review (never an
 * automatic Art. 49 derogation). A required residency is checked against where the data is processed ({@link
 * ProcessingLocation}). Secrets are not data about a data subject, so only residency is checked for them. Data
 * subjects outside the EEA of an organisation established outside it get a note on GDPR Art. 3 instead of a transfer
 * finding. Otherwise: an operator in an adequate country out of US reach is adequacy; then by transfer basis: {@code
 * no_transfer} no transfer, {@code dpf} adequacy via the DPF with SCCs as fallback, {@code sccs_only} and {@code
 * eu_processing_non_eu_subprocessors} SCCs with a transfer impact assessment.
 */
public final class TransferAnalysis {
    private final SovereigntyIndex index;
    private final LocalDate asOf;
    private final String establishment;
    private final Map<String, ProviderDeployment> providers;

    public TransferAnalysis(
            SovereigntyIndex index, LocalDate asOf, String establishment, Map<String, ProviderDeployment> providers) {
        this.index = index;
        this.asOf = asOf;
        this.establishment = establishment;
        this.providers = Map.copyOf(providers);
    }

    public List<Finding> findings(Workload w, Exposure e) {
        List<Finding> out = new ArrayList<>();
        ProviderDeployment dep = providers.get(e.provider());
        String profileId = dep == null ? null : dep.profile();
        Profile profile = profileId == null ? null : index.catalog().profiles().get(profileId);
        if (profile == null) {
            String why = dep == null
                    ? "provider '" + e.provider() + "' is not in the configuration, so nothing is known of where it"
                            + " processes or under which law"
                    : "provider '" + e.provider() + "' names sovereignty profile '" + profileId
                            + "', which does not exist, so nothing is known of where it processes or under which law";
            out.add(finding(
                    w,
                    e,
                    null,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44, Articles.ART_49),
                    e.describeData() + " " + verb(e) + " reach " + e.provider() + ": " + why + ".",
                    "Give the provider a profile (providers.yaml profile:, and config/profiles/ for your own"
                            + " deployments), then assess again; do not rely on an Art. 49 derogation without a"
                            + " documented case-by-case assessment (" + Articles.EDPB_DEROGATIONS + ").",
                    List.of()));
            return out;
        }
        Map<String, ResolvedFact> facts = index.resolve(profile, asOf);
        ProcessingLocation location = ProcessingLocation.of(facts.get("inference_location"), regionOf(e, dep));
        if (w.residencyRequired()) residency(w, e, profile, location, out);
        if (e.family().equals("secret")) return out;
        if (w.declared() && !w.subjectsInEea() && !inEea(establishment)) {
            out.add(finding(
                    w,
                    e,
                    profile,
                    Kind.GDPR_SCOPE,
                    Kind.GDPR_SCOPE.severity(),
                    List.of(Articles.ART_3),
                    "The data subjects (" + String.join(", ", w.dataSubjects()) + ") are outside the EU and EEA and"
                            + " the organisation is established outside them (" + establishment + "): whether the"
                            + " GDPR applies at all is a question of its territorial scope, not of Chapter V.",
                    "Confirm with counsel that Art. 3(1) (an establishment in the Union) and Art. 3(2) (offering"
                            + " goods or services to, or monitoring, people in the Union) do not apply; if one does,"
                            + " declare the data subjects and assess again.",
                    List.of()));
            return out;
        }
        transfer(w, e, profile, facts, location, out);
        return out;
    }

    private static String regionOf(Exposure e, ProviderDeployment dep) {
        if (e.region() != null) return e.region();
        return dep == null ? null : dep.region();
    }

    private void residency(Workload w, Exposure e, Profile profile, ProcessingLocation location, List<Finding> out) {
        String required = describeResidency(w.residency());
        Boolean inside = satisfies(w.residency(), location.place());
        List<String> sources = location.source() == null ? List.of() : List.of(location.source());
        if (inside == null) {
            out.add(finding(
                    w,
                    e,
                    profile,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44),
                    e.describeData() + " " + verb(e) + " reach " + e.provider() + ", whose processing location cannot"
                            + " be checked against the required residency (" + required + "): " + location.reason()
                            + ".",
                    "Set the provider's region in providers.yaml to the region it is pinned to (a cloud region such"
                            + " as eu-central-1, or a country code), then assess again; until then treat it as"
                            + " outside " + required + ".",
                    sources));
            return;
        }
        if (inside) return;
        List<String> articles = new ArrayList<>();
        // Processing in another EEA country than the one required breaks the requirement but is no transfer.
        if (!e.family().equals("secret") && !location.place().inEea()) articles.add(Articles.ART_44);
        if (w.role() == Workload.Role.PROCESSOR) articles.add(Articles.ART_28_3_A);
        if (e.permitted()) articles.add(Articles.ART_25);
        String did = e.observed()
                ? "The trail shows " + e.describeData() + " reached " + e.provider()
                : "The policy lets " + e.describeData() + " reach " + e.provider();
        String action =
                "Route this workload's " + e.scope() + " to a provider that processes in " + place(w.residency())
                        + ", or redact it before it leaves (a redact rule), and add a guarantee so that the policy cannot"
                        + " send it to " + e.provider() + " again.";
        if (e.observed()) {
            action += " Review the requests already sent (" + e.describeEvidence() + ") with the data protection"
                    + " officer.";
        }
        if (w.role() == Workload.Role.PROCESSOR) {
            action += " As processor, this is processing outside the controller's documented instructions on"
                    + " transfers (Art. 28(3)(a)): inform the controller.";
        }
        out.add(finding(
                w,
                e,
                profile,
                Kind.RESIDENCY_BREACH,
                Severity.BREACH,
                articles,
                did + " (" + e.describeEvidence() + "), " + Places.processed(location.place()) + ": "
                        + location.reason() + ". The workload requires " + required + ".",
                action,
                sources));
    }

    private void transfer(
            Workload w,
            Exposure e,
            Profile profile,
            Map<String, ResolvedFact> facts,
            ProcessingLocation location,
            List<Finding> out) {
        ResolvedFact seat = facts.get("operator_seat");
        ResolvedFact reach = facts.get("us_reach");
        ResolvedFact basis = facts.get("transfer_basis");
        Set<String> sources = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (ResolvedFact f : List.of(seat, reach, basis)) {
            if (f.unknown()) unknown.add(f.attribute());
            else if (f.source() != null) sources.add(f.source());
        }
        if (location.source() != null) sources.add(location.source());
        String operator = profile.operator().isBlank() ? profile.name() : profile.operator();
        String where = location.known() ? Places.processed(location.place()) : location.reason();
        if (!unknown.isEmpty()) {
            out.add(finding(
                    w,
                    e,
                    profile,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44, Articles.ART_49),
                    "Profile " + profile.id() + " does not state " + String.join(", ", unknown) + " on " + asOf
                            + ", so no transfer mechanism can be chosen for " + e.describeData() + ".",
                    "Complete the profile's facts with their sources, then assess again; do not rely on an Art. 49"
                            + " derogation without a documented case-by-case assessment ("
                            + Articles.EDPB_DEROGATIONS + ")." + processor(w, e, true),
                    List.copyOf(sources)));
            return;
        }
        String seatV = first(seat);
        String reachV = first(reach);
        String basisV = first(basis);
        boolean ownInfrastructure = basisV.equals("no_transfer") && reachV.equals("none");
        String module = w.role() == Workload.Role.PROCESSOR
                ? "Module 3, processor to processor"
                : "Module 2, controller to processor";
        if (seatV.equals("adequate_country") && reachV.equals("none")) {
            out.add(finding(
                    w,
                    e,
                    profile,
                    Kind.ADEQUACY,
                    Kind.ADEQUACY.severity(),
                    List.of(Articles.ART_45),
                    e.describeData() + " " + verb(e) + " reach " + operator + ", an operator in a country with an"
                            + " adequacy decision (operator_seat: adequate_country), " + where + ".",
                    "Record the adequacy decision the transfer relies on and follow its review; the Commission may"
                            + " amend, suspend or repeal it (Art. 45(5))." + processor(w, e, false),
                    List.copyOf(sources)));
            return;
        }
        switch (basisV) {
            case "no_transfer" -> {
                boolean reached = !reachV.equals("none");
                out.add(finding(
                        w,
                        e,
                        profile,
                        Kind.NO_TRANSFER,
                        reached ? Severity.WARN : Severity.INFO,
                        reached ? List.of(Articles.ART_44, Articles.EDPB_TRANSFER) : List.of(Articles.ART_44),
                        e.describeData() + " " + verb(e) + " reach " + operator + ", " + where
                                + ", with no importer in a third country (transfer_basis: no_transfer)"
                                + (reached
                                        ? "; but US law reaches the operator (us_reach: " + reachV + "), a risk of"
                                                + " third-country access."
                                        : "."),
                        "No Chapter V mechanism is needed."
                                + (reached
                                        ? " Assess the operator's exposure to access requests under US law (CLOUD"
                                                + " Act, FISA 702) and keep pseudonymization for what need not be in"
                                                + " clear."
                                        : "")
                                + (ownInfrastructure ? "" : processor(w, e, false)),
                        List.copyOf(sources)));
            }
            case "dpf" ->
                out.add(finding(
                        w,
                        e,
                        profile,
                        Kind.ADEQUACY_DPF,
                        Kind.ADEQUACY_DPF.severity(),
                        List.of(Articles.ART_45, Articles.DPF, Articles.ART_46_SCC),
                        e.describeData() + " " + verb(e) + " reach " + operator + ", " + where + ", relying on its"
                                + " certification under the EU-US Data Privacy Framework (transfer_basis: dpf). The"
                                + " General Court upheld the framework in T-553/23; the appeal C-703/25 P is pending.",
                        "Check that the importer is on the DPF list with a scope that covers this data; keep the SCCs ("
                                + module + ") signed as a fallback while C-703/25 P is pending"
                                + (w.hasMechanism("sccs") ? " (sccs are listed for this workload)" : "")
                                + "." + processor(w, e, false),
                        List.copyOf(sources)));
            case "sccs_only", "eu_processing_non_eu_subprocessors" -> {
                boolean euProcessing = basisV.equals("eu_processing_non_eu_subprocessors");
                String law = reachV.equals("direct")
                        ? " US law (CLOUD Act, 18 U.S.C. 2713; FISA 702) reaches the operator directly, wherever the"
                                + " data is stored."
                        : reachV.equals("indirect")
                                ? " US law reaches the operator indirectly (us_reach: indirect: US sub-processors or"
                                        + " owners)."
                                : "";
                String explanation = euProcessing
                        ? e.describeData() + " " + verb(e) + " reach " + operator + ", " + where + "; processing"
                                + " in the EEA is not itself a transfer (" + Articles.EDPB_TRANSFER + "), but the"
                                + " provider's sub-processors outside the EEA receive data under SCCs"
                                + " (transfer_basis: eu_processing_non_eu_subprocessors)." + law
                        : e.describeData() + " " + verb(e) + " reach " + operator + ", " + where + ", under the"
                                + " standard contractual clauses of its data processing terms (transfer_basis:"
                                + " sccs_only)." + law;
                String mechanism = w.hasMechanism("sccs")
                        ? "Keep the SCCs (" + module + ") in force"
                        : w.hasMechanism("bcrs")
                                ? "Check that the binding corporate rules cover this provider, or sign its SCCs ("
                                        + module + ")"
                                : "Sign the provider's SCCs (" + module + "; no transfer mechanism is listed for"
                                        + " this workload)";
                List<String> articles =
                        new ArrayList<>(List.of(Articles.ART_46_SCC, Articles.SCC_DECISION, Articles.EDPB_TIA));
                if (w.hasMechanism("bcrs") && !w.hasMechanism("sccs")) articles.add(Articles.ART_46_BCR);
                if (euProcessing) articles.add(Articles.EDPB_TRANSFER);
                out.add(finding(
                        w,
                        e,
                        profile,
                        Kind.SCCS_TIA,
                        Kind.SCCS_TIA.severity(),
                        articles,
                        explanation,
                        mechanism + " and document a transfer impact assessment of the importer's country (EDPB"
                                + " Recommendations 01/2020), with supplementary measures such as pseudonymizing "
                                + e.scope() + " before it leaves (a redact rule)." + processor(w, e, false),
                        List.copyOf(sources)));
            }
            default ->
                out.add(finding(
                        w,
                        e,
                        profile,
                        Kind.MANUAL_REVIEW,
                        Kind.MANUAL_REVIEW.severity(),
                        List.of(Articles.ART_44, Articles.ART_49),
                        "Profile " + profile.id() + " states transfer_basis '" + basisV
                                + "', which this assessment does" + " not know.",
                        "Decide the transfer mechanism by hand; never an Art. 49 derogation by default.",
                        List.copyOf(sources)));
        }
    }

    /** The processor's duty when it engages a provider as sub-processor, as a sentence to append, or "". */
    private static String processor(Workload w, Exposure e, boolean unknown) {
        if (w.role() != Workload.Role.PROCESSOR) return "";
        return " As processor, engage " + e.provider() + " only with the controller's prior specific or general"
                + " written authorisation (Art. 28(2)) and under the same data protection obligations (Art. 28(4))"
                + (unknown ? "." : "; the controller must know of this sub-processor and its location.");
    }

    private static Finding finding(
            Workload w,
            Exposure e,
            Profile profile,
            Kind kind,
            Severity severity,
            List<String> articles,
            String explanation,
            String action,
            List<String> sources) {
        List<String> all = new ArrayList<>(articles);
        if (w.role() == Workload.Role.PROCESSOR
                && kind != Kind.RESIDENCY_BREACH
                && kind != Kind.GDPR_SCOPE
                && action.contains("Art. 28(2)")) {
            all.add(Articles.ART_28_2_4);
        }
        return new Finding(
                w.name(),
                e.scope(),
                e.categories(),
                e.provider(),
                e.region(),
                profile == null ? null : profile.id(),
                kind,
                severity,
                all,
                explanation,
                action,
                e.evidence(),
                sources);
    }

    private static String verb(Exposure e) {
        return e.observed() ? "did" : "can";
    }

    private static String first(ResolvedFact f) {
        return f.value().isEmpty() ? "" : f.value().get(0);
    }

    private static boolean inEea(String place) {
        return place.equals("eu") || place.equals("eea") || Places.inEea(place);
    }

    /**
     * Whether {@code place} meets a residency: {@code true}, {@code false}, or {@code null} when it cannot be told
     * (the place is unknown, or the residency is a country and the place only "somewhere in the EU").
     */
    static Boolean satisfies(String residency, Place place) {
        if (place.zone() == Zone.UNSPECIFIED) return null;
        return switch (residency) {
            case "eu" -> place.zone() == Zone.EU;
            case "eea" -> place.inEea();
            default -> {
                if (place.country() != null) yield place.country().equals(residency);
                if (place.zone() == Zone.OUTSIDE) yield false;
                // Somewhere in the EU (or EEA): inside only if the country is, and then we cannot tell which.
                boolean countryInZone = place.zone() == Zone.EU ? Places.inEu(residency) : Places.inEea(residency);
                yield countryInZone ? null : false;
            }
        };
    }

    static String describeResidency(String residency) {
        return "processing in " + place(residency);
    }

    /** A required residency as a place: the EU, the EEA, or a country code. */
    static String place(String residency) {
        return switch (residency) {
            case "eu" -> "the EU";
            case "eea" -> "the EEA";
            default -> residency;
        };
    }
}
