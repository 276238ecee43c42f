package dev.sovereign.gateway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Azure's content-filter refusal, and the errors it leaves to the generic path. */
class AzureErrorsTest {
    private final AzureErrors errors = new AzureErrors(new Json(64));

    @Test
    void theContentFilterNamesTheFilteredCategories() {
        String body = "{\"error\":{\"message\":\"The response was filtered\",\"type\":null,\"param\":\"prompt\","
                + "\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\","
                + "\"content_filter_result\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},"
                + "\"violence\":{\"filtered\":true,\"severity\":\"medium\"}}}}}";
        ProviderError e = errors.read(400, body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.key()).isEqualTo("upstream.content_filter");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.message()).isEqualTo("Azure OpenAI's content filter refused the request (violence).");
        assertThat(e.nativeForOpenAi()).isTrue();
    }

    @Test
    void otherAzureErrorsTakeTheGenericPath() {
        assertThat(errors.read(
                        429,
                        "{\"error\":{\"code\":\"429\",\"message\":\"Please retry after 7 seconds.\"}}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }
}
