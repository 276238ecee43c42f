package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
    private static final StrictJson JSON = new StrictJson(64);

    static JsonNode parse(String text) {
        return JSON.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(byte[] bytes) {
        return JSON.parse(bytes);
    }

    static StrictJson.MalformedJsonException refused(String text) {
        return refused(text.getBytes(StandardCharsets.UTF_8));
    }

    static StrictJson.MalformedJsonException refused(byte[] bytes) {
        try {
            JSON.parse(bytes);
        } catch (StrictJson.MalformedJsonException e) {
            return e;
        }
        throw new AssertionError("accepted: " + new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void aDuplicateKeyIsRefusedAtAnyDepthNamingWhereWithoutEchoingUnknownKeys() {
        String secret = "AKIAIOSFODNN7EXAMPLE";
        var top = refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + secret
                + "\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(top.pointer()).isEqualTo("/messages");
        assertThat(top.getMessage()).contains("/messages", "twice").doesNotContain(secret, "hello");

        var deep = refused("{\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}]}");
        assertThat(deep.pointer()).isEqualTo("/messages/0/content");

        var unknown = refused(
                "{\"tools\":[{\"input_schema\":{\"properties\":{\"" + secret + "\":{},\"" + secret + "\":{}}}}]}");
        assertThat(unknown.pointer()).isEqualTo("/tools/0/input_schema/properties/*");
        assertThat(unknown.getMessage()).doesNotContain(secret);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1} {\"b\":2}",
                "{\"a\":1}x",
                "{\"a\":1}]",
                "{\"a\":1}\"AKIAIOSFODNN7EXAMPLE\"",
                "{\"a\":1}//comment",
            })
    void anythingAfterTheValueIsRefused(String body) {
        assertThat(refused(body).getMessage())
                .containsAnyOf("more after its JSON value", "not valid JSON")
                .doesNotContain("AKIA");
    }

    @Test
    void trailingWhitespaceIsAccepted() {
        assertThat(parse("{\"a\":1} \r\n\t").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void aNulByteIsRefusedAfterTheValueAndInsideIt() {
        byte[] after = "{\"a\":1}\u0000AKIAIOSFODNN7EXAMPLE".getBytes(StandardCharsets.UTF_8);
        assertThat(refused(after).getMessage()).contains("NUL byte");
        byte[] afterAccent = "{\"a\":\"é\"}\u0000secret".getBytes(StandardCharsets.UTF_8);
        assertThat(refused(afterAccent).getMessage()).contains("NUL byte");
        // an escaped NUL inside a string is JSON, and is read like any character
        assertThat(parse("{\"a\":\"x\\u0000y\"}").path("a").asText()).isEqualTo("x\u0000y");
    }

    @Test
    void aByteOrderMarkIsRefused() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThat(refused(bom).getMessage()).contains("byte-order mark");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        // an overlong '@', an encoded surrogate, a lone continuation byte, a truncated sequence, Latin-1
        byte[][] bad = {
            {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xC1, (byte) 0x80, '"', '}'},
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, 't', 'e', '"', '}'},
        };
        for (byte[] body : bad) {
            assertThat(refused(body).getMessage()).contains("not valid UTF-8");
        }
        assertThat(parse("{\"a\":\"Jürgen 😀\"}").path("a").asText()).isEqualTo("Jürgen 😀");
    }

    @Test
    void anEscapeThatLeavesALoneSurrogateIsRefused() {
        assertThat(refused("{\"messages\":[{\"content\":\"a\\ud800b\"}]}").pointer())
                .isEqualTo("/messages/0/content");
        assertThat(refused("{\"a\":\"\\udc00\"}").getMessage()).contains("unpaired surrogate");
        assertThat(refused("{\"a\":\"\\udc00\\ud800\"}").getMessage()).contains("unpaired surrogate");
        assertThat(refused("{\"\\ud800\":1}").getMessage()).contains("a key");
        assertThat(parse("{\"a\":\"\\ud83d\\ude00\"}").path("a").asText()).isEqualTo("😀");
    }

    @Test
    void numbersKeepTheirExactValue() {
        JsonNode n = parse("{\"big\":123456789012345678901234567890,\"huge\":1e400,\"t\":0.70,\"i\":7}");
        assertThat(n.path("big").bigIntegerValue().toString()).isEqualTo("123456789012345678901234567890");
        assertThat(n.path("huge").decimalValue().toString()).isEqualTo("1E+400");
        assertThat(n.path("t").asDouble()).isEqualTo(0.7);
        assertThat(n.path("i").isInt()).isTrue();
        assertThat(n.toString()).doesNotContain("Infinity");
    }

    @Test
    void syntaxErrorsNestingAndEmptyBodiesAreRefusedWithTheirPosition() {
        assertThat(refused("{\"model\":").getMessage()).contains("not valid JSON at line 1");
        assertThat(refused("{'a':1}").getMessage()).contains("not valid JSON");
        assertThat(refused("{\"a\":NaN}").getMessage()).contains("not valid JSON");
        assertThat(refused("{\"a\":01}").getMessage()).contains("not valid JSON");
        assertThat(refused("").getMessage()).contains("empty");
        assertThat(refused("   ").getMessage()).contains("empty");
        assertThat(refused("[".repeat(100) + "]".repeat(100)).getMessage()).contains("nested too deeply");
    }

    @Test
    void theTreeIsTheWholeBodyInOrder() {
        JsonNode n = parse("{\"b\":[1,{\"c\":null}],\"a\":true,\"d\":\"x\"}");
        assertThat(n.toString()).isEqualTo("{\"b\":[1,{\"c\":null}],\"a\":true,\"d\":\"x\"}");
    }

    @Test
    void aLongStringWithinTheBodyLimitIsAccepted() {
        String longText = "a".repeat(25_000_000);
        assertThat(parse("{\"t\":\"" + longText + "\"}").path("t").asText()).hasSize(25_000_000);
    }

    @Test
    void refusalsAreMalformedJsonNotOtherExceptions() {
        assertThatThrownBy(() -> parse("{\"a\":1,}")).isInstanceOf(StrictJson.MalformedJsonException.class);
        assertThatThrownBy(() -> parse("{\"a\" 1}")).isInstanceOf(StrictJson.MalformedJsonException.class);
        assertThatThrownBy(() -> parse("\"\\uZZZZ\"")).isInstanceOf(StrictJson.MalformedJsonException.class);
    }

    @Test
    void aNumberWhoseExponentNoReaderHoldsIsRefused() {
        assertThat(refused("{\"n\":1e99999999999}").getMessage()).contains("/n", "cannot be read");
        assertThat(refused("[1E-9999999999]").pointer()).isEqualTo("/0");
    }

    @Test
    void utf8IsRefusedExactlyWhenTheJdksStrictDecoderRefusesIt() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20251207);
        int refusedCount = 0;
        for (int t = 0; t < 5000; t++) {
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            int length = random.nextInt(40);
            boolean noisy = random.nextBoolean(); // half the texts have only valid characters
            for (int k = 0; k < length; k++) {
                int kind = noisy ? random.nextInt(10) : random.nextInt(9) % 5 == 4 ? 7 : random.nextInt(5);
                if (kind < 5) {
                    content.write('a' + random.nextInt(26)); // plain ASCII, in runs long enough to be read by eights
                } else if (kind < 7) {
                    content.write(0x80 + random.nextInt(0x80)); // any byte with the high bit
                } else if (kind < 9) {
                    content.writeBytes("é€😀".substring(random.nextInt(2)).getBytes(StandardCharsets.UTF_8));
                } else {
                    content.write(0xC0 + random.nextInt(0x40)); // a lead byte, maybe without its continuation
                }
            }
            byte[] text = content.toByteArray();
            boolean valid;
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(text));
                valid = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                valid = false;
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"messages\":\"".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(text);
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            byte[] bytes = body.toByteArray();
            if (valid) {
                assertThat(parse(bytes).path("messages").asText()).isEqualTo(new String(text, StandardCharsets.UTF_8));
            } else {
                refusedCount++;
                assertThat(refused(bytes).getMessage()).contains("not valid UTF-8");
            }
        }
        assertThat(refusedCount).isBetween(500, 4500);
    }
}
