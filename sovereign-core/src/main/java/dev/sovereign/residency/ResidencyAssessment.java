package dev.sovereign.residency;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditedRequests;
import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.residency.Finding.Evidence;
import dev.sovereign.residency.internal.Exposure;
import dev.sovereign.residency.internal.TransferAnalysis;
import dev.sovereign.residency.internal.WorkloadFindings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The GDPR Chapter V residency assessment: for each workload, which providers the policy can send each kind of its
 * data to ({@link PolicyMatrix}) and which the trail shows it did send to ({@link Traffic}), and for each the
 * findings, with the articles they rest on and the action to take.
 *
 * <p>Design: the matrix and the trail are both reduced to flows — (workload, category, provider, region) with their
 * evidence — of data that <em>reaches</em> the provider: a category the policy redacts does not reach it, nor does
 * a decision that breaks a guarantee (the route guard refuses it). Flows are grouped by family of categories and
 * provider region ({@link Exposure}); {@link TransferAnalysis} turns each group into findings from the provider
 * profile's facts as of a date. A workload's special categories add one DPIA finding; a workload that {@code
 * workloads.yaml} does not declare, or traffic in categories it does not declare, adds a manual review.
 *
 * <p>Pure and deterministic: the same inputs give the same findings in the same order (workload, scope, provider,
 * region, kind). Thread-safe once built.
 */
public final class ResidencyAssessment {
    private final Workloads workloads;
    private final PolicyMatrix matrix;
    private final Traffic traffic;
    private final Map<String, ProviderDeployment> providers;
    private final SovereigntyIndex index;
    private final LocalDate asOf;
    private final String trafficNote;
    private final Map<String, String> redactionModes;

    /**
     * @param traffic what the trail shows, or {@code null} when it was not read (the assessment is then from the
     *     policy alone)
     */
    public ResidencyAssessment(
            Workloads workloads,
            PolicyMatrix matrix,
            Traffic traffic,
            Map<String, ProviderDeployment> providers,
            SovereigntyIndex index,
            LocalDate asOf) {
        this(workloads, matrix, traffic, providers, index, asOf, null);
    }

    /** @param trafficNote why the trail was not read, for the report, when {@code traffic} is {@code null} */
    public ResidencyAssessment(
            Workloads workloads,
            PolicyMatrix matrix,
            Traffic traffic,
            Map<String, ProviderDeployment> providers,
            SovereigntyIndex index,
            LocalDate asOf,
            String trafficNote) {
        this.trafficNote = trafficNote;
        this.workloads = Objects.requireNonNull(workloads, "workloads");
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.redactionModes = redactionModes(matrix);
        this.traffic = traffic;
        this.providers = Map.copyOf(providers);
        this.index = Objects.requireNonNull(index, "index");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * The policy matrix an assessment needs: a column for each workload the policy names, each declared workload and
     * each workload of the trail (so each is decided by its own name), and {@link PolicyMatrix#OTHER}.
     */
    public static PolicyMatrix matrix(Explainer explainer, Workloads workloads, Traffic traffic) {
        Set<String> columns = new LinkedHashSet<>(
                PolicyMatrix.namedWorkloads(explainer.policy().orElse(null)));
        columns.remove(PolicyMatrix.OTHER);
        for (Workload w : workloads.workloads()) columns.add(w.name());
        if (traffic != null) {
            for (String w : traffic.workloads()) if (!w.equals(Traffic.NO_WORKLOAD)) columns.add(w);
        }
        columns.add(PolicyMatrix.OTHER);
        return PolicyMatrix.of(explainer, List.copyOf(columns), List.of());
    }

    /**
     * The assessment of a configuration: its {@code workloads.yaml} (none when absent), the decisions of {@code
     * explainer}, and the trail of [{@code from}, {@code to}) in {@code store}.
     *
     * @param store the audit trail, or {@code null} to assess from the policy alone, saying why in {@code
     *     noTrafficNote}
     */
    public static ResidencyReport run(
            GatewayConfig config,
            Explainer explainer,
            SovereigntyIndex index,
            LocalDate asOf,
            AuditStore store,
            Instant from,
            Instant to,
            String noTrafficNote) {
        Workloads workloads = Workloads.load(
                config.dir().resolve(Workloads.FILE),
                PolicyMatrix.rowCategories(explainer.policy().orElse(null)));
        return run(config, explainer, workloads, index, asOf, store, from, to, noTrafficNote);
    }

    /** {@link #run} with the workloads given. */
    public static ResidencyReport run(
            GatewayConfig config,
            Explainer explainer,
            Workloads workloads,
            SovereigntyIndex index,
            LocalDate asOf,
            AuditStore store,
            Instant from,
            Instant to,
            String noTrafficNote) {
        Map<String, ProviderDeployment> providers = ProviderDeployment.of(config);
        workloads.checkDeployments(providers.keySet());
        Traffic traffic = null;
        if (store != null) {
            traffic = new Traffic(config.audit().describeStore(), from, to);
            AuditedRequests.read(store, from, to, traffic);
        }
        return new ResidencyAssessment(
                        workloads,
                        matrix(explainer, workloads, traffic),
                        traffic,
                        providers,
                        index,
                        asOf,
                        traffic == null ? noTrafficNote : null)
                .assess();
    }

    public ResidencyReport assess() {
        TransferAnalysis analysis = new TransferAnalysis(index, asOf, workloads, providers);
        List<Workload> assessed = assessedWorkloads();
        List<Finding> findings = new ArrayList<>();
        for (Workload w : assessed) {
            List<Exposure> exposures = exposures(w);
            for (Exposure e : exposures) findings.addAll(analysis.findings(w, e));
            WorkloadFindings.dpia(w, exposures, findings);
            WorkloadFindings.undeclared(w, exposures, findings);
            WorkloadFindings.representative(workloads, w, findings);
        }
        findings.sort(ORDER);
        return new ResidencyReport(asOf, workloads, matrix.policy(), traffic, trafficNote, assessed, findings);
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::workload)
            .thenComparing(Finding::scope, NULLS_FIRST)
            .thenComparing(Finding::provider, NULLS_FIRST)
            .thenComparing(Finding::region, NULLS_FIRST)
            .thenComparing(Finding::kind);

    /** The declared workloads, then those the policy names or the trail shows, undeclared; sorted by name. */
    private List<Workload> assessedWorkloads() {
        Map<String, Workload> all = new TreeMap<>();
        for (Workload w : workloads.workloads()) all.put(w.name(), w);
        for (String name : matrix.workloads()) {
            if (!name.equals(PolicyMatrix.OTHER)) all.putIfAbsent(name, Workload.undeclared(name));
        }
        if (traffic != null) for (String name : traffic.workloads()) all.putIfAbsent(name, Workload.undeclared(name));
        // With nothing declared, what the policy does for any workload it does not name is worth knowing too.
        if (workloads.workloads().isEmpty())
            all.putIfAbsent(PolicyMatrix.OTHER, Workload.undeclared(PolicyMatrix.OTHER));
        return List.copyOf(all.values());
    }

    /** The workload's flows, grouped by family and provider region. */
    private List<Exposure> exposures(Workload w) {
        Map<GroupKey, Group> groups = new TreeMap<>();
        String column = matrix.workloads().contains(w.name()) ? w.name() : PolicyMatrix.OTHER;
        for (PolicyMatrix.Cell cell : matrix.cells()) {
            if (!cell.workload().equals(column) || cell.categories().isEmpty()) continue;
            String category = cell.categories().get(0);
            if (w.declared() && !CategoryPattern.matchesAny(w.categories(), category)) continue;
            for (PolicyMatrix.Outcome o : cell.outcomes()) {
                if (o.provider() == null || !o.brokenGuarantees().isEmpty()) continue;
                // Pseudonymised values still reach the provider as personal data (Art. 4(5)); masked ones do not.
                boolean pseudonymised = !o.reaching().contains(category)
                        && o.redaction() != null
                        && o.redaction().mode().equals(dev.sovereign.redact.RedactionMode.PSEUDONYMIZE.id())
                        && CategoryPattern.matchesAny(o.redaction().categories(), category);
                if (!o.reaching().contains(category) && !pseudonymised) continue;
                Group g = groups.computeIfAbsent(
                        new GroupKey(PolicyMatrix.family(category), o.provider(), regionOf(o.provider(), o.region())),
                        k -> new Group());
                g.categories.add(category);
                if (pseudonymised) g.pseudonymised.add(category);
                else g.inClear.add(category);
                g.permitted = true;
                if (o.rule() != null) g.policyRules.add(o.rule());
                g.policyModels.addAll(o.models());
            }
        }
        if (traffic != null) {
            for (Traffic.Observed o : traffic.of(w.name())) {
                if (o.redacted() && !pseudonymizedBy(o.rules())) continue;
                Group g = groups.computeIfAbsent(
                        new GroupKey(
                                PolicyMatrix.family(o.category()), o.provider(), regionOf(o.provider(), o.region())),
                        k -> new Group());
                g.categories.add(o.category());
                if (o.redacted()) g.pseudonymised.add(o.category());
                else g.inClear.add(o.category());
                g.requests += o.requests();
                g.trafficRules.addAll(o.rules());
                g.trafficModels.addAll(o.models());
                if (g.first == null || (o.first() != null && o.first().isBefore(g.first))) g.first = o.first();
                if (g.last == null || (o.last() != null && o.last().isAfter(g.last))) g.last = o.last();
            }
        }
        List<Exposure> out = new ArrayList<>();
        groups.forEach((k, g) -> {
            List<Evidence> evidence = new ArrayList<>();
            if (g.permitted) {
                evidence.add(new Evidence(
                        Evidence.POLICY, null, List.copyOf(g.policyRules), List.copyOf(g.policyModels), null, null));
            }
            if (g.requests > 0) {
                evidence.add(new Evidence(
                        Evidence.TRAFFIC,
                        g.requests,
                        List.copyOf(g.trafficRules),
                        List.copyOf(g.trafficModels),
                        g.first,
                        g.last));
            }
            List<String> categories = List.copyOf(g.categories);
            String scope = categories.size() == 1 ? categories.get(0) : k.family() + ".*";
            String region = k.region().isEmpty() ? null : k.region();
            out.add(new Exposure(
                    w.name(),
                    k.family(),
                    scope,
                    categories,
                    k.provider(),
                    region,
                    evidence,
                    g.pseudonymised.stream().filter(c -> !g.inClear.contains(c)).toList()));
        });
        return out;
    }

    /**
     * Whether requests the trail shows redacted by {@code rules} kept the values as pseudonyms: a rule the policy no
     * longer has, or one in pseudonymize mode, counts as pseudonymizing (the data is assessed as reaching the
     * provider); only a rule that masks removes the category from the transfer.
     */
    private boolean pseudonymizedBy(List<String> rules) {
        if (rules.isEmpty()) return true;
        for (String id : rules) {
            if (!dev.sovereign.redact.RedactionMode.MASK.id().equals(redactionModes.get(id))) return true;
        }
        return false;
    }

    /** The redaction mode of each rule the matrix shows redacting, by rule id. */
    private static Map<String, String> redactionModes(PolicyMatrix matrix) {
        Map<String, String> modes = new java.util.HashMap<>();
        for (PolicyMatrix.Cell c : matrix.cells()) {
            for (PolicyMatrix.Outcome o : c.outcomes()) {
                if (o.rule() != null && o.redaction() != null)
                    modes.put(o.rule(), o.redaction().mode());
            }
        }
        return Map.copyOf(modes);
    }

    /** The region data goes to: as recorded or decided, else as configured; "" when neither says. */
    private String regionOf(String provider, String region) {
        if (region != null && !region.isBlank()) return region;
        ProviderDeployment d = providers.get(provider);
        return d == null || d.region() == null ? "" : d.region();
    }

    private record GroupKey(String family, String provider, String region) implements Comparable<GroupKey> {
        private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::family)
                .thenComparing(GroupKey::provider)
                .thenComparing(GroupKey::region);

        @Override
        public int compareTo(GroupKey o) {
            return ORDER.compare(this, o);
        }
    }

    private static final class Group {
        final Set<String> categories = new TreeSet<>();
        /** Categories that reach the provider only as pseudonyms in some outcome or request. */
        final Set<String> pseudonymised = new TreeSet<>();
        /** Categories that reach it in clear in some outcome or request: they are not "only pseudonymised". */
        final Set<String> inClear = new TreeSet<>();

        final Set<String> policyRules = new TreeSet<>();
        final Set<String> policyModels = new TreeSet<>();
        final Set<String> trafficRules = new TreeSet<>();
        final Set<String> trafficModels = new TreeSet<>();
        boolean permitted;
        long requests;
        java.time.Instant first;
        java.time.Instant last;
    }
}
