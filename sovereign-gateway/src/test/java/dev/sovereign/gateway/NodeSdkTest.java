package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official npm SDKs ({@code openai}, {@code @anthropic-ai/sdk}) against the gateway over real sockets:
 * runs {@code node --test} on the scripts in {@code src/test/node} (installed by the build from the pinned
 * {@code package-lock.json}) with the gateway's URLs in {@code GATEWAY_URL} and {@code GATEWAY_OPENAI_URL}, and
 * the fake upstream's in {@code FAKE_UPSTREAM_URL} for the scenario that drives the fake itself.
 *
 * <p>{@code sdk/} needs a well-behaved upstream and runs as one batch. Each file in {@code scenarios/} runs
 * alone, after this class has scripted the upstream's faults in the order the file's tests consume them;
 * the count of requests that reached the upstream is checked afterwards, so a retry the SDK was told not
 * to make, or a request the gateway should have refused itself, shows up.
 */
class NodeSdkTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String MESSAGES = "/v1/messages";

    private static GatewayFixture fixture;

    @BeforeAll
    static void startGateway() {
        NodeTests.requirePackage("openai");
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stopGateway() {
        if (fixture != null) fixture.close();
    }

    @BeforeEach
    void resetUpstream() {
        fixture.upstream().reset();
    }

    @Test
    void sdkCallsSucceedThroughTheGateway() {
        assertNodeTestsPass("sdk");
    }

    @Test
    void requestsTheGatewayRefusesAreBadRequestErrors() {
        assertNodeTestsPass("scenarios/invalid-request.test.mjs");
        assertThat(paths(fixture.upstream().requests()))
                .as("invalid requests must not reach the upstream")
                .isEmpty();
    }

    @Test
    void upstreamErrorStatusesAreTheSdksErrorClasses() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
        fixture.upstream().enqueue(Fault.overloaded());
        fixture.upstream().enqueue(Fault.overloaded());
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofMillis(50)));
        assertNodeTestsPass("scenarios/upstream-errors.test.mjs");
        assertThat(paths(fixture.upstream().requests()))
                .as("maxRetries 0 means one attempt each; the last call retries once")
                .containsExactly(CHAT, MESSAGES, MESSAGES, CHAT, CHAT, CHAT);
    }

    @Test
    void upstreamErrorMidStreamIsThrownWhileIterating() {
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(2));
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(4));
        assertNodeTestsPass("scenarios/stream-error.test.mjs");
        assertThat(paths(fixture.upstream().requests())).containsExactly(CHAT, MESSAGES);
    }

    @Test
    void upstreamDisconnectMidStreamIsThrownWhileIterating() {
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(2));
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(4));
        assertNodeTestsPass("scenarios/stream-disconnect.test.mjs");
        assertThat(paths(fixture.upstream().requests())).containsExactly(CHAT, MESSAGES);
    }

    @Test
    void abortedStreamsCancelTheUpstreamCall() {
        fixture.upstream().setReplyWords(200);
        fixture.upstream().setChunkDelay(Duration.ofMillis(20));
        assertNodeTestsPass("scenarios/abort.test.mjs");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(fixture.upstream().cancelledStreams())
                        .as("upstream streams the gateway cancelled after the SDK aborted")
                        .isEqualTo(2));
    }

    @Test
    void anthropicBetaAndVersionHeadersPassThrough() {
        assertNodeTestsPass("scenarios/anthropic-headers.test.mjs");
        List<RecordedRequest> requests = fixture.upstream().requests();
        assertThat(paths(requests)).containsExactly(MESSAGES, MESSAGES, MESSAGES);
        assertThat(requests.get(0).header("anthropic-beta"))
                .isEqualTo("token-efficient-tools-2025-02-19,interleaved-thinking-2025-05-14");
        assertThat(requests.get(1).header("anthropic-beta")).isEqualTo("token-efficient-tools-2025-02-19");
        assertThat(requests.get(2).header("anthropic-beta")).isNull();
        assertThat(requests.stream().map(r -> r.header("anthropic-version")))
                .containsExactly("2026-10-21", "2026-10-21", "2023-06-01");
    }

    @Test
    void sdksAreServedThroughTranslationByAProviderOfTheOtherFormat() {
        try (GatewayFixture translating =
                GatewayFixture.start(Map.of("providers.yaml", TranslationSdkTest.PROVIDERS))) {
            assertNodeTestsPass(translating, "scenarios/translated.test.mjs");
            assertThat(paths(translating.upstream().requests()))
                    .as("each SDK's calls reach the provider in the provider's format")
                    .containsExactly(CHAT, CHAT, MESSAGES, MESSAGES);
        }
    }

    @Test
    void theNpmAzureClientTalksToTheFakeAzureOpenAi() {
        assertNodeTestsPass("scenarios/azure-fake.test.mjs");
        assertThat(fixture.upstream().requests())
                .extracting(r -> r.path() + "?" + r.query() + " " + r.header("api-key"))
                .containsOnly("/openai/deployments/gpt4o-eu/chat/completions?api-version=2024-10-21"
                        + " azure-key-for-the-fake");
    }

    private static List<String> paths(List<RecordedRequest> requests) {
        return requests.stream().map(RecordedRequest::path).toList();
    }

    /** Runs {@code node --test target} against this class's gateway (see {@link NodeTests#assertPass}). */
    private static void assertNodeTestsPass(String target) {
        assertNodeTestsPass(fixture, target);
    }

    /** Runs {@code node --test target} with {@code gateway}'s URLs (see {@link NodeTests#assertPass}). */
    private static void assertNodeTestsPass(GatewayFixture gateway, String target) {
        NodeTests.assertPass(
                target,
                Map.of(
                        "GATEWAY_URL", gateway.baseUrl(),
                        "GATEWAY_OPENAI_URL", gateway.openAiBaseUrl(),
                        "FAKE_UPSTREAM_URL", gateway.upstream().baseUrl()));
    }
}
