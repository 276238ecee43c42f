package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anthropicRequestYieldsEveryTextPartWithItsPointerAndMarksBinaryParts() throws Exception {
        JsonNode body = JSON.readTree("""
                {"model":"claude","system":[{"type":"text","text":"You are helpful"}],
                 "messages":[
                  {"role":"user","content":"plain"},
                  {"role":"user","content":[
                    {"type":"text","text":"look"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc text"}},
                    {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
                    {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"result"}]}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"lookup",
                    "input":{"query":"q","a/b":["x"]}}]}]}
                """);
        assertThat(RequestText.fromAnthropic(body))
                .extracting(TextSegment::path, TextSegment::text, TextSegment::binary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/system/0/text", "You are helpful", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/0/content", "plain", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/0/text", "look", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/1", "", true),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/2/source/data", "doc text", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/3", "", true),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/4/content/0/text", "result", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/2/content/0/input/query", "q", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/2/content/0/input/a~1b/0", "x", false));
    }

    @Test
    void openAiChatAndEmbeddingsRequests() throws Exception {
        JsonNode chat = JSON.readTree("""
                {"model":"gpt","messages":[
                  {"role":"system","content":"sys"},
                  {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
                    "function":{"name":"f","arguments":"{\\"iban\\":\\"x\\"}"}}]}]}
                """);
        assertThat(RequestText.fromOpenAi(chat))
                .extracting(TextSegment::path, TextSegment::binary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/messages/0/content", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/0/text", false),
                        org.assertj.core.groups.Tuple.tuple("/messages/1/content/1", true),
                        org.assertj.core.groups.Tuple.tuple("/messages/2/tool_calls/0/function/arguments", false));
        JsonNode embeddings = JSON.readTree("{\"model\":\"e\",\"input\":[\"a\",\"b\"]}");
        assertThat(RequestText.fromOpenAi(embeddings))
                .extracting(TextSegment::path)
                .containsExactly("/input/0", "/input/1");
    }
}
