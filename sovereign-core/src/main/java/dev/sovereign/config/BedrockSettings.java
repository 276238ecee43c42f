package dev.sovereign.config;

import java.net.URI;
import java.util.Objects;

/**
 * The settings of a {@code bedrock} provider (Claude on AWS Bedrock): the AWS region of its runtime endpoint, which
 * is also the region its requests are signed for (SigV4 scope) and the source region Bedrock routes an inference
 * profile from. The provider's {@link ProviderConfig#region region} is the same name; where a request is processed
 * follows from the model id it is sent as ({@link ProviderConfig#regionOf}).
 *
 * <p>A provider read from {@code providers.yaml} has been checked as Bedrock will take it: a region name, only the
 * Anthropic format, and a model map whose every entry sends a Bedrock model id or an inference profile served from
 * this region. Immutable.
 *
 * @param region an AWS region such as {@code eu-central-1}
 */
public record BedrockSettings(String region) implements ProviderSettings {
    public BedrockSettings {
        Objects.requireNonNull(region, "region");
    }

    /**
     * The runtime endpoint of {@code region}: {@code https://bedrock-runtime.{region}.amazonaws.com}
     * ({@code .com.cn} in the China regions).
     */
    public static URI defaultEndpoint(String region) {
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://bedrock-runtime." + region + "." + domain);
    }
}
