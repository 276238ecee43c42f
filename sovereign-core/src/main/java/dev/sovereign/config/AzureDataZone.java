package dev.sovereign.config;

/**
 * Where an Azure OpenAI deployment may process a request, by its deployment type: a {@code Standard} (regional)
 * deployment in the region of its resource, a {@code DataZone} deployment anywhere in its data zone (the EU or the US),
 * a {@code Global} deployment anywhere Azure has capacity.
 */
public enum AzureDataZone {
    /** Standard and provisioned (regional) deployments: in the resource's region. */
    REGIONAL("regional"),
    /** Data Zone deployments of a resource in an EU region: within the EU. */
    EU("eu"),
    /** Data Zone deployments of a resource in a US region: within the US. */
    US("us"),
    /** Global deployments: in any Azure region, the US included. */
    GLOBAL("global");

    private final String id;

    AzureDataZone(String id) {
        this.id = id;
    }

    /** The name used in {@code providers.yaml} ({@code data_zone:}). */
    public String id() {
        return id;
    }

    public static AzureDataZone fromId(String id) {
        for (AzureDataZone z : values()) {
            if (z.id.equals(id)) return z;
        }
        throw new IllegalArgumentException("'" + id + "' is not one of: regional, eu, us, global");
    }

    /** Where a request to a deployment of this type is processed, for a resource in {@code resourceRegion}. */
    public String processingRegion(String resourceRegion) {
        return switch (this) {
            case REGIONAL -> resourceRegion;
            case EU -> "eu";
            case US -> "us";
            case GLOBAL -> "global";
        };
    }
}
