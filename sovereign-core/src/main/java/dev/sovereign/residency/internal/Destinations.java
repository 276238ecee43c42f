package dev.sovereign.residency.internal;

import dev.sovereign.index.ResolvedFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The countries a request to one provider region may be processed in. A region is a place: {@code eu-west-2} is in
 * the United Kingdom whatever its prefix says. Cross-region inference and global endpoints route requests among a set
 * of regions, so a destination is a set: Bedrock's {@code eu.} profiles, Vertex AI's {@code eu} multi-region and
 * Azure's EU Data Zone route within EU member states; {@code apac.} among Asia-Pacific countries (Japan and Korea
 * with adequacy, India, Singapore, Australia and others without); {@code global.}, Azure's global deployments,
 * Vertex AI's {@code global} endpoint and Mistral's global endpoint anywhere the provider has capacity, which
 * includes countries without adequacy.
 *
 * @param region the region as recorded, decided or configured, or {@code null}
 * @param countries the possible countries (ISO 3166 alpha-2, lower case); empty when {@code anywhere} or unknown
 * @param anywhere whether the request may be processed in any country where the provider has capacity
 * @param oneOf whether the data is in <em>one</em> unnamed country of {@code countries} (a profile that says "in the
 *     EU" without a region) rather than routed among all of them
 * @param how how the set was told, for explanations
 * @param source the URL the set rests on, or {@code null}
 */
public record Destinations(
        String region, Set<String> countries, boolean anywhere, boolean oneOf, String how, String source) {

    /** Where Bedrock's cross-region inference profiles route: https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html */
    public static final String BEDROCK_SOURCE =
            "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html";

    /** Bedrock's {@code apac.} geography: Tokyo, Seoul, Osaka, Mumbai, Hyderabad, Singapore, Sydney, Jakarta, … */
    static final Set<String> APAC = Set.of("jp", "kr", "in", "sg", "au", "id", "my", "th", "tw", "ae");

    /** The EFTA states: Mistral's EU endpoint may process in them too. */
    static final Set<String> EFTA = Set.of("is", "li", "no", "ch");

    public Destinations {
        countries = Set.copyOf(new TreeSet<>(countries));
    }

    static Destinations unknown(String region, String how) {
        return new Destinations(region, Set.of(), false, false, how, null);
    }

    static Destinations anywhere(String region, String how, String source) {
        return new Destinations(region, Set.of(), true, false, how, source);
    }

    static Destinations of(String region, Set<String> countries, String how, String source) {
        return new Destinations(region, countries, false, false, how, source);
    }

    /**
     * Where a request to a deployment is processed.
     *
     * @param region the region recorded or decided for the request, else the configured one, or {@code null}
     * @param inference the profile's {@code inference_location} fact, or {@code null} without a profile
     * @param host the endpoint's host, or {@code null}
     * @param sites the organisation's own sites, by name, with their country
     */
    public static Destinations of(String region, ResolvedFact inference, String host, Map<String, String> sites) {
        String r = region == null || region.isBlank() ? null : region.strip().toLowerCase(Locale.ROOT);
        String value =
                inference == null || inference.unknown() || inference.value().isEmpty()
                        ? null
                        : inference.value().get(0);
        String factSource = inference == null || inference.unknown() ? null : inference.source();
        String regionText = "region '" + region + "'";
        if ("unknown".equals(r)) {
            return unknown(
                    region,
                    "the model id sent does not say where it runs (an application inference profile or a provisioned"
                            + " model)");
        }
        if (r != null && sites.containsKey(r)) {
            return of(
                    region,
                    Set.of(sites.get(r)),
                    "the organisation's site " + region + " (sites in workloads.yaml)",
                    null);
        }
        if (host != null && host.toLowerCase(Locale.ROOT).endsWith("mistral.ai")) {
            if (host.toLowerCase(Locale.ROOT).startsWith("api.eu.")) {
                Set<String> eu = new TreeSet<>(Places.EU);
                eu.addAll(EFTA);
                return of(
                        region,
                        eu,
                        "Mistral's EU endpoint (" + host + "), which processes in the EU and may include EFTA"
                                + " countries (Iceland, Liechtenstein, Norway, Switzerland)",
                        factSource);
            }
            if (r == null || r.equals("global") || r.equals("eu")) {
                return anywhere(
                        region,
                        "Mistral's global endpoint (" + host + "); only api.eu.mistral.ai keeps processing in the EU",
                        factSource);
            }
        }
        if ("none".equals(value)) {
            return anywhere(
                    region,
                    "the profile offers no EU-only processing (inference_location: none), so requests may be processed"
                            + " in any country where the provider has capacity, whatever the endpoint's region",
                    factSource);
        }
        if (r != null) {
            switch (r) {
                case "global" -> {
                    return anywhere(
                            region,
                            "a global endpoint or profile (" + regionText + ") routes to any region with capacity",
                            factSource);
                }
                case "eu" -> {
                    return of(
                            region,
                            Places.EU,
                            "an EU multi-region, Data Zone or cross-region profile (" + regionText + ") routes among"
                                    + " regions in EU member states",
                            factSource);
                }
                case "eea" -> {
                    Set<String> eea = new TreeSet<>(Places.EU);
                    eea.addAll(Places.EEA_NON_EU);
                    return of(region, eea, regionText + " names the EEA", factSource);
                }
                case "us", "us-gov" -> {
                    return of(region, Set.of("us"), regionText + " routes within the United States", factSource);
                }
                case "apac" -> {
                    return of(
                            region,
                            APAC,
                            "Bedrock's apac. cross-region profiles route among Asia-Pacific regions",
                            BEDROCK_SOURCE);
                }
                default -> {}
            }
            String country = Places.countryOfRegion(r);
            if (country != null) return of(region, Set.of(country), regionText + " is in " + country, factSource);
            if (r.matches("[a-z]{2}")) return of(region, Set.of(r), regionText + " names a country", factSource);
            if (Places.ofRegion(r).zone() == Places.Zone.OUTSIDE) {
                return anywhere(region, regionText + " is outside Europe, its country not in the region table", null);
            }
        }
        if ("eu_default".equals(value) || "eu_self_serve".equals(value)) {
            return new Destinations(
                    region,
                    Places.EU,
                    false,
                    true,
                    "the profile describes processing in the EU (inference_location: " + value + ") and "
                            + (r == null ? "no region is set" : regionText + " does not name the country"),
                    factSource);
        }
        if (value == null) {
            return unknown(
                    region,
                    (inference == null
                                    ? "the deployment has no profile"
                                    : "the profile's inference location is unknown")
                            + " and " + (r == null ? "no region is set" : regionText + " does not say where it is"));
        }
        return unknown(
                region,
                "EU processing is only available when arranged with the provider (inference_location: " + value
                        + ") and " + (r == null ? "no region is set" : regionText + " does not say it was"));
    }

    /** Whether the countries can be told at all. */
    public boolean known() {
        return anywhere || !countries.isEmpty();
    }

    /** Whether every possible destination is in the EEA. */
    public boolean allInEea() {
        return known() && !anywhere && countries.stream().allMatch(Places::inEea);
    }

    /** The possible destinations outside the EEA, sorted. */
    public List<String> outsideEea() {
        List<String> out = new ArrayList<>();
        for (String c : new TreeSet<>(countries)) if (!Places.inEea(c)) out.add(c);
        return out;
    }

    /**
     * Whether the destinations meet a required residency: {@code true}, {@code false}, or {@code null} when it cannot
     * be told (unknown, or a country required and the data in one unnamed EU country).
     */
    public Boolean satisfy(String residency) {
        if (!known()) return null;
        if (anywhere) return false;
        return switch (residency) {
            case "eu" -> countries.stream().allMatch(Places::inEu);
            case "eea" -> countries.stream().allMatch(Places::inEea);
            default -> {
                if (countries.equals(Set.of(residency))) yield true;
                if (oneOf && countries.contains(residency)) yield null;
                yield false;
            }
        };
    }

    /** The destinations in words, each with its status on {@code asOf}: "de (EEA)", "gb (adequacy: …)", "in (third country)". */
    public String describe(LocalDate asOf) {
        if (anywhere)
            return "any country where the provider has capacity, including countries without an adequacy decision";
        if (countries.isEmpty()) return "an unknown place";
        if (countries.equals(Places.EU)) return (oneOf ? "one EU member state" : "EU member states") + " (EEA)";
        List<String> parts = new ArrayList<>();
        List<String> eea = new ArrayList<>();
        for (String c : new TreeSet<>(countries)) {
            if (Places.inEea(c)) eea.add(c);
            else if (c.equals("us") && Adequacy.of(c, asOf).isPresent())
                parts.add("us (adequacy only for importers certified under the DPF)");
            else parts.add(c + Adequacy.of(c, asOf).map(d -> " (adequacy)").orElse(" (third country)"));
        }
        if (!eea.isEmpty()) {
            parts.add(0, (eea.size() > 8 ? "EU/EEA member states" : String.join(", ", eea)) + " (EEA)");
        }
        return String.join(", ", parts);
    }
}
