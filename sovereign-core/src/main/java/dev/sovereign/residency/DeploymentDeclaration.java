package dev.sovereign.residency;

import java.util.List;

/**
 * What a data-protection officer declares of one provider deployment in {@code workloads.yaml} ({@code deployments:},
 * keyed by the provider's id): the facts of the importer that decide which transfer mechanism fits, who can reach the
 * data from where, the supplementary measures in place and the sub-processor chain. Every field may be left out; an
 * omitted fact is unknown, and the findings say so.
 *
 * @param provider the provider id, as in {@code providers.yaml}
 * @param at {@code file:line} of the declaration, for findings that cite it
 * @param contractingEntity the entity the organisation contracts with, or {@code null}
 * @param contractingCountry its country (ISO 3166 alpha-2), or {@code null}
 * @param dpf the importer's certification under the EU-US Data Privacy Framework: {@code none}, {@code non_hr},
 *     {@code hr} or {@code hr_and_non_hr}; {@code null} when not declared
 * @param subjectToGdpr whether the importer is itself subject to the GDPR under Art. 3(2) for this processing, or
 *     {@code null} when not declared
 * @param bcrs whether the importer has binding corporate rules for processors approved under Art. 47
 * @param remoteAccess who can reach the data remotely (support, operations), and from which countries
 * @param measures the supplementary measures in place
 * @param subprocessors the sub-processors that receive the data, with their country
 */
public record DeploymentDeclaration(
        String provider,
        String at,
        String contractingEntity,
        String contractingCountry,
        String dpf,
        Boolean subjectToGdpr,
        boolean bcrs,
        List<RemoteAccess> remoteAccess,
        Measures measures,
        List<Subprocessor> subprocessors) {

    /** The certification scopes {@code dpf:} may name. */
    public static final List<String> DPF_SCOPES = List.of("none", "non_hr", "hr", "hr_and_non_hr");

    public DeploymentDeclaration {
        remoteAccess = List.copyOf(remoteAccess);
        subprocessors = List.copyOf(subprocessors);
        if (measures == null) measures = Measures.NONE;
    }

    /** Remote or support access to the data: by whom, from which countries. */
    public record RemoteAccess(String by, List<String> from) {
        public RemoteAccess {
            from = List.copyOf(from);
        }
    }

    /** A sub-processor that receives the data. */
    public record Subprocessor(String name, String country, String purpose) {}

    /**
     * Supplementary measures (EDPB Recommendations 01/2020, Annex 2).
     *
     * @param encryptionInTransit whether the data is encrypted in transit, or {@code null} when not declared
     * @param encryptionAtRest whether it is encrypted at rest, or {@code null}
     * @param keysHeldIn where the keys are held: {@code customer} (by the organisation), a country code, or {@code
     *     null}
     * @param zeroRetention whether zero-retention terms are in force, or {@code null}
     * @param accessControls the access controls, in words, or {@code null}
     */
    public record Measures(
            Boolean encryptionInTransit,
            Boolean encryptionAtRest,
            String keysHeldIn,
            Boolean zeroRetention,
            String accessControls) {
        public static final Measures NONE = new Measures(null, null, null, null, null);

        /** Whether the keys are out of the importer's reach: held by the organisation or in the EEA. */
        public boolean keysOutOfReach() {
            return keysHeldIn != null
                    && (keysHeldIn.equals("customer") || dev.sovereign.residency.internal.Places.inEea(keysHeldIn));
        }

        /** The measures in words, or "" when none is declared. */
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (Boolean.TRUE.equals(encryptionInTransit)) parts.add("encryption in transit");
            if (Boolean.TRUE.equals(encryptionAtRest)) parts.add("encryption at rest");
            if (keysHeldIn != null)
                parts.add("keys held " + (keysHeldIn.equals("customer") ? "by the organisation" : "in " + keysHeldIn));
            if (Boolean.TRUE.equals(zeroRetention)) parts.add("zero-retention terms");
            if (accessControls != null) parts.add("access controls: " + accessControls);
            return String.join(", ", parts);
        }
    }

    /** Whether the importer is certified under the DPF for this kind of data. */
    public boolean dpfCovers(boolean employeeData) {
        if (dpf == null || dpf.equals("none")) return false;
        return employeeData ? !dpf.equals("non_hr") : !dpf.equals("hr");
    }
}
