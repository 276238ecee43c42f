package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.provider.Transformed;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Principal;
import dev.sovereign.policy.Decision;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.routing.ModelRouter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's classify, decide and transform stages as plain calls, without a server: what the default policy
 * decides for a request, from everything of it that can leave, and what the request looks like once transformed.
 */
class PipelineDecisionTest {
    @TempDir
    static Path dir;

    static Pipeline pipeline;
    static Ingress ingress;

    @BeforeAll
    static void load() throws IOException {
        Files.writeString(
                dir.resolve("providers.yaml"),
                DefaultPolicyTest.PROVIDERS.replace("${UPSTREAM}", "http://127.0.0.1:9"));
        Map<String, String> env =
                Map.of("ANTHROPIC_API_KEY", "k", "OPENAI_API_KEY", "k", DefaultPolicy.LOCAL_MODEL_ENV, "llama3.1:8b");
        GatewayConfig config = new ConfigLoader(env).load(dir);
        ActivePolicy policy = ActivePolicy.start(config, new ModelRouter(config.providers()), env, Clock.systemUTC());
        Json json = new Json(64);
        ingress = new Ingress(json);
        pipeline = new Pipeline(
                ingress,
                dev.sovereign.classify.Classifier.defaults(),
                policy,
                null,
                Map.of(),
                null,
                null,
                null,
                json,
                io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
    }

    private static InboundRequest messages(String text) {
        String body = Http.anthropicBody("claude-sonnet-4-5", text, false);
        return ingress.parse(Operation.MESSAGES, Buffer.buffer(body), null);
    }

    private static Pipeline.Decided decide(InboundRequest request, MultiMap headers) {
        return pipeline.decide(request, headers, Principal.LOCAL);
    }

    private static MultiMap noHeaders() {
        return MultiMap.caseInsensitiveMultiMap();
    }

    @Test
    void aSecretAnywhereIsBlockedBeforeAnythingIsRecorded() {
        Pipeline.Decided d = decide(messages("deploy with AKIAIOSFODNN7EXAMPLE please"), noHeaders());
        assertThat(d.decision().action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(d.decision().ruleId()).isEqualTo("secrets-never-leave");
        assertThat(d.classification().categoryCounts()).containsKey("secret.aws_access_key");
        assertThat(d.checks()).isNotEmpty();
        assertThat(d.policyDigest()).hasSize(64);
    }

    @Test
    void theClientHeadersPassedOnAreClassifiedToo() {
        MultiMap headers = noHeaders().add("anthropic-beta", "tools-2024-04-04,AKIAIOSFODNN7EXAMPLE");
        Pipeline.Decided d = decide(messages("Hello there"), headers);
        assertThat(d.decision().ruleId()).isEqualTo("secrets-never-leave");
        Pipeline.Decided clean = decide(messages("Hello there"), noHeaders());
        assertThat(clean.decision().action()).isEqualTo(Decision.Action.FORWARD);
        assertThat(clean.decision().ruleId()).isEqualTo("everything-else");
    }

    @Test
    void healthDataGoesToTheSelfHostedModelAndLabelsAreCounted() {
        MultiMap headers = noHeaders().add(Pipeline.LABELS_HEADER, "Confidential, hr");
        Pipeline.Decided d = decide(messages("My patient has diabetes and asthma."), headers);
        assertThat(d.decision().action()).isEqualTo(Decision.Action.FORWARD);
        assertThat(d.decision().providerId()).isEqualTo("local");
        assertThat(d.decision().upstreamModel()).isEqualTo("llama3.1:8b");
        assertThat(d.classification().categoryCounts())
                .containsKeys("special.health", "label.confidential", "label.hr");
    }

    @Test
    void personalDataIsPseudonymizedInTheRequestThatLeavesAndCanBePutBack() {
        InboundRequest request = messages("Please write to jean.martin@example.org about the order.");
        Pipeline.Decided d = decide(request, noHeaders());
        assertThat(d.decision().ruleId()).isEqualTo("personal-data-pseudonymized");
        Transformed transformed = pipeline.transform(request, d.classification(), d.decision());
        String leaving = transformed.request().raw().toString();
        assertThat(leaving).doesNotContain("jean.martin@example.org").contains("EMAIL_1");
        assertThat(request.raw().toString()).contains("jean.martin@example.org");
        assertThat(transformed.answerRestorer()).isNotNull();
        assertThat(transformed.answerRestorer()).isNotSameAs(transformed.answerRestorer());
    }

    @Test
    void aRequestWithNothingToReplaceLeavesAsItCame() {
        InboundRequest request = messages("What is the capital of France?");
        Pipeline.Decided d = decide(request, noHeaders());
        Transformed transformed = pipeline.transform(request, d.classification(), d.decision());
        assertThat(transformed.request()).isSameAs(request);
        assertThat(transformed.answerRestorer()).isNull();
    }
}
