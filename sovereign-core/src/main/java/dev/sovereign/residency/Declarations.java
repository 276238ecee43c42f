package dev.sovereign.residency;

import java.time.LocalDate;

/**
 * What a data-protection officer declares of one workload in {@code workloads.yaml}, beyond its data and residency:
 * each changes the findings, and the findings cite it.
 *
 * @param personalData {@code false} when the workload carries no personal data (Art. 4(1)): then Chapter V does not
 *     apply to it and only its residency is checked
 * @param art9Condition the Art. 9(2) condition that permits processing its special categories ({@code 9(2)(a)} …
 *     {@code 9(2)(j)}), or {@code null} when none is named
 * @param tiaDone the day the transfer impact assessment was completed (EDPB Recommendations 01/2020, step 3), or
 *     {@code null} when none was done
 * @param derogation the Art. 49(1) derogation relied on, or {@code null}
 * @param employeeData whether the workload processes data of employees (human-resources data), which the EU-US Data
 *     Privacy Framework covers only for importers certified for it
 */
public record Declarations(
        boolean personalData, String art9Condition, LocalDate tiaDone, Derogation derogation, boolean employeeData) {

    /** Nothing declared: personal data, no Art. 9(2) condition, no transfer impact assessment, no derogation. */
    public static final Declarations NONE = new Declarations(true, null, null, null, false);

    /**
     * A derogation under Art. 49(1).
     *
     * @param point the point relied on, {@code a} to {@code g} (explicit consent, contract with the data subject, …)
     * @param frequency {@code occasional} or {@code regular}: the derogations of points (b), (c) and (e) serve only
     *     occasional transfers, and none serves systematic ones (EDPB Guidelines 2/2018, section 2.1)
     */
    public record Derogation(String point, String frequency) {
        public boolean occasional() {
            return frequency.equals("occasional");
        }

        public String cite() {
            return "GDPR Art. 49(1)(" + point + ")";
        }
    }
}
