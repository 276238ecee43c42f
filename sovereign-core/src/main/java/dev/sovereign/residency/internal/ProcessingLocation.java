package dev.sovereign.residency.internal;

import dev.sovereign.index.ResolvedFact;
import dev.sovereign.residency.internal.Places.Place;
import dev.sovereign.residency.internal.Places.Zone;

/**
 * Where a provider deployment processes data, from its profile's {@code inference_location} fact and its region.
 *
 * <p>A profile whose inference location is {@code none} may process anywhere (Anthropic's global or US inference,
 * Bedrock's {@code global.} profiles): outside the EEA whatever the region of the endpoint. Otherwise a region that
 * names a place decides; a region that does not ({@code local}, {@code unknown}) leaves it to the profile: {@code
 * eu_default} and {@code eu_self_serve} (a profile that describes an EU deployment) are in the EU, {@code
 * eu_via_sales} is unknown until the region says so.
 *
 * @param place the place, {@link Place#UNSPECIFIED} when it cannot be told
 * @param reason how it was told, for explanations
 * @param source the URL of the inference-location fact, or {@code null}
 */
public record ProcessingLocation(Place place, String reason, String source) {

    public boolean known() {
        return place.zone() != Zone.UNSPECIFIED;
    }

    public static ProcessingLocation of(ResolvedFact inference, String region) {
        Place configured = Places.ofRegion(region);
        String value =
                inference == null || inference.unknown() || inference.value().isEmpty()
                        ? null
                        : inference.value().get(0);
        String source = inference == null || inference.unknown() ? null : inference.source();
        String regionText = "region '" + region + "'";
        if (value == null) {
            if (configured.zone() == Zone.OUTSIDE)
                return new ProcessingLocation(
                        configured, regionText + "; the profile's inference location is unknown", null);
            return new ProcessingLocation(
                    Place.UNSPECIFIED,
                    "the profile's inference location is unknown and " + regionText + " does not say",
                    null);
        }
        if (value.equals("none")) {
            Place p = configured.zone() == Zone.OUTSIDE ? configured : Place.OUTSIDE;
            return new ProcessingLocation(
                    p,
                    "the profile offers no EU-only processing (inference_location: none), so requests may be"
                            + " processed outside the EEA whatever the endpoint's region",
                    source);
        }
        if (configured.zone() != Zone.UNSPECIFIED) {
            return new ProcessingLocation(configured, regionText + " (inference_location: " + value + ")", source);
        }
        return switch (value) {
            case "eu_default" ->
                new ProcessingLocation(
                        Place.SOMEWHERE_IN_EU,
                        "the profile processes in the EU by default (inference_location: eu_default)",
                        source);
            case "eu_self_serve" ->
                new ProcessingLocation(
                        Place.SOMEWHERE_IN_EU,
                        "the profile describes an EU deployment (inference_location: eu_self_serve); " + regionText
                                + " does not name the country",
                        source);
            default ->
                new ProcessingLocation(
                        Place.UNSPECIFIED,
                        "EU processing is only available when arranged with the provider (inference_location: " + value
                                + ") and " + regionText + " does not say it was",
                        source);
        };
    }
}
