package dev.sovereign.residency.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a provider region is, as far as residency goes: in an EU country, in an EEA country outside the EU
 * (Iceland, Liechtenstein, Norway), outside the EEA, or not said by the region name (then the profile decides).
 *
 * <p>Cloud region names do not follow geography by prefix: AWS {@code eu-west-2} is London and {@code eu-central-2}
 * Zurich, both outside the EU. So known regions are listed with their country; an unlisted name is only read when it
 * is a plain code ({@code eu}, {@code eea}, a country) or carries a non-European prefix ({@code us-}, {@code ap-},
 * …).
 */
public final class Places {
    /** The EU member states (ISO 3166 alpha-2, lower case; Greece as {@code gr}). */
    public static final Set<String> EU = Set.of(
            "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it", "lv", "lt", "lu",
            "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se");

    /** The EEA countries outside the EU. */
    public static final Set<String> EEA_NON_EU = Set.of("is", "li", "no");

    /** AWS regions (Amazon Bedrock and EC2), by country: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html */
    private static final Map<String, String> AWS = Map.ofEntries(
            Map.entry("us-east-1", "us"),
            Map.entry("us-east-2", "us"),
            Map.entry("us-west-1", "us"),
            Map.entry("us-west-2", "us"),
            Map.entry("us-gov-east-1", "us"),
            Map.entry("us-gov-west-1", "us"),
            Map.entry("ca-central-1", "ca"),
            Map.entry("ca-west-1", "ca"),
            Map.entry("mx-central-1", "mx"),
            Map.entry("sa-east-1", "br"),
            Map.entry("af-south-1", "za"),
            Map.entry("ap-east-1", "hk"),
            Map.entry("ap-east-2", "tw"),
            Map.entry("ap-south-1", "in"),
            Map.entry("ap-south-2", "in"),
            Map.entry("ap-northeast-1", "jp"),
            Map.entry("ap-northeast-2", "kr"),
            Map.entry("ap-northeast-3", "jp"),
            Map.entry("ap-southeast-1", "sg"),
            Map.entry("ap-southeast-2", "au"),
            Map.entry("ap-southeast-3", "id"),
            Map.entry("ap-southeast-4", "au"),
            Map.entry("ap-southeast-5", "my"),
            Map.entry("ap-southeast-6", "nz"),
            Map.entry("ap-southeast-7", "th"),
            Map.entry("me-south-1", "bh"),
            Map.entry("me-central-1", "ae"),
            Map.entry("il-central-1", "il"),
            Map.entry("cn-north-1", "cn"),
            Map.entry("cn-northwest-1", "cn"),
            Map.entry("eu-central-1", "de"),
            Map.entry("eu-central-2", "ch"),
            Map.entry("eu-west-1", "ie"),
            Map.entry("eu-west-2", "gb"),
            Map.entry("eu-west-3", "fr"),
            Map.entry("eu-south-1", "it"),
            Map.entry("eu-south-2", "es"),
            Map.entry("eu-north-1", "se"),
            Map.entry("eusc-de-east-1", "de"));

    /** Google Cloud regions (Vertex AI), by country: https://cloud.google.com/about/locations */
    private static final Map<String, String> GOOGLE = Map.ofEntries(
            Map.entry("us-central1", "us"),
            Map.entry("us-east1", "us"),
            Map.entry("us-east4", "us"),
            Map.entry("us-east5", "us"),
            Map.entry("us-south1", "us"),
            Map.entry("us-west1", "us"),
            Map.entry("us-west2", "us"),
            Map.entry("us-west3", "us"),
            Map.entry("us-west4", "us"),
            Map.entry("northamerica-northeast1", "ca"),
            Map.entry("northamerica-northeast2", "ca"),
            Map.entry("northamerica-south1", "mx"),
            Map.entry("southamerica-east1", "br"),
            Map.entry("southamerica-west1", "cl"),
            Map.entry("asia-east1", "tw"),
            Map.entry("asia-east2", "hk"),
            Map.entry("asia-northeast1", "jp"),
            Map.entry("asia-northeast2", "jp"),
            Map.entry("asia-northeast3", "kr"),
            Map.entry("asia-south1", "in"),
            Map.entry("asia-south2", "in"),
            Map.entry("asia-southeast1", "sg"),
            Map.entry("asia-southeast2", "id"),
            Map.entry("australia-southeast1", "au"),
            Map.entry("australia-southeast2", "au"),
            Map.entry("me-west1", "il"),
            Map.entry("me-central1", "qa"),
            Map.entry("me-central2", "sa"),
            Map.entry("africa-south1", "za"),
            Map.entry("europe-west1", "be"),
            Map.entry("europe-west2", "gb"),
            Map.entry("europe-west3", "de"),
            Map.entry("europe-west4", "nl"),
            Map.entry("europe-west6", "ch"),
            Map.entry("europe-west8", "it"),
            Map.entry("europe-west9", "fr"),
            Map.entry("europe-west10", "de"),
            Map.entry("europe-west12", "it"),
            Map.entry("europe-north1", "fi"),
            Map.entry("europe-north2", "se"),
            Map.entry("europe-central2", "pl"),
            Map.entry("europe-southwest1", "es"));

    /** Azure regions (Azure OpenAI, Microsoft Foundry), by country: https://learn.microsoft.com/azure/reliability/regions-list */
    private static final Map<String, String> AZURE = Map.ofEntries(
            Map.entry("eastus", "us"),
            Map.entry("eastus2", "us"),
            Map.entry("westus", "us"),
            Map.entry("westus2", "us"),
            Map.entry("westus3", "us"),
            Map.entry("centralus", "us"),
            Map.entry("northcentralus", "us"),
            Map.entry("southcentralus", "us"),
            Map.entry("westcentralus", "us"),
            Map.entry("canadacentral", "ca"),
            Map.entry("canadaeast", "ca"),
            Map.entry("brazilsouth", "br"),
            Map.entry("mexicocentral", "mx"),
            Map.entry("japaneast", "jp"),
            Map.entry("japanwest", "jp"),
            Map.entry("koreacentral", "kr"),
            Map.entry("koreasouth", "kr"),
            Map.entry("australiaeast", "au"),
            Map.entry("australiasoutheast", "au"),
            Map.entry("australiacentral", "au"),
            Map.entry("southeastasia", "sg"),
            Map.entry("eastasia", "hk"),
            Map.entry("centralindia", "in"),
            Map.entry("southindia", "in"),
            Map.entry("westindia", "in"),
            Map.entry("uaenorth", "ae"),
            Map.entry("qatarcentral", "qa"),
            Map.entry("israelcentral", "il"),
            Map.entry("southafricanorth", "za"),
            Map.entry("newzealandnorth", "nz"),
            Map.entry("indonesiacentral", "id"),
            Map.entry("malaysiawest", "my"),
            Map.entry("westeurope", "nl"),
            Map.entry("northeurope", "ie"),
            Map.entry("germanywestcentral", "de"),
            Map.entry("germanynorth", "de"),
            Map.entry("francecentral", "fr"),
            Map.entry("francesouth", "fr"),
            Map.entry("norwayeast", "no"),
            Map.entry("norwaywest", "no"),
            Map.entry("switzerlandnorth", "ch"),
            Map.entry("switzerlandwest", "ch"),
            Map.entry("swedencentral", "se"),
            Map.entry("swedensouth", "se"),
            Map.entry("italynorth", "it"),
            Map.entry("polandcentral", "pl"),
            Map.entry("spaincentral", "es"),
            Map.entry("austriaeast", "at"),
            Map.entry("belgiumcentral", "be"),
            Map.entry("denmarkeast", "dk"),
            Map.entry("uksouth", "gb"),
            Map.entry("ukwest", "gb"));

    /** Every known cloud region, by country. */
    private static final Map<String, String> REGIONS = merged(AWS, GOOGLE, AZURE);

    @SafeVarargs
    private static Map<String, String> merged(Map<String, String>... maps) {
        Map<String, String> all = new java.util.HashMap<>();
        for (Map<String, String> m : maps) all.putAll(m);
        return Map.copyOf(all);
    }

    /** The country of a known cloud region, or {@code null}. */
    public static String countryOfRegion(String region) {
        return region == null ? null : REGIONS.get(region.strip().toLowerCase(Locale.ROOT));
    }

    /** Region prefixes that are outside Europe. */
    private static final Set<String> OUTSIDE_PREFIXES = Set.of(
            "us",
            "ap",
            "ca",
            "sa",
            "me",
            "af",
            "il",
            "mx",
            "cn",
            "asia",
            "australia",
            "northamerica",
            "southamerica",
            "eastus",
            "westus",
            "centralus",
            "southcentralus",
            "northcentralus",
            "japan",
            "korea",
            "brazil",
            "canada",
            "uae",
            "qatar",
            "india",
            "global");

    private Places() {}

    /** Where a processing location can be. */
    public enum Zone {
        /** In an EU member state. */
        EU,
        /** In Iceland, Liechtenstein or Norway. */
        EEA,
        /** Outside the EEA, or possibly outside it. */
        OUTSIDE,
        /** The region name does not say. */
        UNSPECIFIED
    }

    /**
     * A place.
     *
     * @param country the ISO 3166 alpha-2 code when known, else {@code null}
     */
    public record Place(Zone zone, String country) {
        public static final Place UNSPECIFIED = new Place(Zone.UNSPECIFIED, null);
        public static final Place SOMEWHERE_IN_EU = new Place(Zone.EU, null);
        public static final Place OUTSIDE = new Place(Zone.OUTSIDE, null);

        public boolean inEea() {
            return zone == Zone.EU || zone == Zone.EEA;
        }
    }

    public static boolean inEu(String country) {
        return EU.contains(country);
    }

    public static boolean inEea(String country) {
        return EU.contains(country) || EEA_NON_EU.contains(country);
    }

    /** The place of a country code. */
    public static Place ofCountry(String country) {
        String c = country.toLowerCase(Locale.ROOT);
        if (EU.contains(c)) return new Place(Zone.EU, c);
        if (EEA_NON_EU.contains(c)) return new Place(Zone.EEA, c);
        return new Place(Zone.OUTSIDE, c);
    }

    /** Where a provider's configured {@code region} is; {@link Place#UNSPECIFIED} for {@code local}, unknown names. */
    public static Place ofRegion(String region) {
        if (region == null) return Place.UNSPECIFIED;
        String r = region.strip().toLowerCase(Locale.ROOT);
        if (r.equals("eu")) return Place.SOMEWHERE_IN_EU;
        if (r.equals("eea")) return new Place(Zone.EEA, null);
        String country = REGIONS.get(r);
        if (country != null) return ofCountry(country);
        if (r.matches("[a-z]{2}") && !r.equals("eu")) {
            return r.equals("us") ? new Place(Zone.OUTSIDE, "us") : ofCountry(r);
        }
        for (String p : OUTSIDE_PREFIXES) {
            if (r.equals(p) || r.startsWith(p + "-") || (r.startsWith(p) && p.length() > 3)) return Place.OUTSIDE;
        }
        return Place.UNSPECIFIED;
    }

    /** Where data is processed, in words: {@code processed in de (EU)}, {@code processed outside the EEA}. */
    public static String processed(Place place) {
        return place.zone() == Zone.OUTSIDE && place.country() == null
                ? "processed outside the EEA"
                : "processed in " + describe(place);
    }

    /** The place in words: {@code de (EU)}, {@code the EU}, {@code outside the EEA}. */
    public static String describe(Place place) {
        return switch (place.zone()) {
            case EU -> place.country() == null ? "the EU" : place.country() + " (EU)";
            case EEA -> place.country() == null ? "the EEA" : place.country() + " (EEA, outside the EU)";
            case OUTSIDE -> place.country() == null ? "outside the EEA" : place.country() + " (outside the EEA)";
            case UNSPECIFIED -> "an unspecified place";
        };
    }
}
