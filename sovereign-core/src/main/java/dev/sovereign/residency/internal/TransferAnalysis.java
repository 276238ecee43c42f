package dev.sovereign.residency.internal;

import dev.sovereign.index.Profile;
import dev.sovereign.index.ResolvedFact;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.residency.DeploymentDeclaration;
import dev.sovereign.residency.Finding;
import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.residency.ProviderDeployment;
import dev.sovereign.residency.Workload;
import dev.sovereign.residency.Workloads;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings for one {@link Exposure}, in two axes that are kept apart: <em>where</em> the data is processed (the
 * destinations, a set of countries: {@link Destinations}) and <em>who</em> operates the processing (the operator's
 * exposure to third-country law). Pure and thread-safe.
 *
 * <p>The order of the checks:
 *
 * <ol>
 *   <li>A required residency is checked against the destinations whenever they are known, with or without a profile
 *       (Art. 44; Art. 25(1) for what the policy permits).
 *   <li>Secrets are not data about a data subject: residency only. A workload declared to carry no personal data gets
 *       no Chapter V finding, unless personal categories reach the provider.
 *   <li>Data subjects and establishment outside the EEA: a note on Art. 3 instead of a transfer finding.
 *   <li>The transfer: destinations in the EEA are no transfer on the inference path (EDPB Guidelines 05/2021, para.
 *       9); destinations with an adequacy decision rest on it (Art. 45, with the decision and its date); any other
 *       destination, and remote access or sub-processors declared in third countries, is a restricted transfer whose
 *       declared mechanisms are checked against the importer's facts ({@link Mechanisms}); none fitting is a breach.
 *       Special categories to a third country need the Art. 9(2) condition named.
 *   <li>The operator: an operator reachable by US law (CLOUD Act, FISA 702) processing in the EEA is no transfer but a
 *       risk, reported on its own under Art. 28(1) and 32.
 * </ol>
 */
public final class TransferAnalysis {
    private final SovereigntyIndex index;
    private final LocalDate asOf;
    private final Workloads declared;
    private final Map<String, ProviderDeployment> providers;

    public TransferAnalysis(
            SovereigntyIndex index, LocalDate asOf, Workloads declared, Map<String, ProviderDeployment> providers) {
        this.index = index;
        this.asOf = asOf;
        this.declared = declared;
        this.providers = Map.copyOf(providers);
    }

    /** What one exposure is assessed with. */
    record Facts(
            Workload w,
            Exposure e,
            ProviderDeployment dep,
            Profile profile,
            Map<String, ResolvedFact> facts,
            Destinations dest,
            DeploymentDeclaration decl) {

        String value(String attribute) {
            ResolvedFact f = facts.get(attribute);
            return f == null || f.unknown() || f.value().isEmpty()
                    ? null
                    : f.value().get(0);
        }

        String source(String attribute) {
            ResolvedFact f = facts.get(attribute);
            return f == null || f.unknown() ? null : f.source();
        }

        String operator() {
            if (profile == null) return e.provider();
            return profile.operator().isBlank() ? profile.name() : profile.operator();
        }

        /** The destinations as the finding's field: country codes, {@code eu} for every EU member state, or {@code any}. */
        List<String> destinations() {
            if (dest.anywhere()) return List.of("any");
            Set<String> countries = new TreeSet<>(dest.countries());
            if (!countries.containsAll(Places.EU)) return List.copyOf(countries);
            countries.removeAll(Places.EU);
            List<String> out = new ArrayList<>(List.of("eu"));
            out.addAll(countries);
            return out;
        }
    }

    public List<Finding> findings(Workload w, Exposure e) {
        List<Finding> out = new ArrayList<>();
        ProviderDeployment dep = providers.get(e.provider());
        String profileId = dep == null ? null : dep.profile();
        Profile profile = profileId == null ? null : index.catalog().profiles().get(profileId);
        Map<String, ResolvedFact> facts = profile == null ? Map.of() : index.resolve(profile, asOf);
        String region = e.region() != null ? e.region() : dep == null ? null : dep.region();
        Destinations dest = Destinations.of(
                region, facts.get("inference_location"), dep == null ? null : dep.host(), declared.sites());
        Facts f = new Facts(
                w,
                e,
                dep,
                profile,
                facts,
                dest,
                declared.deployment(e.provider()).orElse(null));
        if (w.residencyRequired()) Residency.check(f, asOf, out);
        if (e.family().equals("secret")) return out;
        if (!w.declarations().personalData()) {
            if (e.family().equals("pii") || e.family().equals("special")) {
                out.add(finding(
                        f,
                        Kind.MANUAL_REVIEW,
                        Kind.MANUAL_REVIEW.severity(),
                        List.of(Articles.ART_30, Articles.ART_44),
                        "Workload " + w.name() + " is declared to carry no personal data (personal_data: false), but "
                                + e.describeData() + " " + verb(e) + " reach " + e.provider() + ".",
                        "Correct the declaration in " + Workloads.FILE + ", or stop the categories reaching providers"
                                + " (a block or redact rule); until then the transfer is assessed as personal data.",
                        List.of()));
            } else {
                dataAct(f, out);
                return out;
            }
        }
        if (w.declared() && !w.subjectsInEea() && !inEea(declared.establishment())) {
            out.add(finding(
                    f,
                    Kind.GDPR_SCOPE,
                    Kind.GDPR_SCOPE.severity(),
                    List.of(Articles.ART_3),
                    "The data subjects (" + String.join(", ", w.dataSubjects()) + ") are outside the EU and EEA and"
                            + " the organisation is established outside them (" + declared.establishment()
                            + "): whether the GDPR applies at all is a question of its territorial scope, not of"
                            + " Chapter V.",
                    "Confirm with counsel that Art. 3(1) (an establishment in the Union) and Art. 3(2) (offering"
                            + " goods or services to, or monitoring, people in the Union) do not apply; if one does,"
                            + " declare the data subjects and assess again.",
                    List.of()));
            return out;
        }
        if (profile == null) unprofiled(f, profileId, out);
        new Mechanisms(f, asOf, declared).transfer(out);
        operator(f, out);
        return out;
    }

    /**
     * Non-personal data at an operator that third-country law reaches: Chapter V does not apply, but the Data Act
     * requires the provider to prevent unlawful third-country access (Regulation (EU) 2023/2854, Art. 32).
     */
    private void dataAct(Facts f, List<Finding> out) {
        String reach = f.value("us_reach");
        boolean reached = (reach != null && !reach.equals("none"))
                || (reach == null && f.dep() != null && f.dep().usHyperscaler());
        if (!reached) return;
        out.add(finding(
                f,
                Kind.NO_TRANSFER,
                Severity.INFO,
                List.of(Articles.DATA_ACT_32),
                "Workload " + f.w().name() + " is declared to carry no personal data (personal_data: false): Chapter V"
                        + " does not apply to " + f.e().describeData() + ". Its operator, " + f.operator()
                        + ", is reachable by US law, and the Data Act requires it to prevent unlawful access by"
                        + " third-country authorities to non-personal data.",
                "Check that the provider's terms address Art. 32 of the Data Act (transparency on access requests,"
                        + " challenge of unlawful ones).",
                List.of()));
    }

    /** A deployment without a profile: the importer's facts (seat, certification, terms) are unknown. */
    private void unprofiled(Facts f, String profileId, List<Finding> out) {
        Exposure e = f.e();
        String why = f.dep() == null
                ? "provider '" + e.provider() + "' is not in the configuration, so nothing is known of its operator"
                : "provider '" + e.provider() + "' names sovereignty profile '" + profileId
                        + "', which does not exist, so the operator's seat, certifications and terms are unknown";
        out.add(finding(
                f,
                Kind.MANUAL_REVIEW,
                Kind.MANUAL_REVIEW.severity(),
                List.of(Articles.ART_44, Articles.ART_49),
                e.describeData() + " " + verb(e) + " reach " + e.provider() + ": " + why + "; it is processed in "
                        + f.dest().describe(asOf) + " (" + f.dest().how() + ").",
                "Give the provider a profile (providers.yaml profile:, and config/profiles/ for your own"
                        + " deployments), or declare the importer's facts under deployments." + e.provider() + " in "
                        + Workloads.FILE + ", then assess again; do not rely on an Art. 49 derogation without a"
                        + " documented case-by-case assessment (" + Articles.EDPB_DEROGATIONS + ").",
                List.of()));
    }

    /**
     * The operator axis: processing in the EEA by an operator that third-country law reaches, or whose staff can
     * reach the data remotely, is no transfer on the inference path but a risk of its own.
     */
    private void operator(Facts f, List<Finding> out) {
        if (!f.dest().allInEea()) return;
        String reach = f.value("us_reach");
        boolean hyperscaler = f.dep() != null && f.dep().usHyperscaler();
        boolean reached = (reach != null && !reach.equals("none")) || (reach == null && hyperscaler);
        String basis = f.value("transfer_basis");
        boolean subprocessors = "eu_processing_non_eu_subprocessors".equals(basis);
        if (!reached && !subprocessors) return;
        DeploymentDeclaration.Measures m = f.decl() == null
                ? DeploymentDeclaration.Measures.NONE
                : f.decl().measures();
        List<String> sources = new ArrayList<>();
        if (f.source("us_reach") != null) sources.add(f.source("us_reach"));
        if (subprocessors && f.source("transfer_basis") != null) sources.add(f.source("transfer_basis"));
        String law = reach == null
                ? "a US-owned hyperscaler operates it, so US law (CLOUD Act, 18 U.S.C. 2713; FISA 702) reaches the"
                        + " operator (no profile says otherwise)"
                : reach.equals("direct")
                        ? "US law (CLOUD Act, 18 U.S.C. 2713; FISA 702) reaches the operator directly (us_reach: direct)"
                        : reach.equals("none")
                                ? "no third-country law is known to reach the operator"
                                : "US law reaches the operator indirectly, through US owners or sub-processors"
                                        + " (us_reach: " + reach + ")";
        String measures = m.describe();
        String explanation = f.e().describeData() + " " + verb(f.e()) + " reach " + f.operator() + " in "
                + f.dest().describe(asOf) + ": no transfer on the inference path (" + Articles.EDPB_TRANSFER_CRITERIA
                + "). " + capitalise(law) + "; an order under it, or remote access by the operator's staff, would"
                + " reach the data in the EEA."
                + (subprocessors
                        ? " The profile says sub-processors outside the EEA receive data (transfer_basis:"
                                + " eu_processing_non_eu_subprocessors): those are transfers of their own."
                        : "")
                + (measures.isEmpty() ? " No supplementary measures are declared." : " Declared: " + measures + ".");
        String action = "Assess the operator's guarantees (Art. 28(1)) and the security of the processing against"
                + " access under third-country law (Art. 32), and record it in the transfer impact assessment; keep"
                + " the keys out of the operator's reach and pseudonymize what need not be in clear. Declare under"
                + " deployments." + f.e().provider() + " in " + Workloads.FILE + " who can reach the data remotely"
                + " and from where (remote_access), the sub-processors that receive it (subprocessors) and the"
                + " measures in place (measures): remote access from a third country is a transfer.";
        Severity severity = m.keysOutOfReach() && Boolean.TRUE.equals(m.zeroRetention()) && !subprocessors
                ? Severity.INFO
                : Severity.WARN;
        out.add(finding(
                f,
                Kind.THIRD_COUNTRY_ACCESS,
                severity,
                List.of(Articles.ART_28_1, Articles.ART_32, Articles.EDPB_THIRD_COUNTRY_LAW, Articles.EDPB_TIA),
                explanation,
                action,
                sources));
    }

    static Finding finding(
            Facts f,
            Kind kind,
            Severity severity,
            List<String> articles,
            String explanation,
            String action,
            List<String> sources) {
        Workload w = f.w();
        Exposure e = f.e();
        List<String> all = new ArrayList<>(articles);
        if (w.role() == Workload.Role.PROCESSOR
                && kind != Kind.RESIDENCY_BREACH
                && kind != Kind.GDPR_SCOPE
                && action.contains("Art. 28(2)")) {
            all.add(Articles.ART_28_2_4);
        }
        Set<String> srcs = new LinkedHashSet<>(sources);
        if (f.dest().source() != null && kind != Kind.GDPR_SCOPE)
            srcs.add(f.dest().source());
        return new Finding(
                w.name(),
                e.scope(),
                e.categories(),
                e.provider(),
                e.region(),
                f.profile() == null ? null : f.profile().id(),
                kind == Kind.GDPR_SCOPE ? List.of() : f.destinations(),
                kind,
                severity,
                all,
                explanation,
                action,
                e.evidence(),
                List.copyOf(srcs));
    }

    static String verb(Exposure e) {
        return e.observed() ? "did" : "can";
    }

    static boolean inEea(String place) {
        return place.equals("eu") || place.equals("eea") || Places.inEea(place);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The processor's duty when it engages a provider as sub-processor, as a sentence to append, or "". */
    static String processor(Workload w, Exposure e) {
        if (w.role() != Workload.Role.PROCESSOR) return "";
        return " As processor, engage " + e.provider() + " only with the controller's prior specific or general"
                + " written authorisation (Art. 28(2)) and under the same data protection obligations (Art. 28(4));"
                + " the controller must know of this sub-processor and its location.";
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
