package dev.sovereign.residency;

import dev.sovereign.residency.internal.Places;
import java.util.List;

/**
 * One workload as the organisation declares it in {@code workloads.yaml}: the data it sends, whose data it is,
 * where that data must be processed, and the organisation's role and transfer mechanisms for it. A workload seen in
 * the policy or the trail but not declared is {@linkplain #undeclared undeclared}: its requirements are unknown.
 *
 * @param categories category names and families ({@code pii.email}, {@code special.*}) the workload sends
 * @param dataSubjects where the data subjects are: {@code eu}, {@code eea}, {@code any} or ISO 3166 alpha-2 codes
 * @param residency the required processing location: {@code eu}, {@code eea}, {@code none}, an ISO 3166 alpha-2 code
 *     (lower case), or {@code null} when unknown (an undeclared workload)
 * @param role the organisation's role for this processing, or {@code null} when unknown
 * @param transferMechanisms the Chapter V mechanisms the organisation has in place for it ({@code sccs}, {@code
 *     bcrs}, {@code dpf}, {@code code_of_conduct}, {@code certification})
 * @param declared whether {@code workloads.yaml} declares it
 * @param declarations what the data-protection officer declares of it ({@link Declarations#NONE} when nothing)
 */
public record Workload(
        String name,
        String description,
        List<String> categories,
        List<String> dataSubjects,
        String residency,
        Role role,
        List<String> transferMechanisms,
        boolean declared,
        Declarations declarations) {

    public Workload(
            String name,
            String description,
            List<String> categories,
            List<String> dataSubjects,
            String residency,
            Role role,
            List<String> transferMechanisms,
            boolean declared) {
        this(
                name,
                description,
                categories,
                dataSubjects,
                residency,
                role,
                transferMechanisms,
                declared,
                Declarations.NONE);
    }

    public Workload {
        if (declarations == null) declarations = Declarations.NONE;
        categories = List.copyOf(categories);
        dataSubjects = List.copyOf(dataSubjects);
        transferMechanisms = List.copyOf(transferMechanisms);
    }

    /** The organisation's role under GDPR Art. 4(7) and (8) for the workload's processing. */
    public enum Role {
        CONTROLLER,
        PROCESSOR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A workload the policy or the trail names but {@code workloads.yaml} does not: nothing is known of it. */
    public static Workload undeclared(String name) {
        return new Workload(name, null, List.of(), List.of(), null, null, List.of(), false);
    }

    /** Whether a processing location is required (residency {@code eu}, {@code eea} or a country). */
    public boolean residencyRequired() {
        return residency != null && !residency.equals("none");
    }

    /** Whether any data subject is (or may be) in the EU or EEA; true when unknown. */
    public boolean subjectsInEea() {
        if (dataSubjects.isEmpty()) return true;
        for (String s : dataSubjects) {
            if (s.equals("eu") || s.equals("eea") || s.equals("any") || Places.inEea(s)) return true;
        }
        return false;
    }

    public boolean hasMechanism(String mechanism) {
        return transferMechanisms.contains(mechanism);
    }
}
