package dev.sovereign.gateway.provider;

import dev.sovereign.gateway.sse.FrameSplitter;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.sse.SseSplitter;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How an upstream writes its answers, which the {@link Forwarder} reads without knowing the upstream: which content
 * type is a stream, how that stream is cut into server-sent events (every stream reaches the rest of the egress —
 * stream readers, answer restorers, batching — as SSE frames), and what its error answers mean for the client.
 * Implementations are immutable and thread-safe; the splitters they make are confined to one stream.
 */
public interface AnswerFormat {
    /** Server-sent events ({@code text/event-stream}), errors read by their status: Anthropic and OpenAI. */
    AnswerFormat SERVER_SENT_EVENTS = new AnswerFormat() {
        @Override
        public boolean isStream(String contentType) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }

        @Override
        public FrameSplitter splitter(Consumer<SseFrame> sink, int maxFrameBytes) {
            return new SseSplitter(sink, maxFrameBytes);
        }
    };

    /** True when a 200 answer of this content type is a stream to relay event by event. */
    boolean isStream(String contentType);

    /** A splitter that turns the stream's bytes into SSE frames for {@code sink}, none larger than the limit. */
    FrameSplitter splitter(Consumer<SseFrame> sink, int maxFrameBytes);

    /**
     * What an error answer means for a client, when the upstream says more than its status; {@code null} (the
     * default) reads it by its status alone.
     */
    default ErrorMeaning error(int status, MultiMap headers) {
        return null;
    }

    /**
     * An upstream error as the client receives it.
     *
     * @param status the HTTP status the client receives
     * @param anthropicType the Anthropic error type ({@code rate_limit_error}, {@code overloaded_error}, …)
     */
    record ErrorMeaning(int status, String anthropicType) {}
}
