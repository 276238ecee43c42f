package dev.sovereign.report;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditedRequests;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.cost.CostReport;
import dev.sovereign.cost.Prices;
import dev.sovereign.index.IndexReport;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.index.Weights;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every report is computed from: the Sovereignty Index (built-in profiles and events plus the organisation's
 * own, from its configuration directory), the profile of each configured provider, the weights and the
 * organisation's domicile, and the date facts are taken as of. Shared by the CLI and the admin API so that both
 * report the same figures.
 *
 * <p>Immutable once built; each {@link #posture} call reads the trail afresh.
 */
public final class ReportContext {
    private final SovereigntyIndex index;
    private final Map<String, String> providerProfiles;
    private final Weights weights;
    private final String domicile;
    private final LocalDate asOf;
    private final String configSource;

    public ReportContext(
            SovereigntyIndex index,
            Map<String, String> providerProfiles,
            Weights weights,
            String domicile,
            LocalDate asOf,
            String configSource) {
        this.index = index;
        this.providerProfiles = Map.copyOf(providerProfiles);
        this.weights = weights;
        this.domicile = domicile;
        this.asOf = asOf;
        this.configSource = configSource;
    }

    /**
     * The context of a gateway configuration: its providers' profiles, and the index with the profiles and events
     * of its directory ({@code profiles/*.yaml}, {@code events.yaml}) added to the built-in ones.
     */
    public static ReportContext of(GatewayConfig config, Weights weights, String domicile, LocalDate asOf) {
        SovereigntyIndex index = SovereigntyIndex.load(config.dir());
        Map<String, String> profiles = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            if (p.profile() != null) profiles.put(p.id(), p.profile());
        }
        return new ReportContext(index, profiles, weights, domicile, asOf, config.source());
    }

    public SovereigntyIndex index() {
        return index;
    }

    public Map<String, String> providerProfiles() {
        return providerProfiles;
    }

    public Weights weights() {
        return weights;
    }

    public String domicile() {
        return domicile;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String configSource() {
        return configSource;
    }

    public IndexReport indexReport() {
        return new IndexReport(index, asOf, weights, domicile);
    }

    public DeploymentScores scores() {
        return new DeploymentScores(index, providerProfiles, weights, domicile);
    }

    /**
     * The posture over [{@code from}, {@code to}) read from {@code store}, or an empty posture when there is no
     * store yet.
     */
    public Posture posture(AuditStore store, Instant from, Instant to, PostureBuilder.Granularity granularity) {
        PostureBuilder builder = new PostureBuilder(scores(), granularity, domicile);
        if (store != null) AuditedRequests.read(store, from, to, builder);
        return builder.build(from, to);
    }

    /**
     * The costs over [{@code from}, {@code to}) read from {@code store} (none read when it is {@code null}), priced
     * by {@code prices} with self-hosted offers at {@code utilisation}.
     */
    public CostReport costs(Prices prices, AuditStore store, Instant from, Instant to, double utilisation) {
        CostReport.Builder builder = CostReport.builder(prices, index, asOf, utilisation, providerProfiles::get)
                .period(from, to);
        if (store != null) AuditedRequests.read(store, from, to, builder);
        return builder.build();
    }
}
