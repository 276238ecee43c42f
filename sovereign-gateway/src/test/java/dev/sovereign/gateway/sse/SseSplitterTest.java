package dev.sovereign.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseSplitterTest {
    private static final String STREAM = "event: message_start\ndata: {\"a\":1}\n\n"
            + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
            + "data: line one\ndata: line two\n\n"
            + "event: message_stop\r\ndata: {}\r\n\r\n";

    private static List<SseFrame> split(String text, int chunk) {
        List<SseFrame> frames = new ArrayList<>();
        SseSplitter splitter = new SseSplitter(frames::add, 1 << 20);
        byte[] bytes = text.getBytes();
        for (int i = 0; i < bytes.length; i += chunk) {
            int end = Math.min(bytes.length, i + chunk);
            byte[] part = new byte[end - i];
            System.arraycopy(bytes, i, part, 0, part.length);
            splitter.feed(Buffer.buffer(part));
        }
        return frames;
    }

    @Test
    void framesAreTheSameWhateverTheChunkBoundaries() {
        for (int chunk : new int[] {1, 2, 3, 7, 16, 1000}) {
            List<SseFrame> frames = split(STREAM, chunk);
            assertThat(frames).as("chunk size %d", chunk).hasSize(4);
            assertThat(frames.stream().map(f -> f.raw().toString()).reduce("", String::concat))
                    .isEqualTo(STREAM);
            assertThat(frames.get(0).event()).isEqualTo("message_start");
            assertThat(frames.get(0).data()).isEqualTo("{\"a\":1}");
            assertThat(frames.get(1).event()).isEqualTo("ping");
            assertThat(frames.get(2).event()).isNull();
            assertThat(frames.get(2).data()).isEqualTo("line one\nline two");
            assertThat(frames.get(3).event()).isEqualTo("message_stop");
            assertThat(frames.get(3).data()).isEqualTo("{}");
        }
    }

    @Test
    void anUnfinishedFrameIsHeldBack() {
        List<SseFrame> frames = new ArrayList<>();
        SseSplitter splitter = new SseSplitter(frames::add, 1 << 20);
        splitter.feed(Buffer.buffer("data: [DONE]\n"));
        assertThat(frames).isEmpty();
        assertThat(splitter.pendingBytes()).isEqualTo(13);
        splitter.feed(Buffer.buffer("\n"));
        assertThat(frames).singleElement().extracting(SseFrame::data).isEqualTo("[DONE]");
        assertThat(splitter.pendingBytes()).isZero();
    }

    @Test
    void aFrameThatNeverEndsIsRefusedOnceTooLarge() {
        SseSplitter splitter = new SseSplitter(f -> {}, 64);
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer("data: " + "x".repeat(100))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("64 bytes");
    }
}
