package dev.sovereign.testing;

import static dev.sovereign.testing.Wire.ANTHROPIC;
import static dev.sovereign.testing.Wire.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingsAndModelsTest {

    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void embedsAnArrayOfStringsDeterministically() {
        String body = "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha\",\"beta\",\"alpha\"]}";

        JsonNode response = Wire.json(Wire.post(upstream, "/v1/embeddings", body, OPENAI));

        assertThat(response.path("object").asText()).isEqualTo("list");
        assertThat(response.path("model").asText()).isEqualTo("text-embedding-3-small");
        JsonNode data = response.path("data");
        assertThat(data).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(data.get(i).path("object").asText()).isEqualTo("embedding");
            assertThat(data.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(data.get(i).path("embedding")).hasSize(8);
        }
        assertThat(data.get(0).path("embedding")).isEqualTo(data.get(2).path("embedding"));
        assertThat(data.get(0).path("embedding")).isNotEqualTo(data.get(1).path("embedding"));
        assertThat(response.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(response.path("usage").path("total_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void base64DecodesToTheSameLittleEndianFloats() {
        JsonNode floats = Wire.json(Wire.post(
                        upstream,
                        "/v1/embeddings",
                        "{\"model\":\"e\",\"input\":\"the same text\",\"encoding_format\":\"float\"}",
                        OPENAI))
                .path("data")
                .get(0)
                .path("embedding");
        String base64 = Wire.json(Wire.post(
                        upstream,
                        "/v1/embeddings",
                        "{\"model\":\"e\",\"input\":\"the same text\",\"encoding_format\":\"base64\"}",
                        OPENAI))
                .path("data")
                .get(0)
                .path("embedding")
                .asText();

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(floats.size() * 4);
        double norm = 0;
        for (JsonNode value : floats) {
            float decoded = bytes.getFloat();
            assertThat(decoded).isEqualTo((float) value.asDouble());
            norm += decoded * decoded;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void acceptsTokenArraysAndDimensions() {
        JsonNode response = Wire.json(Wire.post(
                upstream, "/v1/embeddings", "{\"model\":\"e\",\"input\":[[1,2,3],[4]],\"dimensions\":16}", OPENAI));

        assertThat(response.path("data")).hasSize(2);
        assertThat(response.path("data").get(1).path("embedding")).hasSize(16);
        assertThat(response.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void rejectsBadEmbeddingRequests() {
        HttpResponse<String> noInput = Wire.post(upstream, "/v1/embeddings", "{\"model\":\"e\"}", OPENAI);
        HttpResponse<String> badFormat = Wire.post(
                upstream, "/v1/embeddings", "{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"int8\"}", OPENAI);
        HttpResponse<String> noKey = Wire.post(upstream, "/v1/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");

        assertThat(noInput.statusCode()).isEqualTo(400);
        assertThat(Wire.json(noInput).path("error").path("param").asText()).isEqualTo("input");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void listsModelsInTheAnthropicShapeWhenTheVersionHeaderIsPresent() {
        JsonNode list = Wire.json(Wire.get(upstream, "/v1/models", ANTHROPIC));

        assertThat(list.path("has_more").asBoolean(true)).isFalse();
        assertThat(list.path("first_id").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(list.path("last_id").asText()).isEqualTo("llama3.1:8b");
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("type").asText()).isEqualTo("model");
        assertThat(first.path("display_name").asText()).isEqualTo("Claude Sonnet 4.5");
        assertThat(first.path("created_at").asText()).isEqualTo("2025-09-29T00:00:00Z");
        assertThat(list.path("data"))
                .extracting(m -> m.path("id").asText())
                .contains("claude-haiku-4-5-20251001", "gpt-4o-mini", "mistral-small-latest");
    }

    @Test
    void listsModelsInTheOpenAiShapeOtherwise() {
        JsonNode list = Wire.json(Wire.get(upstream, "/v1/models", OPENAI));

        assertThat(list.path("object").asText()).isEqualTo("list");
        JsonNode model = list.path("data").get(2);
        assertThat(model.path("id").asText()).isEqualTo("gpt-4o-mini");
        assertThat(model.path("object").asText()).isEqualTo("model");
        assertThat(model.path("created").asLong()).isPositive();
        assertThat(model.path("owned_by").asText()).isNotEmpty();
    }

    @Test
    void getsOneModelOrA404InTheMatchingShape() {
        JsonNode anthropic = Wire.json(Wire.get(upstream, "/v1/models/claude-haiku-4-5-20251001", ANTHROPIC));
        JsonNode openAi = Wire.json(Wire.get(upstream, "/v1/models/llama3.1%3A8b", OPENAI));
        HttpResponse<String> anthropicMissing = Wire.get(upstream, "/v1/models/nope", ANTHROPIC);
        HttpResponse<String> openAiMissing = Wire.get(upstream, "/v1/models/nope", OPENAI);

        assertThat(anthropic.path("type").asText()).isEqualTo("model");
        assertThat(openAi.path("id").asText()).isEqualTo("llama3.1:8b");
        assertThat(anthropicMissing.statusCode()).isEqualTo(404);
        assertThat(Wire.json(anthropicMissing).path("error").path("type").asText())
                .isEqualTo("not_found_error");
        assertThat(openAiMissing.statusCode()).isEqualTo(404);
        assertThat(Wire.json(openAiMissing).path("error").path("code").asText()).isEqualTo("model_not_found");
    }
}
