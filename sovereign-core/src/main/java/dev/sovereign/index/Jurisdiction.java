package dev.sovereign.index;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Whose law can compel access to data sent to a deployment, as one short code for audit events, reports and
 * policy: {@code us} (a US operator, or US extraterritorial law reaching it directly), {@code eu} (operated by the
 * customer or an EU operator out of US reach), {@code eu-us-reach} (EU-operated but with a US parent, so US law
 * reaches it indirectly), {@code adequate} (an operator in a country with an adequacy decision), or
 * {@code unknown} (no profile). Derived from the profile's {@code operator_seat} and {@code us_reach} facts.
 */
public final class Jurisdiction {
    public static final String US = "us";
    public static final String EU = "eu";
    public static final String EU_US_REACH = "eu-us-reach";
    public static final String ADEQUATE = "adequate";
    public static final String UNKNOWN = "unknown";

    /** Every jurisdiction a provider can have, sorted. */
    public static final List<String> ALL = List.of(ADEQUATE, EU, EU_US_REACH, UNKNOWN, US);

    private Jurisdiction() {}

    /** The jurisdiction of {@code profileId} on {@code date}, or {@link #UNKNOWN} when no such profile exists. */
    public static String of(SovereigntyIndex index, String profileId, LocalDate date) {
        Profile profile = profileId == null ? null : index.catalog().profiles().get(profileId);
        if (profile == null) return UNKNOWN;
        return of(index.resolve(profile, date));
    }

    static String of(Map<String, ResolvedFact> facts) {
        String seat = first(facts.get("operator_seat"));
        String reach = first(facts.get("us_reach"));
        if (seat == null) return UNKNOWN;
        boolean usReach = reach != null && !reach.equals("none");
        return switch (seat) {
            case "us" -> US;
            case "customer_or_eu" -> usReach ? EU_US_REACH : EU;
            case "adequate_country" -> usReach ? US : ADEQUATE;
            default -> UNKNOWN;
        };
    }

    private static String first(ResolvedFact fact) {
        if (fact == null || fact.unknown()) return null;
        List<String> v = fact.value();
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
