package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Personal data is pseudonymized before it leaves and restored in the answer, through the official SDKs, streaming
 * included: the upstream sees placeholders only, the client reads its own values back. The fake upstream echoes the
 * prompt, as a model that repeats names and addresses does, and streams it in small fragments, so placeholders are
 * cut across deltas.
 */
class PseudonymizationTest {
    static final String EMAIL = "jane.doe@example.org";
    static final String IBAN = "DE89370400440532013000";
    static final String PROMPT =
            "Please write to " + EMAIL + " that the refund to " + IBAN + " was sent, and cc " + EMAIL + ".";
    static final String POLICY = """
            rules:
              - id: personal-data-pseudonymized
                when: categories.exists(c, c.startsWith('pii.') || c.startsWith('financial.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*, financial.*]
              - id: secrets-masked
                when: categories.exists(c, c.startsWith('secret.'))
                action: redact
                mode: mask
                categories: [secret.*]
              - id: rest
                action: forward
            """;

    static GatewayFixture fixture;
    static AnthropicClient anthropic;
    static OpenAIClient openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("policy.yaml", POLICY));
        anthropic = fixture.anthropicClient();
        openai = fixture.openAiClient();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    static void upstreamSawPlaceholdersOnly() {
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        String body = up.bodyAsString();
        assertThat(body)
                .doesNotContain(EMAIL)
                .doesNotContain(IBAN)
                .contains("⟦EMAIL_1⟧")
                .contains("⟦IBAN_1⟧");
        assertThat(body.indexOf("⟦EMAIL_1⟧")).isNotEqualTo(body.lastIndexOf("⟦EMAIL_1⟧"));
    }

    static MessageCreateParams anthropicParams(String text) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addUserMessage(text)
                .build();
    }

    @Test
    void anthropicNonStreamingAnswerHasTheValuesBack() {
        var message = anthropic.messages().create(anthropicParams(PROMPT));
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: " + PROMPT);
        upstreamSawPlaceholdersOnly();
    }

    @Test
    void anthropicStreamingAnswerHasTheValuesBack() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropic.messages().createStreaming(anthropicParams(PROMPT))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().get(0).text().orElseThrow().text())
                .isEqualTo("Echo: " + PROMPT);
        upstreamSawPlaceholdersOnly();
    }

    @Test
    void openAiNonStreamingAnswerHasTheValuesBack() {
        var completion = openai.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage(PROMPT)
                        .build());
        assertThat(completion.choices().get(0).message().content()).contains("Echo: " + PROMPT);
        upstreamSawPlaceholdersOnly();
    }

    @Test
    void openAiStreamingAnswerHasTheValuesBack() {
        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage(PROMPT)
                        .build())) {
            stream.stream()
                    .forEach(chunk ->
                            chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("Echo: " + PROMPT);
        upstreamSawPlaceholdersOnly();
    }

    @Test
    void maskedValuesAreNeverRestored() {
        String prompt = "Use the token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB to clone";
        var message = anthropic.messages().create(anthropicParams(prompt));
        String answer = message.content().get(0).text().orElseThrow().text();
        assertThat(answer).doesNotContain("ghp_0123456789").contains("Echo: Use the token ");
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.bodyAsString()).doesNotContain("ghp_0123456789");
    }

    @Test
    void aRequestWithoutPersonalDataPassesByteForByte() {
        var message = anthropic.messages().create(anthropicParams("Write a haiku about autumn."));
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: Write a haiku about autumn.");
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.bodyAsString()).contains("Write a haiku about autumn.");
    }
}
