package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.BedrockException;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official {@code @aws-sdk/client-bedrock-runtime} against the fake upstream's Bedrock mode, to show that the
 * fake speaks real Bedrock: it accepts the AWS SDK's own SigV4 signatures and refuses a wrong one, and the SDK's
 * own event-stream codec reads its frames and exceptions. The gateway's Bedrock tests rely on that fake.
 */
class BedrockNodeSdkTest {
    private static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        NodeTests.requirePackage("@aws-sdk/client-bedrock-runtime");
        upstream = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        if (upstream != null) upstream.close();
    }

    @Test
    void theAwsSdkForJavaScriptTalksToTheFakeBedrock() {
        upstream.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
        upstream.enqueue(Fault.bedrockInStream(BedrockException.MODEL_STREAM_ERROR, 2));
        NodeTests.assertPass(
                "bedrock/bedrock-runtime.test.mjs",
                Map.of(
                        "FAKE_BEDROCK_URL",
                        upstream.baseUrl(),
                        "AWS_ACCESS_KEY_ID",
                        FakeUpstream.AWS_ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY",
                        FakeUpstream.AWS_SECRET_ACCESS_KEY,
                        "AWS_REGION",
                        "eu-central-1"));
        assertThat(upstream.requests())
                .extracting(RecordedRequest::path)
                .hasSize(5)
                .allMatch(p -> p.startsWith("/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke"));
        assertThat(upstream.requests().get(0).header("authorization")).startsWith("AWS4-HMAC-SHA256 ");
    }
}
