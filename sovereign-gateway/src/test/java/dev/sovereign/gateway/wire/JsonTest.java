package dev.sovereign.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final Json json = new Json(64);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void topLevelFieldSkipsNestedFieldsOfTheSameName() {
        String body =
                "{\"content\":[{\"usage\":{\"fake\":1}}],\"id\":\"x\",\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";
        assertThat(json.topLevelField(b(body), "usage").path("input_tokens").asInt())
                .isEqualTo(5);
        assertThat(json.topLevelField(b("{\"a\":1}"), "usage")).isNull();
        assertThat(json.topLevelField(b("[1]"), "usage")).isNull();
        assertThat(json.topLevelField(b("not json"), "usage")).isNull();
        assertThat(json.topLevelField(b("{\"usage\":{\"a\":"), "usage")).isNull();
    }
}
