package dev.sovereign.residency.internal;

import dev.sovereign.residency.Finding.Kind;
import dev.sovereign.residency.Finding.Severity;
import dev.sovereign.residency.Workload;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an exposure keeps its workload's required residency: every possible destination must be inside it. Needs
 * no profile: a region that says where it is suffices (Bedrock {@code us-east-1}, Vertex AI {@code europe-west2},
 * Azure's global deployments). Stateless.
 */
final class Residency {
    private Residency() {}

    static void check(TransferAnalysis.Facts f, LocalDate asOf, List<dev.sovereign.residency.Finding> out) {
        Workload w = f.w();
        Exposure e = f.e();
        String required = "processing in " + TransferAnalysis.place(w.residency());
        Boolean inside = f.dest().satisfy(w.residency());
        if (inside == null) {
            out.add(TransferAnalysis.finding(
                    f,
                    Kind.MANUAL_REVIEW,
                    Kind.MANUAL_REVIEW.severity(),
                    List.of(Articles.ART_44),
                    e.describeData() + " " + TransferAnalysis.verb(e) + " reach " + e.provider() + ", whose"
                            + " processing location cannot be checked against the required residency (" + required
                            + "): " + f.dest().how() + ".",
                    "Set the provider's region in providers.yaml to the region it is pinned to (a cloud region such"
                            + " as eu-central-1, a site named under sites in " + dev.sovereign.residency.Workloads.FILE
                            + ", or a country code), then assess again; until then treat it as outside "
                            + TransferAnalysis.place(w.residency()) + ".",
                    List.of()));
            return;
        }
        if (inside) return;
        List<String> articles = new ArrayList<>();
        // Processing in another EEA country than the one required breaks the requirement but is no transfer.
        if (!e.family().equals("secret") && !f.dest().allInEea()) articles.add(Articles.ART_44);
        if (w.role() == Workload.Role.PROCESSOR) articles.add(Articles.ART_28_3_A);
        if (e.permitted()) articles.add(Articles.ART_25);
        String did = e.observed()
                ? "The trail shows " + e.describeData() + " reached " + e.provider()
                : "The policy lets " + e.describeData() + " reach " + e.provider();
        String action = "Route this workload's " + e.scope() + " to a provider that processes in "
                + TransferAnalysis.place(w.residency()) + ", or redact it before it leaves (a redact rule), and add a"
                + " guarantee so that the policy cannot send it to " + e.provider() + " again.";
        if (e.observed()) {
            action += " Review the requests already sent (" + e.describeEvidence() + ") with the data protection"
                    + " officer.";
        }
        if (w.role() == Workload.Role.PROCESSOR) {
            action += " As processor, this is processing outside the controller's documented instructions on"
                    + " transfers (Art. 28(3)(a)): inform the controller.";
        }
        out.add(TransferAnalysis.finding(
                f,
                Kind.RESIDENCY_BREACH,
                Severity.BREACH,
                articles,
                did + " (" + e.describeEvidence() + "), which may process it in "
                        + f.dest().describe(asOf) + ": " + f.dest().how() + ". The workload requires " + required + ".",
                action,
                List.of()));
    }
}
