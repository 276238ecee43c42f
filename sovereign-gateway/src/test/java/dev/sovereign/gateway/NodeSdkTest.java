package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official npm SDKs ({@code openai}, {@code @anthropic-ai/sdk}) against the gateway over real sockets:
 * runs {@code node --test} on the scripts in {@code src/test/node} (installed by the build from the pinned
 * {@code package-lock.json}) with the gateway's URLs in {@code GATEWAY_URL} and {@code GATEWAY_OPENAI_URL}.
 *
 * <p>{@code sdk/} needs a well-behaved upstream and runs as one batch. Each file in {@code scenarios/} runs
 * alone, after this class has scripted the upstream's faults in the order the file's tests consume them;
 * the count of requests that reached the upstream is checked afterwards, so a retry the SDK was told not
 * to make, or a request the gateway should have refused itself, shows up.
 */
class NodeSdkTest {
    private static final Path NODE_DIR = moduleDir().resolve("src/test/node");
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(2);

    private static final String CHAT = "/v1/chat/completions";
    private static final String MESSAGES = "/v1/messages";

    private static GatewayFixture fixture;

    @BeforeAll
    static void startGateway() {
        assertThat(NODE_DIR.resolve("node_modules/openai"))
                .as(
                        "npm packages are missing; the build installs them in generate-test-resources"
                                + " (or run `node install.mjs` in %s)",
                        NODE_DIR)
                .isDirectory();
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

    private static List<String> paths(List<RecordedRequest> requests) {
        return requests.stream().map(RecordedRequest::path).toList();
    }

    /** {@link #assertNodeTestsPass(GatewayFixture, String)} against this class's gateway. */
    private static void assertNodeTestsPass(String target) {
        assertNodeTestsPass(fixture, target);
    }

    /**
     * Runs {@code node --test target} in {@code src/test/node} with only {@code PATH} and {@code gateway}'s
     * URLs in the environment (no provider keys leak from the build), and fails with node's output unless
     * it exits 0.
     */
    private static void assertNodeTestsPass(GatewayFixture gateway, String target) {
        String output;
        int exit;
        try {
            Path log = Files.createTempFile("node-sdk-test", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", target)
                        .directory(NODE_DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                Map<String, String> env = pb.environment();
                String path = env.get("PATH");
                env.clear();
                if (path != null) env.put("PATH", path);
                env.put("GATEWAY_URL", gateway.baseUrl());
                env.put("GATEWAY_OPENAI_URL", gateway.openAiBaseUrl());
                env.put("NO_COLOR", "1");
                Process node = pb.start();
                if (!node.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    node.descendants().forEach(ProcessHandle::destroyForcibly);
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("node --test %s did not finish within %s; output:%n%s", target, NODE_TIMEOUT, read(log));
                }
                exit = node.exitValue();
                output = read(log);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run node (is Node.js 20+ on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running node --test " + target, e);
        }
        System.out.println("node --test " + target + " (exit " + exit + "):\n" + output);
        assertThat(exit)
                .as("node --test %s exited with %d; output:%n%s", target, exit, output)
                .isZero();
        assertThat(output).as("node ran no test:%n%s", output).containsPattern("(?m)^ℹ pass [1-9]");
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Surefire runs in the module directory and says so in {@code basedir}. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }
}
