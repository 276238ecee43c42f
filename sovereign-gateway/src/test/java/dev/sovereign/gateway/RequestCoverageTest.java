package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.testing.RecordedRequest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What leaves is what was scanned: under the built-in default policy (secrets blocked, special categories kept on the
 * self-hosted model, personal and financial data pseudonymized), data placed anywhere in a request — fields the
 * gateway has no special knowledge of, object keys, numbers, encoded payloads, text obfuscated with invisible or
 * look-alike characters, values split between blocks — is refused, rerouted or replaced, and a body that a provider
 * could read differently from the gateway is refused. Each case checks what the fake upstream received, read in every
 * form a normalising reader recovers ({@link Leaks}).
 */
class RequestCoverageTest {
    static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
    static final String HEALTH = "the patient has HIV";
    static final String EMAIL = "jane.doe@example.org";

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(
                Map.of("providers.yaml", DefaultPolicyTest.PROVIDERS),
                Map.of(DefaultPolicy.LOCAL_MODEL_ENV, "llama3.1:8b"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    enum Outcome {
        /** 403, nothing reaches a provider. */
        BLOCKED,
        /** Forwarded to the self-hosted model only. */
        LOCAL,
        /** Forwarded with the value replaced: no form of it reaches the provider. */
        HIDDEN,
        /** 400 before anything is decided: the body is not one strict reading. */
        REFUSED
    }

    static final String MESSAGES = "/v1/messages";
    static final String CHAT = "/v1/chat/completions";

    /** An Anthropic request to Claude with {@code extra} members added at the top. */
    static String anthropic(String extra) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** An Anthropic request to Claude with these messages. */
    static String anthropicMessages(String messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[" + messages + "]}";
    }

    static String openAi(String extra) {
        return "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String openAiMessages(String messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"messages\":[" + messages + "]}";
    }

    static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String toolTurn(String input) {
        return "{\"role\":\"user\",\"content\":\"look it up\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"lookup\","
                + "\"input\":" + input + "}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"ok\"}]}";
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-page PDF showing {@code text}, base64-encoded, made with PDFBox. */
    static String pdf(String text) {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(
                        new org.apache.pdfbox.pdmodel.font.PDType1Font(
                                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA),
                        12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            var out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void personalDataInAPdfWhichCannotBeRewrittenBlocksThePseudonymizingRule() {
        Http.Response r = Http.send(post(
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                                + "\"base64\",\"media_type\":\"application/pdf\",\"data\":"
                                + q(pdf("Invoice for " + EMAIL)) + "}},{\"type\":\"text\",\"text\":\"summarise\"}]}"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("error").path("message").asText())
                .contains("document text at /messages/0/content/0/source/data");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // one reading of the request
                Arguments.of(
                        "a repeated messages key",
                        MESSAGES,
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":"
                                + q("my AWS key is " + SECRET + "; " + HEALTH)
                                + "}],\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
                        Outcome.REFUSED,
                        SECRET),
                Arguments.of(
                        "a repeated content key",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":" + q(SECRET) + ",\"content\":\"hi\"}"),
                        Outcome.REFUSED,
                        SECRET),
                Arguments.of(
                        "a repeated type key",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":" + q(SECRET)
                                + ",\"type\":\"image\"}]}"),
                        Outcome.REFUSED,
                        SECRET),
                Arguments.of(
                        "a repeated messages key in chat completions",
                        CHAT,
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":" + q(SECRET)
                                + "}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        Outcome.REFUSED,
                        SECRET),
                Arguments.of(
                        "a second JSON value",
                        MESSAGES,
                        anthropic("") + "{\"k\":" + q(SECRET) + "}",
                        Outcome.REFUSED,
                        SECRET),
                Arguments.of(
                        "a NUL and a secret after the value",
                        MESSAGES,
                        anthropic("") + "\u0000" + SECRET,
                        Outcome.REFUSED,
                        SECRET),
                // fields the gateway has no special knowledge of: Anthropic
                Arguments.of(
                        "a tool description",
                        MESSAGES,
                        anthropic("\"tools\":[{\"name\":\"t\",\"description\":" + q("key " + SECRET)
                                + ",\"input_schema\":{\"type\":\"object\"}}]"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a key of a tool call's input",
                        MESSAGES,
                        anthropicMessages(toolTurn("{" + q(HEALTH) + ":true}")),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "an MCP server's authorization token",
                        MESSAGES,
                        anthropic(
                                "\"mcp_servers\":[{\"type\":\"url\",\"url\":\"https://mcp.example.com/sse\",\"name\":\"m\","
                                        + "\"authorization_token\":" + q(SECRET) + "}]"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "the tools of count_tokens",
                        "/v1/messages/count_tokens",
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                                + "\"tools\":[{\"name\":\"t\",\"description\":" + q(SECRET)
                                + ",\"input_schema\":{\"type\":\"object\"}}]}",
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "an input schema's default and enum",
                        MESSAGES,
                        anthropic(
                                "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"to\":"
                                        + "{\"type\":\"string\",\"default\":" + q(EMAIL) + ",\"enum\":[" + q(EMAIL)
                                        + "]}}}}]"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "a search result block",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"search_result\",\"source\":"
                                + "\"https://kb.example.com/1\",\"title\":\"Contact\",\"content\":[{\"type\":\"text\",\"text\":"
                                + q("write to " + EMAIL) + "}]},{\"type\":\"text\",\"text\":\"who?\"}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "an image URL source",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\","
                                        + "\"url\":\"https://img.example.com/u/jane.doe%40example.org.png\"}}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "metadata.user_id",
                        MESSAGES,
                        anthropic("\"metadata\":{\"user_id\":" + q(EMAIL) + "}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "stop_sequences",
                        MESSAGES,
                        anthropic("\"stop_sequences\":[" + q(EMAIL) + "]"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "a citation's cited text",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
                                        + "\"text\",\"text\":\"see\",\"citations\":[{\"type\":\"char_location\",\"cited_text\":"
                                        + q(EMAIL)
                                        + ",\"document_index\":0,\"start_char_index\":0,\"end_char_index\":5}]}]},"
                                        + "{\"role\":\"user\",\"content\":\"ok\"}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "redacted thinking",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
                                        + "\"redacted_thinking\",\"data\":" + q(SECRET)
                                        + "}]},{\"role\":\"user\",\"content\":\"ok\"}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of("container", MESSAGES, anthropic("\"container\":" + q(SECRET)), Outcome.BLOCKED, SECRET),
                Arguments.of(
                        "an unknown field",
                        MESSAGES,
                        anthropic("\"x_note\":{\"text\":" + q(HEALTH) + "}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "a card number written as a number",
                        MESSAGES,
                        anthropicMessages(toolTurn("{\"card\":4111111111111111}")),
                        Outcome.HIDDEN,
                        "4111111111111111"),
                Arguments.of(
                        "an email as an object key",
                        MESSAGES,
                        anthropicMessages(toolTurn("{" + q(EMAIL) + ":\"x\"}")),
                        Outcome.BLOCKED,
                        EMAIL),
                // fields the gateway has no special knowledge of: OpenAI
                Arguments.of(
                        "a message's name",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"name\":" + q(SECRET) + ",\"content\":\"hi\"}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a function's description and a parameter's default",
                        CHAT,
                        openAi(
                                "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"mail\","
                                        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\","
                                        + "\"default\":" + q(EMAIL) + "}}}}}]"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "legacy functions",
                        CHAT,
                        openAi("\"functions\":[{\"name\":\"f\",\"description\":" + q(SECRET)
                                + ",\"parameters\":{\"type\":\"object\"}}],\"function_call\":\"auto\""),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "tool call arguments sent as an object",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":null,"
                                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                                + "\"arguments\":{\"to\":" + q(EMAIL)
                                + "}}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                                + "\"content\":\"sent\"}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "an assistant's refusal",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":null,"
                                + "\"refusal\":" + q("I will not mail " + EMAIL)
                                + "},{\"role\":\"user\",\"content\":\"ok\"}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of("user", CHAT, openAi("\"user\":" + q(EMAIL)), Outcome.HIDDEN, EMAIL),
                Arguments.of(
                        "safety_identifier", CHAT, openAi("\"safety_identifier\":" + q(EMAIL)), Outcome.HIDDEN, EMAIL),
                Arguments.of(
                        "metadata", CHAT, openAi("\"metadata\":{\"owner\":" + q(EMAIL) + "}"), Outcome.HIDDEN, EMAIL),
                Arguments.of(
                        "prediction content",
                        CHAT,
                        openAi("\"prediction\":{\"type\":\"content\",\"content\":" + q(EMAIL) + "}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of("stop", CHAT, openAi("\"stop\":[" + q(EMAIL) + "]"), Outcome.HIDDEN, EMAIL),
                Arguments.of(
                        "a response format's schema",
                        CHAT,
                        openAi(
                                "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"o\",\"schema\":"
                                        + "{\"type\":\"object\",\"description\":" + q(SECRET) + "}}}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "an image_url URL",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
                                + "\"https://img.example.com/?owner=jane.doe%40example.org\"}}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "a file's filename",
                        CHAT,
                        openAiMessages(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\","
                                        + "\"filename\":" + q(EMAIL + ".txt") + "}}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "an unknown content part",
                        CHAT,
                        openAiMessages(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"x_note\",\"x_note\":" + q(HEALTH) + "}]}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "web search options",
                        CHAT,
                        openAi("\"web_search_options\":{\"user_location\":{\"type\":\"approximate\",\"approximate\":"
                                + "{\"city\":" + q(HEALTH) + "}}}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "a document URL source",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                                + "\"url\",\"url\":\"https://docs.example.com/get?owner=jane.doe%40example.org\"}}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "embeddings user",
                        "/v1/embeddings",
                        "{\"model\":\"claude-sonnet-4-5\",\"input\":\"hello\",\"user\":" + q(SECRET) + "}",
                        Outcome.BLOCKED,
                        SECRET),
                // encoded text
                Arguments.of(
                        "a PDF document's text",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                                + "\"base64\",\"media_type\":\"application/pdf\",\"data\":"
                                + q(pdf("Deployment notes. Access key " + SECRET)) + "}}]}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a PDF sent as an OpenAI file",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"filename\":"
                                + "\"r.pdf\",\"file_data\":"
                                + q("data:application/pdf;base64," + pdf("Report: " + HEALTH))
                                + "}}]}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "a base64 text/plain document",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                                + "\"base64\",\"media_type\":\"text/plain\",\"data\":" + q(b64("config: " + SECRET))
                                + "}},"
                                + "{\"type\":\"text\",\"text\":\"summarise\"}]}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "text disguised as a PNG image",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":"
                                + "\"base64\",\"media_type\":\"image/png\",\"data\":" + q(b64("key " + SECRET))
                                + "}}]}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a data:text/plain URL",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
                                + q("data:text/plain;base64," + b64(HEALTH)) + "}}]}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "the file_data of a text file",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"filename\":"
                                + "\"notes.txt\",\"file_data\":"
                                + q("data:text/plain;base64," + b64("mail " + EMAIL + " now"))
                                + "}},{\"type\":\"text\",\"text\":\"read it\"}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "a base64 JSON document",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                                + "\"base64\",\"media_type\":\"application/json\",\"data\":"
                                + q(b64("{\"owner\":\"" + EMAIL + "\"}")) + "}}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "an HTML-entity email in a URL",
                        MESSAGES,
                        anthropic("\"metadata\":{\"user_id\":\"https://crm.example.com/?u=jane.doe&#64;example.org\"}"),
                        Outcome.HIDDEN,
                        EMAIL),
                // Unicode evasion
                Arguments.of(
                        "a zero-width space in an email's domain",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":" + q("mail jane.doe@exam\u200bple.org") + "}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "a zero-width space in an email's local part",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":" + q("mail jane\u200b.doe@example.org") + "}"),
                        Outcome.HIDDEN,
                        "jane"),
                Arguments.of(
                        "a soft hyphen in an IBAN",
                        CHAT,
                        openAiMessages(
                                "{\"role\":\"user\",\"content\":" + q("pay DE89 3704\u00ad0044 0532 0130 00") + "}"),
                        Outcome.HIDDEN,
                        "DE89370400440532013000"),
                Arguments.of(
                        "an IBAN grouped with no-break spaces",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":"
                                + q("pay DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000") + "}"),
                        Outcome.HIDDEN,
                        "DE89\u00a03704\u00a00044"),
                Arguments.of(
                        "an IBAN in lower case",
                        CHAT,
                        openAiMessages(
                                "{\"role\":\"user\",\"content\":" + q("pay de89 3704 0044 0532 0130 00 today") + "}"),
                        Outcome.HIDDEN,
                        "de89 3704 0044 0532 0130 00"),
                Arguments.of(
                        "a zero-width joiner in an AWS key",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":" + q("key AKIA\u200dIOSFODNN7EXAMPLE") + "}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a soft hyphen in a health term",
                        MESSAGES,
                        anthropicMessages("{\"role\":\"user\",\"content\":" + q("the patient has HI\u00adV") + "}"),
                        Outcome.LOCAL,
                        HEALTH),
                Arguments.of(
                        "a fullwidth at sign",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":" + q("mail jane.doe\uff20example.org") + "}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "fullwidth letters and digits",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":"
                                + q("key \uff21\uff2b\uff29\uff21IOSFODNN7EXAMPLE") + "}"),
                        Outcome.BLOCKED,
                        SECRET),
                Arguments.of(
                        "a Cyrillic letter in a domain",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":" + q("mail jane.doe@ex\u0430mple.org") + "}"),
                        Outcome.HIDDEN,
                        EMAIL),
                // values split between blocks or messages
                Arguments.of(
                        "an email split between two text blocks",
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"write to jane.doe@exa\"},"
                                        + "{\"type\":\"text\",\"text\":\"mple.org today\"}]}"),
                        Outcome.HIDDEN,
                        EMAIL),
                Arguments.of(
                        "an AWS key split between two messages",
                        CHAT,
                        openAiMessages("{\"role\":\"user\",\"content\":\"my key is AKIAIOSFOD\"},"
                                + "{\"role\":\"user\",\"content\":\"NN7EXAMPLE, keep it\"}"),
                        Outcome.BLOCKED,
                        SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noPlantedValueReachesAProviderThePolicyForbids(
            String name, String path, String body, Outcome outcome, String value) {
        Http.Response r = Http.send(post(path, body).build());
        List<RecordedRequest> received = fixture.upstream().requests();
        switch (outcome) {
            case REFUSED -> {
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(r.body()).contains("sovereign.invalid_json").doesNotContain(value);
                assertThat(received).isEmpty();
            }
            case BLOCKED -> {
                assertThat(r.status()).as(r.body()).isEqualTo(403);
                assertThat(r.body()).doesNotContain(value);
                assertThat(received).isEmpty();
            }
            case LOCAL -> {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.header("x-sovereign-route")).isEqualTo("local");
                assertThat(received).hasSize(1);
                assertThat(received.get(0).json().path("model").asText()).isEqualTo("llama3.1:8b");
            }
            case HIDDEN -> {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.header("x-sovereign-route")).isEqualTo("anthropic");
                assertThat(received).hasSize(1);
                assertThat(Leaks.readable(received.get(0).json())).doesNotContain(Leaks.normalise(value));
            }
        }
    }

    @Test
    void aRefusalNamesTheProblemAndItsPathInTheCallersFormat() {
        Http.Response anthropic =
                Http.send(post(MESSAGES, anthropicMessages("{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}"))
                        .build());
        assertThat(anthropic.status()).isEqualTo(400);
        assertThat(anthropic.json().path("type").asText()).isEqualTo("error");
        assertThat(anthropic.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(anthropic.json().path("error").path("message").asText()).contains("/messages/0/content", "twice");

        Http.Response openAi = Http.send(Http.post(fixture.openAiBaseUrl() + "/chat/completions", openAi("") + " {}")
                .build());
        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.json().path("error").path("code").asText()).isEqualTo("sovereign.invalid_json");
        assertThat(openAi.json().path("error").path("message").asText()).contains("more after its JSON value");
    }

    @Test
    void aValueInAnObjectKeyThatWouldBeRedactedBlocksSayingWhy() {
        Http.Response r = Http.send(post(MESSAGES, anthropicMessages(toolTurn("{" + q(EMAIL) + ":\"x\"}")))
                .build());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("x-sovereign-rule")).isEqualTo("personal-data-pseudonymized");
        assertThat(r.json().path("error").path("message").asText())
                .contains("pii.email", "key at /messages/1/content/0/input/")
                .doesNotContain(EMAIL);
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void bothPartsOfASplitValueAreReplaced() {
        Http.Response r = Http.send(post(
                        MESSAGES,
                        anthropicMessages(
                                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"write to jane.doe@exa\"},"
                                        + "{\"type\":\"text\",\"text\":\"mple.org today\"}]}"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode content = fixture.upstream()
                .requests()
                .get(0)
                .json()
                .path("messages")
                .get(0)
                .path("content");
        assertThat(content.get(0).path("text").asText()).isEqualTo("write to ⟦EMAIL_1⟧");
        assertThat(content.get(1).path("text").asText()).isEqualTo("⟦EMAIL_2⟧ today");
    }

    @Test
    void aBodyThatPassesIsForwardedByteForByteWithItsUnknownFields() {
        String body = anthropic("\"x_vendor_flag\":{\"a\":[1,2.50,true,null]}").replace(",", ", ");
        Http.Response r = Http.send(post(MESSAGES, body).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(fixture.upstream().requests().get(0).bodyAsString()).isEqualTo(body);
    }

    @Test
    void theQueryStringAndForwardedHeadersAreReadToo() {
        Http.Response query = Http.send(Http.post(
                        fixture.baseUrl() + MESSAGES + "?beta=true&note=" + SECRET,
                        anthropic(""),
                        "anthropic-version",
                        "2023-06-01")
                .build());
        assertThat(query.status()).as(query.body()).isEqualTo(403);
        Http.Response header = Http.send(Http.post(
                        fixture.baseUrl() + MESSAGES,
                        anthropic(""),
                        "anthropic-version",
                        "2023-06-01",
                        "anthropic-beta",
                        "tools-2024-04-04," + SECRET)
                .build());
        assertThat(header.status()).as(header.body()).isEqualTo(403);
        assertThat(fixture.upstream().requests()).isEmpty();

        Http.Response beta = Http.send(Http.post(
                        fixture.baseUrl() + MESSAGES + "?beta=true",
                        anthropic(""),
                        "anthropic-version",
                        "2023-06-01",
                        "anthropic-beta",
                        "prompt-caching-2024-07-31,interleaved-thinking-2025-05-14")
                .build());
        assertThat(beta.status()).as(beta.body()).isEqualTo(200);
        assertThat(beta.header("x-sovereign-rule")).isEqualTo("everything-else");
    }

    @Test
    void theAnthropicSdkSendingASecretInAToolDescriptionIsRefused() {
        var params = com.anthropic.models.messages.MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(64)
                .addTool(com.anthropic.models.messages.Tool.builder()
                        .name("deploy")
                        .description("Deploys with key " + SECRET)
                        .inputSchema(com.anthropic.models.messages.Tool.InputSchema.builder()
                                .properties(com.anthropic.core.JsonValue.from(Map.of("env", Map.of("type", "string"))))
                                .build())
                        .build())
                .addUserMessage("deploy to staging")
                .build();
        assertThatThrownBy(() -> fixture.anthropicClient().messages().create(params))
                .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class)
                .hasMessageContaining("sovereign")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void theOpenAiSdkSendingAnEmailAsUserAndInMetadataHasItReplaced() {
        var completion = fixture.openAiClient()
                .chat()
                .completions()
                .create(com.openai.models.chat.completions.ChatCompletionCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .addUserMessage("hello")
                        .user(EMAIL)
                        .metadata(com.openai.models.chat.completions.ChatCompletionCreateParams.Metadata.builder()
                                .putAdditionalProperty("owner", com.openai.core.JsonValue.from(EMAIL))
                                .build())
                        .build());
        assertThat(completion.choices()).isNotEmpty();
        RecordedRequest up = fixture.upstream().requests().get(0);
        assertThat(Leaks.readable(up.json())).doesNotContain(Leaks.normalise(EMAIL));
        assertThat(up.json().path("user").asText()).isEqualTo("⟦EMAIL_1⟧");
    }

    /** A request built by hand, for shapes no SDK writes, with the headers of its API. */
    static HttpRequest.Builder post(String path, String body) {
        return path.startsWith(MESSAGES)
                ? Http.post(fixture.baseUrl() + path, body, "anthropic-version", "2023-06-01")
                : Http.post(fixture.baseUrl() + path, body);
    }
}
