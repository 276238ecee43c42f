package dev.sovereign.config;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The settings of a {@code bedrock} provider, checked as Bedrock will take them: an AWS region (the endpoint and
 * the SigV4 scope follow from it), only the Anthropic format, and a model map whose every entry sends a Bedrock
 * model id or an inference profile that Bedrock serves from that region. Also the provider's default sovereignty
 * profile, when {@code profile:} is not set. Stateless.
 */
final class BedrockSettings {
    static final String EU_PROFILE = "claude-bedrock-eu";
    static final String GLOBAL_PROFILE = "claude-bedrock-global";

    private BedrockSettings() {}

    /** The region, which a bedrock provider must name, as an AWS region. */
    static String region(String where, String at, String region) {
        if (region == null || region.isBlank()) {
            throw ConfigException.at(
                    where,
                    at + ".region",
                    "required for a bedrock provider: the AWS region of its Bedrock endpoint, such as eu-central-1");
        }
        if (!BedrockModelId.isRegion(region)) {
            throw ConfigException.at(
                    where, at + ".region", "'" + region + "' is not an AWS region name (such as eu-central-1)");
        }
        return region;
    }

    /** {@code https://bedrock-runtime.{region}.amazonaws.com} ({@code .com.cn} in the China regions). */
    static URI defaultEndpoint(String region) {
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://bedrock-runtime." + region + "." + domain);
    }

    /** Bedrock serves the Anthropic Messages format; other formats reach it only through translation. */
    static void formats(String where, String at, Set<WireFormat> formats) {
        if (!formats.equals(Set.of(WireFormat.ANTHROPIC))) {
            throw ConfigException.at(
                    where,
                    at + ".formats",
                    "a bedrock provider serves the anthropic format only (Claude's Messages API on Bedrock);"
                            + " remove the setting or write [anthropic]");
        }
    }

    /**
     * Checks that {@code mapping} sends a Bedrock model id that Bedrock serves from {@code region}.
     *
     * @param where the {@code file:line} of the entry's {@code upstream} (or {@code pattern}) setting
     */
    static void model(String where, String at, ModelMapping mapping, String region) {
        boolean passThrough = mapping.upstream() == null
                || mapping.upstream().isEmpty()
                || mapping.upstream().equals("*");
        String sent = passThrough ? mapping.pattern().replace("*", "x") : mapping.upstream();
        String setting = at + (passThrough ? ".pattern" : ".upstream");
        BedrockModelId id = BedrockModelId.parse(sent)
                .orElseThrow(() -> ConfigException.at(
                        where,
                        setting,
                        (passThrough
                                        ? "'" + mapping.pattern() + "' is sent to Bedrock as the model asked for, which"
                                                + " must be a Bedrock model id; add upstream:"
                                        : "'" + mapping.upstream() + "' is not a Bedrock model id;")
                                + " an id such as anthropic.claude-sonnet-4-5-20250929-v1:0, or an inference profile"
                                + " such as eu.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        String problem = id.problem(region);
        if (problem != null) throw ConfigException.at(where, setting, problem);
    }

    /**
     * The sovereignty profile of a bedrock provider that names none: Bedrock's global inference profile when a model
     * may be processed outside the EU, its EU profile when every model stays in the EU, else none known.
     */
    static String defaultProfile(String id, String region, List<ModelMapping> models) {
        boolean allEu = true;
        for (ModelMapping m : models) {
            String upstream = m.upstreamFor(m.pattern().replace("*", "x"));
            String where = ProviderKind.BEDROCK.regionOf(upstream, region);
            if (BedrockModelId.GLOBAL.equals(where)) return GLOBAL_PROFILE;
            allEu &= where.equals("eu") || where.startsWith("eu-");
        }
        return allEu ? EU_PROFILE : id;
    }
}
