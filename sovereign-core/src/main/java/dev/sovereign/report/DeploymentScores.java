package dev.sovereign.report;

import dev.sovereign.index.IndexRow;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.index.Profile;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.index.Weights;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The Sovereignty Index total of the deployment behind each configured provider, on each date: what a request sent
 * to that provider that day weighs in the organisation's posture. A provider maps to a profile through its
 * configuration ({@code profile:} in {@code providers.yaml}); a provider without one, or with an unknown profile,
 * scores 0, as an unknown fact scores its worst value in the index.
 *
 * <p>Totals are computed once per profile and date. Not thread-safe.
 */
public final class DeploymentScores {
    private final SovereigntyIndex index;
    private final Map<String, String> providerProfiles;
    private final Weights weights;
    private final String domicile;
    private final Map<String, Map<LocalDate, Score>> cache = new HashMap<>();

    /**
     * @param providerProfiles provider id → profile id
     * @param domicile where the organisation is established, for licence gates ({@code eu} or another code)
     */
    public DeploymentScores(
            SovereigntyIndex index, Map<String, String> providerProfiles, Weights weights, String domicile) {
        this.index = index;
        this.providerProfiles = Map.copyOf(providerProfiles);
        this.weights = weights;
        this.domicile = domicile;
    }

    public Weights weights() {
        return weights;
    }

    /** The profile id of {@code provider}, or {@code null}. */
    public String profileOf(String provider) {
        return provider == null ? null : providerProfiles.get(provider);
    }

    /** {@code provider}'s score on {@code date}. */
    public Score score(String provider, LocalDate date) {
        String key = provider == null ? "" : provider;
        return cache.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(date, d -> compute(provider, d));
    }

    private Score compute(String provider, LocalDate date) {
        String profileId = profileOf(provider);
        Profile profile = profileId == null ? null : index.catalog().profiles().get(profileId);
        if (profile == null) return new Score(profileId, 0, false, false, Jurisdiction.UNKNOWN);
        IndexRow row = index.row(profile, date, weights, domicile);
        return new Score(profileId, row.exact(), true, row.disqualified(), Jurisdiction.of(index, profileId, date));
    }

    /**
     * @param total the weighted total before rounding, 0–100; 0 when not {@code known}
     * @param known whether the provider has a profile
     * @param disqualified a licence gate disqualifies the deployment for the organisation
     */
    public record Score(String profile, double total, boolean known, boolean disqualified, String jurisdiction) {}
}
