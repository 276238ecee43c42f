package dev.sovereign.gateway.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Mistral's error shapes, as its API has sent them, read without ever keeping the {@code input} it echoes. */
class MistralErrorsTest {
    private final MistralErrors errors = new MistralErrors(new Json(64));

    private ProviderError read(int status, String body) {
        return errors.read(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBareDetailListIsA400NamingEachField() {
        ProviderError e = read(
                422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"messages\"],\"msg\":\"Field required\","
                        + "\"input\":{\"secret\":\"prompt\"}}]}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.key()).isEqualTo("upstream.422");
        assertThat(e.message()).isEqualTo("body.messages: Field required").doesNotContain("prompt");
        assertThat(e.openAiType()).isEqualTo("invalid_request_error");
        assertThat(e.anthropicType()).isEqualTo("invalid_request_error");
    }

    @Test
    void aDetailInsideAnObjectMessageOrAJsonStringIsRead() {
        assertThat(read(
                                422,
                                "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":"
                                        + "[\"body\",\"max_completion_tokens\"],\"msg\":\"Extra inputs are not permitted\","
                                        + "\"input\":32000}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}")
                        .message())
                .isEqualTo("body.max_completion_tokens: Extra inputs are not permitted");
        assertThat(read(
                                422,
                                "{\"object\":\"error\",\"message\":\"{\\\"detail\\\":[{\\\"type\\\":\\\"extra_forbidden\\\","
                                        + "\\\"loc\\\":[\\\"body\\\",\\\"frequency_penalty\\\"],\\\"msg\\\":\\\"Extra inputs are"
                                        + " not permitted\\\",\\\"input\\\":0.0}]}\",\"type\":\"internal_error_proxy\","
                                        + "\"param\":null,\"code\":\"1000\"}")
                        .message())
                .isEqualTo("body.frequency_penalty: Extra inputs are not permitted");
    }

    @Test
    void otherMistralErrorsKeepTheirStatusAndType() {
        ProviderError e = read(
                429,
                "{\"object\":\"error\",\"message\":\"Requests rate limit exceeded\",\"type\":\"rate_limited\","
                        + "\"param\":null,\"code\":\"1300\"}");
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.key()).isEqualTo("upstream.429");
        assertThat(e.openAiType()).isEqualTo("rate_limited");
        assertThat(e.anthropicType()).isEqualTo("rate_limit_error");
    }

    @Test
    void openAiShapedAndUnknownBodiesTakeTheGenericPath() {
        assertThat(read(401, "{\"error\":{\"message\":\"Unauthorized\",\"type\":\"invalid_request_error\"}}"))
                .isNull();
        assertThat(read(401, "{\"message\":\"Unauthorized\",\"request_id\":\"abc\"}"))
                .isNull();
        assertThat(read(502, "<html>Bad gateway</html>")).isNull();
    }
}
