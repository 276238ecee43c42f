package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.TextSegment.Form;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestTextTest {
    private static final StrictJson JSON = new StrictJson(128);

    static JsonNode parse(String json) {
        return JSON.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyStringAndKeyIsReadWithItsPointerAndTheApisOwnWordsAreSkipped() {
        JsonNode body = parse("""
                {"model":"claude","system":[{"type":"text","text":"You are helpful"}],
                 "messages":[
                  {"role":"user","content":"plain"},
                  {"role":"user","content":[
                    {"type":"text","text":"look","citations":[{"cited_text":"quoted"}]},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc text"},"title":"T"},
                    {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"result"}]}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"lookup",
                    "input":{"query":"q","a/b":["x"],"name":"Jane"}}]}],
                 "tools":[{"name":"lookup","description":"Finds a customer","input_schema":{"type":"object",
                    "properties":{"email":{"type":"string","default":"d@example.org","enum":["e1"]}}}}],
                 "metadata":{"user_id":"u-42"},"x_unknown":{"nested":["deep"]}}
                """);
        assertThat(RequestText.of(body))
                .extracting(TextSegment::path, TextSegment::text, TextSegment::form)
                .containsExactly(
                        tuple("/model", "claude", Form.TEXT),
                        tuple("/system/0/text", "You are helpful", Form.TEXT),
                        tuple("/messages/0/content", "plain", Form.TEXT),
                        tuple("/messages/1/content/0/text", "look", Form.TEXT),
                        tuple("/messages/1/content/0/citations/0/cited_text", "quoted", Form.TEXT),
                        tuple("/messages/1/content/1/source/data", "doc text", Form.TEXT),
                        tuple("/messages/1/content/1/title", "T", Form.TEXT),
                        tuple("/messages/1/content/2/tool_use_id", "t1", Form.IDENTIFIER),
                        tuple("/messages/1/content/2/content/0/text", "result", Form.TEXT),
                        tuple("/messages/2/content/0/id", "t1", Form.IDENTIFIER),
                        tuple("/messages/2/content/0/name", "lookup", Form.IDENTIFIER),
                        tuple("/messages/2/content/0/input/query", "query", Form.KEY),
                        tuple("/messages/2/content/0/input/query", "q", Form.TEXT),
                        tuple("/messages/2/content/0/input/a~1b", "a/b", Form.KEY),
                        tuple("/messages/2/content/0/input/a~1b/0", "x", Form.TEXT),
                        // inside a tool's input a "name" is the user's data, replaceable like any text
                        tuple("/messages/2/content/0/input/name", "Jane", Form.TEXT),
                        tuple("/tools/0/name", "lookup", Form.IDENTIFIER),
                        tuple("/tools/0/description", "Finds a customer", Form.TEXT),
                        tuple("/tools/0/input_schema/properties/email/default", "d@example.org", Form.TEXT),
                        tuple("/tools/0/input_schema/properties/email/enum/0", "e1", Form.TEXT),
                        tuple("/metadata/user_id", "u-42", Form.TEXT),
                        tuple("/x_unknown", "x_unknown", Form.KEY),
                        tuple("/x_unknown/nested", "nested", Form.KEY),
                        tuple("/x_unknown/nested/0", "deep", Form.TEXT));
    }

    @Test
    void numbersAreReadAsTheDigitsTheyDenote() {
        JsonNode body = parse("""
                {"max_tokens":1024,"input":{"card":4111111111111111,"big":123456789012345678901234567890,
                 "exp":4.111111111111111e15,"neg":-0.5,"whole":4111111111111111.0,"tenths":41111111111111110E-1,
                 "tiny":1e-100000000,"huge":1e100000000}}
                """);
        assertThat(RequestText.of(body))
                .filteredOn(s -> s.form() == Form.NUMBER)
                .extracting(TextSegment::path, TextSegment::text)
                .containsExactly(
                        tuple("/max_tokens", "1024"),
                        tuple("/input/card", "4111111111111111"),
                        tuple("/input/big", "123456789012345678901234567890"),
                        tuple("/input/exp", "4111111111111111"),
                        tuple("/input/neg", "-0.5"),
                        tuple("/input/whole", "4111111111111111"),
                        tuple("/input/tenths", "4111111111111111"),
                        tuple("/input/tiny", "1E-100000000"),
                        tuple("/input/huge", "1E+100000000"));
    }

    @Test
    void openAiNamesAndCallIdsAreIdentifiersAndArgumentsTextWhateverTheirShape() {
        JsonNode body = parse("""
                {"model":"gpt","user":"jane@example.org","messages":[
                  {"role":"user","name":"Jane_Doe","content":[{"type":"text","text":"hi"},
                    {"type":"image_url","image_url":{"url":"https://example.org/a%40b.png","detail":"auto"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"f","arguments":{"iban":"x"}}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"done"}],
                 "stop":["STOP"],"response_format":{"type":"json_schema","json_schema":{"name":"out","schema":{}}}}
                """);
        assertThat(RequestText.of(body))
                .extracting(TextSegment::path, TextSegment::form)
                .containsExactly(
                        tuple("/model", Form.TEXT),
                        tuple("/user", Form.TEXT),
                        tuple("/messages/0/name", Form.IDENTIFIER),
                        tuple("/messages/0/content/0/text", Form.TEXT),
                        tuple("/messages/0/content/1/image_url/url", Form.TEXT),
                        tuple("/messages/1/tool_calls/0/id", Form.IDENTIFIER),
                        tuple("/messages/1/tool_calls/0/function/name", Form.IDENTIFIER),
                        tuple("/messages/1/tool_calls/0/function/arguments/iban", Form.KEY),
                        tuple("/messages/1/tool_calls/0/function/arguments/iban", Form.TEXT),
                        tuple("/messages/2/tool_call_id", Form.IDENTIFIER),
                        tuple("/messages/2/content", Form.TEXT),
                        tuple("/stop/0", Form.TEXT),
                        tuple("/response_format/json_schema/name", Form.IDENTIFIER));
    }

    @Test
    void embeddingsInputsAreTextAndTokenArraysNumbers() {
        assertThat(RequestText.of(parse("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"user\":\"u\"}")))
                .extracting(TextSegment::path)
                .containsExactly("/model", "/input/0", "/input/1", "/user");
        assertThat(RequestText.of(parse("{\"model\":\"e\",\"input\":[[101,2023]]}")))
                .extracting(TextSegment::path, TextSegment::form)
                .containsExactly(
                        tuple("/model", Form.TEXT), tuple("/input/0/0", Form.NUMBER), tuple("/input/0/1", Form.NUMBER));
    }

    @Test
    void aBodyOfMorePiecesThanTheLimitIsRefused() {
        StringBuilder many = new StringBuilder("{\"input\":[");
        for (int k = 0; k <= RequestText.MAX_PIECES; k++)
            many.append(k == 0 ? "" : ",").append('7');
        JsonNode body = parse(many.append("]}").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestText.of(body))
                .isInstanceOf(RequestText.TooManyPiecesException.class)
                .hasMessageContaining("more than 2000000");
        assertThat(RequestText.of(parse("{\"input\":[7,7,7]}"))).hasSize(3);
    }
}
