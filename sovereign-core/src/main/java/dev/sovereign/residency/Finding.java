package dev.sovereign.residency;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One finding of a residency assessment, for one workload, one scope of data (a category, or a family such as
 * {@code pii.*}) and one provider deployment: what the finding is, the articles it rests on, why, what to do, and
 * the evidence — what the policy <em>can</em> do and what the trail shows it <em>did</em> — with the sources of the
 * profile facts it used.
 *
 * @param scope the data concerned ({@code pii.*}, {@code special.health}), or {@code null} for the whole workload
 * @param categories the categories of the scope the evidence shows
 * @param provider the provider id, or {@code null} for a finding about the workload as a whole
 * @param region the provider's region as configured (policy) or recorded (traffic), or {@code null}
 * @param profile the provider's sovereignty profile id, or {@code null}
 * @param destinations the countries the data can be processed in (ISO 3166 alpha-2), {@code any} for anywhere the
 *     provider has capacity; empty when unknown or for a finding about the workload as a whole
 * @param articles the legal provisions the finding rests on, as cited
 * @param sources the URLs of the profile facts the finding used
 */
public record Finding(
        String workload,
        String scope,
        List<String> categories,
        String provider,
        String region,
        String profile,
        List<String> destinations,
        Kind kind,
        Severity severity,
        List<String> articles,
        String explanation,
        String action,
        List<Evidence> evidence,
        List<String> sources) {

    /** A finding without destinations (about a workload as a whole, or where they are unknown). */
    public Finding(
            String workload,
            String scope,
            List<String> categories,
            String provider,
            String region,
            String profile,
            Kind kind,
            Severity severity,
            List<String> articles,
            String explanation,
            String action,
            List<Evidence> evidence,
            List<String> sources) {
        this(
                workload,
                scope,
                categories,
                provider,
                region,
                profile,
                List.of(),
                kind,
                severity,
                articles,
                explanation,
                action,
                evidence,
                sources);
    }

    public Finding {
        destinations = List.copyOf(destinations);
        categories = List.copyOf(categories);
        articles = List.copyOf(articles);
        evidence = List.copyOf(evidence);
        sources = List.copyOf(sources);
    }

    /** What a finding says; declaration order is the order of findings within one workload, scope and provider. */
    public enum Kind {
        /** Data processed (traffic) or processable (policy) outside the location the workload requires. */
        RESIDENCY_BREACH(Severity.BREACH),
        /** A restricted transfer (a destination without adequacy) with no transfer mechanism that fits it. */
        MISSING_MECHANISM(Severity.BREACH),
        /** Special categories to a third country: breach without the Art. 9(2) condition named, else a warning. */
        SPECIAL_CATEGORIES_TRANSFER(Severity.BREACH),
        /** Special categories of data: a data protection impact assessment is required. */
        DPIA_REQUIRED(Severity.WARN),
        /** Facts missing or no mechanism applies: a person must decide; never an automatic Art. 49 derogation. */
        MANUAL_REVIEW(Severity.WARN),
        /** A declared transfer mechanism that does not fit the importer or the destination. */
        MECHANISM_MISMATCH(Severity.WARN),
        /** A transfer under SCCs that needs a transfer impact assessment. */
        SCCS_TIA(Severity.WARN),
        /** A transfer resting on an Art. 49 derogation. */
        DEROGATION(Severity.WARN),
        /** An organisation outside the EU subject to the GDPR under Art. 3(2): its representative (Art. 27). */
        REPRESENTATIVE(Severity.WARN),
        /**
         * No transfer on the inference path, but the operator is reachable by third-country law or its staff can
         * reach the data: a risk to assess under Art. 28(1) and 32 and in the transfer impact assessment.
         */
        THIRD_COUNTRY_ACCESS(Severity.WARN),
        /** A transfer to a US importer certified under the EU-US Data Privacy Framework. */
        ADEQUACY_DPF(Severity.WARN),
        /** A transfer to a country with an adequacy decision. */
        ADEQUACY(Severity.INFO),
        /** No importer in a third country. */
        NO_TRANSFER(Severity.INFO),
        /** Data subjects and establishment outside the EU: GDPR Art. 3 decides whether Chapter V applies at all. */
        GDPR_SCOPE(Severity.INFO);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much a finding matters: a breach fails the assessment (exit code 1). */
    public enum Severity {
        BREACH,
        WARN,
        INFO;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What shows the flow: the policy ({@code source: policy}, what it can do: the rules and requested models that
     * send the data there; {@code requests}, {@code first} and {@code last} are {@code null}) or the trail ({@code
     * source: traffic}, what it did: how many requests, by which rules and for which requested models, the first
     * and the last).
     */
    public record Evidence(
            String source, Long requests, List<String> rules, List<String> models, Instant first, Instant last) {
        public static final String POLICY = "policy";
        public static final String TRAFFIC = "traffic";

        public Evidence {
            rules = List.copyOf(rules);
            models = List.copyOf(models);
        }
    }

    /** Whether the trail shows the flow (it did happen), not only the policy (it can). */
    public boolean observed() {
        return evidence.stream().anyMatch(e -> e.source().equals(Evidence.TRAFFIC));
    }
}
