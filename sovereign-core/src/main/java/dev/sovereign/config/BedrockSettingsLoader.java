package dev.sovereign.config;

import dev.sovereign.config.internal.ConfigFiles;
import dev.sovereign.residency.Regions;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the settings of a {@code bedrock} provider as Bedrock will take them, into a
 * {@link BedrockSettings}: an AWS region (the endpoint and the SigV4 scope follow from it), only the Anthropic
 * format, and a model map whose every entry sends a Bedrock model id or an inference profile that Bedrock serves
 * from that region. Also the provider's default sovereignty profile, when {@code profile:} is not set. Called by
 * {@link KindSettingsLoader}; stateless.
 */
final class BedrockSettingsLoader {
    static final String EU_PROFILE = "claude-bedrock-eu";
    static final String GLOBAL_PROFILE = "claude-bedrock-global";

    private BedrockSettingsLoader() {}

    /**
     * The settings of provider {@code i} and its endpoint: the one configured, else the region's.
     *
     * @param endpoint the configured endpoint, or {@code null} when none is set
     */
    static KindSettingsLoader.Resolved resolve(
            ProviderLines lines, int i, String at, ConfigFiles.Provider p, URI endpoint, Set<WireFormat> formats) {
        String region = region(lines.at(i, "region"), at, p.region());
        formats(lines.at(i, "formats"), at, formats);
        return new KindSettingsLoader.Resolved(
                new BedrockSettings(region),
                endpoint == null ? BedrockSettings.defaultEndpoint(region) : endpoint,
                region,
                null);
    }

    /** The region, which a bedrock provider must name, as an AWS region. */
    private static String region(String where, String at, String region) {
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

    /** Bedrock serves the Anthropic Messages format; other formats reach it only through translation. */
    private static void formats(String where, String at, Set<WireFormat> formats) {
        if (!formats.equals(Set.of(WireFormat.ANTHROPIC))) {
            throw ConfigException.at(
                    where,
                    at + ".formats",
                    "a bedrock provider serves the anthropic format only (Claude's Messages API on Bedrock);"
                            + " remove the setting or write [anthropic]");
        }
    }

    /**
     * Checks that {@code mapping}, entry {@code m} of provider {@code i}'s model map, sends a Bedrock model id that
     * Bedrock serves from {@code settings}' region.
     */
    static void model(ProviderLines lines, int i, int m, String at, ModelMapping mapping, BedrockSettings settings) {
        boolean passThrough = mapping.upstream() == null
                || mapping.upstream().isEmpty()
                || mapping.upstream().equals("*");
        // The line is the upstream's unless it is absent or *; an empty upstream is reported at its own line.
        String key = mapping.upstream() == null || mapping.upstream().equals("*") ? "pattern" : "upstream";
        String line = lines.atModel(i, m, key);
        String sent = passThrough ? mapping.pattern().replace("*", "x") : mapping.upstream();
        String setting = at + (passThrough ? ".pattern" : ".upstream");
        BedrockModelId id = BedrockModelId.parse(sent)
                .orElseThrow(() -> ConfigException.at(
                        line,
                        setting,
                        (passThrough
                                        ? "'" + mapping.pattern() + "' is sent to Bedrock as the model asked for, which"
                                                + " must be a Bedrock model id; add upstream:"
                                        : "'" + mapping.upstream() + "' is not a Bedrock model id;")
                                + " an id such as anthropic.claude-sonnet-4-5-20250929-v1:0, or an inference profile"
                                + " such as eu.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        String problem = id.problem(settings.region());
        if (problem != null) throw ConfigException.at(line, setting, problem);
    }

    /**
     * The sovereignty profile of a bedrock provider that names none: Bedrock's global inference profile when a model
     * may be processed outside the EU, its EU profile when every model stays in the EU, else none known ({@code id}).
     */
    static String defaultProfile(String id, BedrockSettings settings, List<ModelMapping> models) {
        boolean allEu = true;
        for (ModelMapping m : models) {
            String upstream = m.upstreamFor(m.pattern().replace("*", "x"));
            String where = ProviderKind.BEDROCK.regionOf(upstream, settings.region());
            if (BedrockModelId.GLOBAL.equals(where)) return GLOBAL_PROFILE;
            allEu &= Regions.inEu(where); // by country: London (eu-west-2) and Zurich (eu-central-2) are not in the EU
        }
        return allEu ? EU_PROFILE : id;
    }
}
