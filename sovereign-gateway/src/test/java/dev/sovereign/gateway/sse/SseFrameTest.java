package dev.sovereign.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFrameTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eventNameIsReadFromTheFirstLineWithOrWithoutASpaceOrCarriageReturn() {
        assertThat(SseFrame.of("event: message_delta\ndata: {}\n\n").event()).isEqualTo("message_delta");
        assertThat(SseFrame.of("event:ping\r\ndata: {}\r\n\r\n").event()).isEqualTo("ping");
        assertThat(SseFrame.of("data: {}\nevent: late\n\n").event()).isEqualTo("late");
        assertThat(SseFrame.of("data: {}\n\n").event()).isNull();
    }

    @Test
    void bytesAreSearchedWithoutDecoding() {
        SseFrame done = SseFrame.of("data: [DONE]\n\n");
        assertThat(done.dataStartsWith(b("[DONE]"))).isTrue();
        assertThat(SseFrame.of("data:[DONE]\n\n").dataStartsWith(b("[DONE]"))).isTrue();
        assertThat(SseFrame.of("data: {\"choices\":[]}\n\n").dataStartsWith(b("[DONE]")))
                .isFalse();
        SseFrame usage = SseFrame.of("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3}}\n\n");
        assertThat(usage.contains(b("\"usage\":{"))).isTrue();
        assertThat(SseFrame.of("data: {\"usage\":null}\n\n").contains(b("\"usage\":{")))
                .isFalse();
        assertThat(SseFrame.of("da").contains(b("data"))).isFalse();
    }
}
