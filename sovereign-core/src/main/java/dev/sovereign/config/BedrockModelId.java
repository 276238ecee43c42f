package dev.sovereign.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model id as Bedrock takes it in {@code /model/{modelId}/invoke}, and what it says about where a request is
 * processed: a model in the region of the endpoint ({@code anthropic.claude-sonnet-4-5-20250929-v1:0}), or a
 * cross-region inference profile, whose prefix names the geography Bedrock may route the request to ({@code eu.},
 * {@code us.}, {@code us-gov.}, {@code apac.}, {@code jp.}, {@code au.}), or {@code global.}: any commercial
 * region, the US included. ARNs are taken too: a foundation model's or a system inference profile's says the same as
 * its id; an application inference profile or a provisioned model does not say where it runs.
 *
 * @param id the id as written
 * @param geography the inference profile's geography, {@code null} for a model in the endpoint's region
 * @param located false when the id cannot tell where the request is processed (application inference profiles,
 *     provisioned models)
 */
public record BedrockModelId(String id, String geography, boolean located) {
    /** The geography of a {@code global.} inference profile: anywhere, and so not EU-resident. */
    public static final String GLOBAL = "global";

    /** The processing region of a model id that does not say where it runs: no region guarantee allows it. */
    public static final String UNKNOWN_REGION = "unknown";

    /** Each geography with the prefix of the source regions Bedrock accepts its profiles from. */
    private static final Map<String, String> GEOGRAPHIES = Map.of(
            "eu",
            "eu-",
            "us",
            "us-",
            "us-gov",
            "us-gov-",
            "apac",
            "ap-",
            "jp",
            "ap-northeast-",
            "au",
            "ap-southeast-",
            GLOBAL,
            "");

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+(:[a-z0-9.:-]+)?");
    private static final Pattern ARN =
            Pattern.compile("arn:aws(-[a-z]+)?:bedrock:([a-z0-9-]+):(\\d{12})?:([a-z-]+)/([A-Za-z0-9.:_-]+)");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d+");

    /** The id read, or empty when it is not a Bedrock model id, inference profile id or ARN. */
    public static Optional<BedrockModelId> parse(String id) {
        if (id == null) return Optional.empty();
        var arn = ARN.matcher(id);
        if (arn.matches()) {
            String type = arn.group(4);
            String name = arn.group(5);
            if (type.equals("foundation-model")) return Optional.of(new BedrockModelId(id, null, true));
            if (type.equals("inference-profile")) {
                return parse(name).map(p -> new BedrockModelId(id, p.geography, p.located));
            }
            return Optional.of(new BedrockModelId(id, null, false));
        }
        if (!PLAIN.matcher(id).matches()) return Optional.empty();
        int colon = id.indexOf(':');
        String[] parts = (colon < 0 ? id : id.substring(0, colon)).split("\\.");
        if (parts.length == 2) return Optional.of(new BedrockModelId(id, null, true));
        // A third part is a geography prefix (eu.anthropic.claude-…); an unknown one cannot be placed.
        if (GEOGRAPHIES.containsKey(parts[0])) return Optional.of(new BedrockModelId(id, parts[0], true));
        return Optional.empty();
    }

    /** True for an AWS region name such as {@code eu-central-1} or {@code us-gov-west-1}. */
    public static boolean isRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    public boolean isInferenceProfile() {
        return geography != null;
    }

    public boolean isGlobal() {
        return GLOBAL.equals(geography);
    }

    /**
     * Where a request for this model, sent to an endpoint in {@code sourceRegion}, is processed: the source region
     * for a model served in place, the geography of an inference profile ({@code eu}, {@code us}, {@code global}),
     * or {@link #UNKNOWN_REGION} when the id does not say.
     */
    public String processingRegion(String sourceRegion) {
        if (!located) return UNKNOWN_REGION;
        return geography == null ? sourceRegion : geography;
    }

    /**
     * Why Bedrock would refuse this id from an endpoint in {@code sourceRegion}, or {@code null} when it would not: a
     * geographic inference profile is served only to callers in its own geography.
     */
    public String problem(String sourceRegion) {
        if (geography == null || GLOBAL.equals(geography) || sourceRegion == null) return null;
        String prefix = GEOGRAPHIES.get(geography);
        boolean inGeography =
                sourceRegion.startsWith(prefix) && !(geography.equals("us") && sourceRegion.startsWith("us-gov-"));
        if (inGeography) return null;
        return "'" + id + "' is an inference profile of geography '" + geography + "', which Bedrock serves only"
                + " from " + prefix + "* regions, and the provider's region is " + sourceRegion;
    }
}
