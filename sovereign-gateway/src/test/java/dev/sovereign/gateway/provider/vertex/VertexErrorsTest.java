package dev.sovereign.gateway.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Google's error shapes on Vertex AI, and the Anthropic error type each becomes. */
class VertexErrorsTest {
    private final VertexErrors errors = new VertexErrors(new Json(64));

    private ProviderError read(int status, String body) {
        return errors.read(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "429, RESOURCE_EXHAUSTED, rate_limit_error",
        "403, PERMISSION_DENIED, permission_error",
        "401, UNAUTHENTICATED, authentication_error",
        "404, NOT_FOUND, not_found_error",
        "400, FAILED_PRECONDITION, invalid_request_error",
        "504, DEADLINE_EXCEEDED, timeout_error",
        "500, INTERNAL, api_error",
        "503, UNAVAILABLE, api_error"
    })
    void aGoogleStatusBecomesItsAnthropicType(int status, String google, String anthropic) {
        String error = "{\"error\":{\"code\":" + status + ",\"message\":\"m\",\"status\":\"" + google + "\"}}";
        for (String body : new String[] {error, "[" + error + "]"}) {
            ProviderError e = read(status, body);
            assertThat(e.anthropicType()).isEqualTo(anthropic);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.key()).isEqualTo("upstream." + status);
            assertThat(e.message()).isEqualTo("m");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                "not json",
                "[]"
            })
    void anthropicErrorsAndOtherBodiesTakeTheGenericPath(String body) {
        assertThat(read(529, body)).isNull();
    }
}
