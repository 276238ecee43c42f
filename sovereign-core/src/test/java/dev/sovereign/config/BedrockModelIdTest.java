package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BedrockModelIdTest {
    private static BedrockModelId id(String text) {
        return BedrockModelId.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text));
    }

    @Test
    void aModelIdIsProcessedInTheEndpointsRegion() {
        BedrockModelId id = id("anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(id.isInferenceProfile()).isFalse();
        assertThat(id.processingRegion("eu-central-1")).isEqualTo("eu-central-1");
    }

    @Test
    void anInferenceProfileIsProcessedInItsGeography() {
        assertThat(id("eu.anthropic.claude-sonnet-4-5-20250929-v1:0").processingRegion("eu-central-1"))
                .isEqualTo("eu");
        assertThat(id("us.anthropic.claude-sonnet-4-5-20250929-v1:0").processingRegion("us-east-1"))
                .isEqualTo("us");
        BedrockModelId global = id("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(global.isGlobal()).isTrue();
        assertThat(global.processingRegion("eu-central-1")).isEqualTo("global");
    }

    @Test
    void aGeographicProfileIsServedOnlyFromItsOwnGeography() {
        assertThat(id("eu.anthropic.claude-x-v1:0").problem("eu-west-3")).isNull();
        assertThat(id("global.anthropic.claude-x-v1:0").problem("eu-west-3")).isNull();
        assertThat(id("us.anthropic.claude-x-v1:0").problem("eu-central-1"))
                .isEqualTo(
                        "'us.anthropic.claude-x-v1:0' is an inference profile of geography 'us', which Bedrock serves"
                                + " only from us-* regions, and the provider's region is eu-central-1");
        assertThat(id("us.anthropic.claude-x-v1:0").problem("us-gov-west-1")).isNotNull();
        assertThat(id("apac.anthropic.claude-x-v1:0").problem("ap-northeast-1")).isNull();
    }

    @Test
    void arnsSayWhereTheyRunOnlyWhenTheirNameDoes() {
        assertThat(id("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-x-v1:0")
                        .processingRegion("eu-west-1"))
                .isEqualTo("global");
        assertThat(id("arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-x-v1:0")
                        .processingRegion("eu-west-1"))
                .isEqualTo("eu-west-1");
        assertThat(id("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3")
                        .processingRegion("eu-west-1"))
                .isEqualTo(BedrockModelId.UNKNOWN_REGION);
    }

    @Test
    void namesThatAreNotBedrockIdsAreRefused() {
        assertThat(BedrockModelId.parse("claude-sonnet-4-5")).isEmpty();
        assertThat(BedrockModelId.parse("mars.anthropic.claude-x-v1:0")).isEmpty();
        assertThat(BedrockModelId.parse("Anthropic.Claude")).isEmpty();
        assertThat(BedrockModelId.parse(null)).isEmpty();
    }

    @Test
    void onlyBedrockProvidersPlaceRequestsByModel() {
        String global = "global.anthropic.claude-x-v1:0";
        assertThat(ProviderKind.BEDROCK.regionOf(global, "eu-central-1")).isEqualTo("global");
        assertThat(ProviderKind.BEDROCK.regionOf("not an id", "eu-central-1")).isEqualTo("unknown");
        assertThat(ProviderKind.OPENAI_COMPATIBLE.regionOf(global, "eu")).isEqualTo("eu");
    }
}
