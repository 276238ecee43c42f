package dev.sovereign.residency;

import dev.sovereign.residency.internal.Places;
import dev.sovereign.residency.internal.Places.Place;
import dev.sovereign.residency.internal.Places.Zone;
import java.util.Locale;

/**
 * Whether a provider region lies within an area that a guarantee or a default names, by where the region is rather
 * than by how it is spelled. Cloud region names do not follow geography by prefix: AWS {@code eu-west-2} and Google
 * Cloud {@code europe-west2} are London, {@code europe-west6} is Zurich, and Google's {@code global} location may
 * process anywhere. Stateless and thread-safe.
 */
public final class Regions {
    private Regions() {}

    /**
     * Whether {@code region} is within {@code area}.
     *
     * <ul>
     *   <li>{@code eu}: a region in an EU member state ({@code eu-west-1}, {@code europe-west1}, {@code
     *       swedencentral}), or the EU as a whole ({@code eu}, such as Vertex AI's EU multi-region);
     *   <li>{@code eea}: the same, plus Iceland, Liechtenstein and Norway;
     *   <li>a country code ({@code de}): a region in that country;
     *   <li>any other name: the same name, or a name that extends it with {@code -} ({@code us} takes {@code
     *       us-east-1}).
     * </ul>
     *
     * A region the table does not know and whose name does not say where it is lies within no zone: the check fails
     * closed.
     */
    public static boolean within(String region, String area) {
        if (region == null || area == null) return false;
        String r = region.strip().toLowerCase(Locale.ROOT);
        String a = area.strip().toLowerCase(Locale.ROOT);
        if (r.equals(a)) return true;
        Place place = Places.ofRegion(r);
        return switch (a) {
            case "eu" -> place.zone() == Zone.EU;
            case "eea" -> place.inEea();
            default -> {
                if (a.length() == 2 && place.country() != null)
                    yield place.country().equals(a);
                yield r.startsWith(a + "-");
            }
        };
    }

    /** Whether the name of {@code region} says where it is (a known region, a zone, a country, a non-European prefix). */
    public static boolean placed(String region) {
        return region != null && Places.ofRegion(region).zone() != Zone.UNSPECIFIED;
    }

    /** Whether {@code region} is certainly inside the EU: see {@link #within(String, String)} with {@code eu}. */
    public static boolean inEu(String region) {
        return within(region, "eu");
    }
}
