package dev.sovereign.gateway.provider.bedrock;

import dev.sovereign.gateway.provider.AnswerFormat;
import dev.sovereign.gateway.sse.FrameSplitter;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How Bedrock writes Claude's answers: a whole Anthropic message as JSON, or a stream of AWS event-stream frames
 * ({@code application/vnd.amazon.eventstream}) re-emitted as Anthropic server-sent events by an {@link
 * EventStreamSplitter}; errors named by {@code x-amzn-errortype} (see {@link BedrockErrors}). Immutable and
 * thread-safe.
 */
public final class BedrockAnswers implements AnswerFormat {
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final Json json;

    public BedrockAnswers(Json json) {
        this.json = json;
    }

    @Override
    public boolean isStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM);
    }

    @Override
    public FrameSplitter splitter(Consumer<SseFrame> sink, int maxFrameBytes) {
        return new EventStreamSplitter(sink, json, maxFrameBytes);
    }

    @Override
    public ErrorMeaning error(int status, MultiMap headers) {
        return BedrockErrors.of(headers.get("x-amzn-errortype"));
    }
}
