package dev.sovereign.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.TranslationOptions;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each direction of request translation does with each field it cannot map: refused with a 400 that names the
 * field (the first one met), or, with {@code drop_unsupported}, left out and listed. The golden transcripts show
 * what maps; this shows every refusal.
 */
class TranslatorRequestTest {
    final Json json = new Json(128);
    final Translator translator = new Translator(json, Clock.systemUTC());

    InboundRequest anthropic(String body) {
        return new Ingress(json).parse(Operation.MESSAGES, Buffer.buffer(body), null);
    }

    InboundRequest openAi(String body) {
        return new Ingress(json).parse(Operation.CHAT_COMPLETIONS, Buffer.buffer(body), null);
    }

    static final String ANTHROPIC_HEAD = "{\"model\":\"m\",\"max_tokens\":9,";
    static final String OPENAI_HEAD = "{\"model\":\"m\",";
    static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "top_k":5,                                                                                        | top_k cannot be sent to an OpenAI-format provider.
            "thinking":{"type":"enabled","budget_tokens":2048},                                               | thinking cannot be sent to an OpenAI-format provider.
            "service_tier":"standard_only",                                                                   | service_tier 'standard_only' cannot be sent to an OpenAI-format provider.
            "metadata":{"session":"s"},                                                                       | metadata.session cannot be sent to an OpenAI-format provider.
            "container":"c",                                                                                  | container cannot be sent to an OpenAI-format provider.
            "mcp_servers":[{"type":"url","url":"https://x","name":"x"}],                                      | mcp_servers cannot be sent to an OpenAI-format provider.
            "output_config":{"effort":"low"},                                                                 | output_config.effort cannot be sent to an OpenAI-format provider.
            "tools":[{"type":"web_search_20250305","name":"web_search"}],                                     | tools[0].type 'web_search_20250305' cannot be sent to an OpenAI-format provider.
            "tools":[{"name":"t","input_schema":{"type":"object"},"input_examples":[{}]}],                   | tools[0].input_examples cannot be sent to an OpenAI-format provider.
            "tool_choice":{"type":"auto","extra":1},                                                          | tool_choice.extra cannot be sent to an OpenAI-format provider.
            "system":[{"type":"text","text":"s","citations":[{"type":"char_location"}]}],                     | system[0].citations cannot be sent to an OpenAI-format provider.
            """)
    void anthropicFieldsAnOpenAiProviderCannotExpress(String field, String message) {
        InboundRequest request = anthropic(ANTHROPIC_HEAD + field + HI + "}");
        assertRefused(request, WireFormat.OPENAI, message);
        TranslatedRequest dropped = translator.request(request, WireFormat.OPENAI, new TranslationOptions(true, 9));
        assertThat(dropped.dropped()).hasSize(1);
        assertThat(message).startsWith(dropped.dropped().get(0));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"document","source":{"type":"text","media_type":"text/plain","data":"d"}}               | messages[0].content[0].type 'document' cannot be sent to an OpenAI-format provider.
            {"type":"image","source":{"type":"file","file_id":"file_1"}}                                      | messages[0].content[0].source.type 'file' cannot be sent to an OpenAI-format provider.
            {"type":"search_result","source":"s","title":"t","content":[]}                                   | messages[0].content[0].type 'search_result' cannot be sent to an OpenAI-format provider.
            {"type":"tool_result","tool_use_id":"t","content":"c","is_error":true}                            | messages[0].content[0].is_error cannot be sent to an OpenAI-format provider.
            {"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"url","url":"u"}}]} | messages[0].content[0].content[0].type 'image' cannot be sent to an OpenAI-format provider.
            {"type":"text","text":"t","citations":[{"type":"char_location"}]}                                | messages[0].content[0].citations cannot be sent to an OpenAI-format provider.
            """)
    void anthropicUserBlocksAnOpenAiProviderCannotExpress(String block, String message) {
        assertRefused(
                anthropic(ANTHROPIC_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":[" + block + "]}]}"),
                WireFormat.OPENAI,
                message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"thinking","thinking":"t","signature":"s"}                                                | messages[1].content[0].type 'thinking' cannot be sent to an OpenAI-format provider.
            {"type":"redacted_thinking","data":"d"}                                                           | messages[1].content[0].type 'redacted_thinking' cannot be sent to an OpenAI-format provider.
            {"type":"server_tool_use","id":"s","name":"web_search","input":{}}                                | messages[1].content[0].type 'server_tool_use' cannot be sent to an OpenAI-format provider.
            """)
    void anthropicAssistantBlocksAnOpenAiProviderCannotExpress(String block, String message) {
        assertRefused(
                anthropic(ANTHROPIC_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":[" + block + "]}]}"),
                WireFormat.OPENAI,
                message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "n":3,                                                                                            | n other than 1 cannot be sent to an Anthropic-format provider.
            "logprobs":true,                                                                                  | logprobs cannot be sent to an Anthropic-format provider.
            "top_logprobs":2,                                                                                 | top_logprobs cannot be sent to an Anthropic-format provider.
            "seed":42,                                                                                        | seed cannot be sent to an Anthropic-format provider.
            "presence_penalty":0.5,                                                                           | presence_penalty other than 0 cannot be sent to an Anthropic-format provider.
            "frequency_penalty":-1,                                                                           | frequency_penalty other than 0 cannot be sent to an Anthropic-format provider.
            "logit_bias":{"1":2},                                                                             | logit_bias cannot be sent to an Anthropic-format provider.
            "response_format":{"type":"json_object"},                                                         | response_format.type 'json_object' cannot be sent to an Anthropic-format provider.
            "audio":{"voice":"alloy","format":"mp3"},                                                         | audio cannot be sent to an Anthropic-format provider.
            "modalities":["text","audio"],                                                                    | modalities 'audio' cannot be sent to an Anthropic-format provider.
            "reasoning_effort":"low",                                                                         | reasoning_effort cannot be sent to an Anthropic-format provider.
            "prediction":{"type":"content","content":"x"},                                                    | prediction cannot be sent to an Anthropic-format provider.
            "web_search_options":{},                                                                          | web_search_options cannot be sent to an Anthropic-format provider.
            "store":true,                                                                                     | store cannot be sent to an Anthropic-format provider.
            "metadata":{"k":"v"},                                                                             | metadata cannot be sent to an Anthropic-format provider.
            "functions":[{"name":"f"}],                                                                       | functions cannot be sent to an Anthropic-format provider.
            "service_tier":"flex",                                                                            | service_tier 'flex' cannot be sent to an Anthropic-format provider.
            "verbosity":"low",                                                                                | verbosity cannot be sent to an Anthropic-format provider.
            "tools":[{"type":"custom","custom":{"name":"c"}}],                                                | tools[0].type 'custom' cannot be sent to an Anthropic-format provider.
            "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}},                | tool_choice.type 'allowed_tools' cannot be sent to an Anthropic-format provider.
            "response_format":{"type":"json_schema","json_schema":{"name":"n","description":"d","schema":{}}}, | response_format.json_schema.description cannot be sent to an Anthropic-format provider.
            """)
    void openAiFieldsAnAnthropicProviderCannotExpress(String field, String message) {
        InboundRequest request = openAi(OPENAI_HEAD + field + HI + "}");
        assertRefused(request, WireFormat.ANTHROPIC, message);
        TranslatedRequest dropped = translator.request(request, WireFormat.ANTHROPIC, new TranslationOptions(true, 9));
        assertThat(dropped.dropped()).hasSize(1);
        assertThat(message).startsWith(dropped.dropped().get(0));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"role":"user","name":"alice","content":"hi"}                                                     | messages[0].name cannot be sent to an Anthropic-format provider.
            {"role":"function","name":"f","content":"r"}                                                      | messages[0].role 'function' cannot be sent to an Anthropic-format provider.
            {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"d","format":"wav"}}]}      | messages[0].content[0].type 'input_audio' cannot be sent to an Anthropic-format provider.
            {"role":"user","content":[{"type":"file","file":{"file_id":"file-1"}}]}                           | messages[0].content[0].file without inline file_data cannot be sent to an Anthropic-format provider.
            {"role":"user","content":[{"type":"file","file":{"file_data":"data:text/csv;base64,YQ=="}}]}      | messages[0].content[0].file.file_data of a type other than PDF cannot be sent to an Anthropic-format provider.
            {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]} | messages[0].content[0].image_url.detail 'low' cannot be sent to an Anthropic-format provider.
            {"role":"assistant","content":"a","audio":{"id":"audio_1"}}                                       | messages[0].audio cannot be sent to an Anthropic-format provider.
            {"role":"assistant","content":null,"refusal":"no"}                                                | messages[0].refusal cannot be sent to an Anthropic-format provider.
            {"role":"assistant","content":[{"type":"refusal","refusal":"no"}]}                                | messages[0].content[0].type 'refusal' cannot be sent to an Anthropic-format provider.
            {"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{}"}}                 | messages[0].function_call cannot be sent to an Anthropic-format provider.
            {"role":"system","content":[{"type":"image_url","image_url":{"url":"u"}}]}                        | messages[0].content[0].type 'image_url' cannot be sent to an Anthropic-format provider.
            """)
    void openAiMessagesAnAnthropicProviderCannotExpress(String message, String expected) {
        assertRefused(openAi(OPENAI_HEAD + "\"messages\":[" + message + "]}"), WireFormat.ANTHROPIC, expected);
    }

    @Test
    void aBlockTypeThatIsNotAnIdentifierIsDescribedNotQuoted() {
        assertRefused(
                anthropic(ANTHROPIC_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"Dear Dr. Who, my"
                        + " diagnosis\"}]}]}"),
                WireFormat.OPENAI,
                "messages[0].content[0].type of another kind cannot be sent to an OpenAI-format provider.");
    }

    @Test
    void cachingHintsAreRemovedNotRefused() {
        TranslatedRequest a = translator.request(
                anthropic(ANTHROPIC_HEAD + "\"system\":[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":"
                        + "{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}]}"),
                WireFormat.OPENAI,
                TranslationOptions.DEFAULTS);
        assertThat(a.request().body().toString()).doesNotContain("cache_control");
        assertThat(a.dropped()).isEmpty();
        TranslatedRequest o = translator.request(
                openAi(OPENAI_HEAD + "\"prompt_cache_key\":\"k\"," + HI + "}"),
                WireFormat.ANTHROPIC,
                TranslationOptions.DEFAULTS);
        assertThat(o.request().body().has("prompt_cache_key")).isFalse();
    }

    @Test
    void anOpenAiRequestWithoutMaxTokensGetsTheProvidersDefault() {
        JsonNode sent = translator
                .request(openAi(OPENAI_HEAD + HI + "}"), WireFormat.ANTHROPIC, new TranslationOptions(false, 777))
                .request()
                .body();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(777);
        JsonNode legacy = translator
                .request(
                        openAi(OPENAI_HEAD + "\"max_tokens\":12," + HI + "}"),
                        WireFormat.ANTHROPIC,
                        TranslationOptions.DEFAULTS)
                .request()
                .body();
        assertThat(legacy.path("max_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void toolCallArgumentsThatAreNotAJsonObjectAreTheClientsError() {
        assertThatThrownBy(() -> translator.request(
                        openAi(OPENAI_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":"
                                + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"f\",\"arguments\":\"[1,2\"}}]}]}"),
                        WireFormat.ANTHROPIC,
                        TranslationOptions.DEFAULTS))
                .isInstanceOfSatisfying(
                        GatewayFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.INVALID_REQUEST))
                .hasMessage("messages[1].tool_calls[0].function.arguments: expected a JSON object, which an"
                        + " Anthropic-format provider requires.");
    }

    @Test
    void theTranslatedRequestCarriesWhatTheProvidersAdapterNeeds() {
        TranslatedRequest toAnthropic = translator.request(
                openAi(OPENAI_HEAD + "\"stream\":true," + HI + "}"), WireFormat.ANTHROPIC, TranslationOptions.DEFAULTS);
        assertThat(toAnthropic.request().operation()).isEqualTo(Operation.MESSAGES);
        assertThat(toAnthropic.request().stream()).isTrue();
        assertThat(toAnthropic.request().query()).isNull();
        assertThat(toAnthropic.headers().get("anthropic-version")).isEqualTo(Translator.ANTHROPIC_VERSION);
        assertThat(toAnthropic.answer().upstream()).isEqualTo(WireFormat.ANTHROPIC);

        TranslatedRequest toOpenAi = translator.request(
                anthropic(ANTHROPIC_HEAD + "\"stream\":true," + HI + "}"),
                WireFormat.OPENAI,
                TranslationOptions.DEFAULTS);
        assertThat(toOpenAi.request().operation()).isEqualTo(Operation.CHAT_COMPLETIONS);
        assertThat(toOpenAi.request().wantsUsageChunk())
                .as("the usage chunk is asked for in the body, so the adapter neither adds nor hides it")
                .isTrue();
        assertThat(toOpenAi.headers().isEmpty()).isTrue();
        assertThat(toOpenAi.answer().upstream()).isEqualTo(WireFormat.OPENAI);
    }

    @Test
    void onlyMessagesAndChatCompletionsTranslate() {
        InboundRequest count =
                new Ingress(json).parse(Operation.COUNT_TOKENS, Buffer.buffer("{\"model\":\"m\"," + HI + "}"), null);
        assertThatThrownBy(() -> translator.request(count, WireFormat.OPENAI, TranslationOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> translator.request(
                        openAi(OPENAI_HEAD + HI + "}"), WireFormat.OPENAI, TranslationOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageWithoutContentIsKeptForTheProviderToJudge() {
        JsonNode toOpenAi = translator
                .request(
                        anthropic(ANTHROPIC_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":null}]}"),
                        WireFormat.OPENAI,
                        TranslationOptions.DEFAULTS)
                .request()
                .body();
        assertThat(toOpenAi.path("messages").path(0).path("content").asText()).isEmpty();
        JsonNode toAnthropic = translator
                .request(
                        openAi(OPENAI_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":null}]}"),
                        WireFormat.ANTHROPIC,
                        TranslationOptions.DEFAULTS)
                .request()
                .body();
        assertThat(toAnthropic.path("messages").size()).isEqualTo(1);
        assertThat(toAnthropic.path("messages").path(0).path("content").isEmpty())
                .isTrue();
    }

    @Test
    void toolCallIdsAreKeptWhereAnthropicAcceptsThemAndMadeAcceptableElsewhere() {
        assertThat(OpenAiToAnthropicRequest.id("call_Ab-9")).isEqualTo("call_Ab-9");
        assertThat(OpenAiToAnthropicRequest.id("call:1/x.y")).isEqualTo("call_1_x_y");
        assertThat(OpenAiToAnthropicRequest.id("")).isEqualTo("_");
    }

    private void assertRefused(InboundRequest request, WireFormat target, String message) {
        assertThatThrownBy(() -> translator.request(request, target, TranslationOptions.DEFAULTS))
                .isInstanceOfSatisfying(
                        GatewayFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.UNTRANSLATABLE))
                .hasMessage(message);
    }
}
