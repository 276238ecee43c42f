package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.TranslationOptions;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import java.time.Clock;

/**
 * Translation between the Anthropic Messages and OpenAI Chat Completions formats, for a provider that does not serve
 * the client's format: the request into the provider's format, and a translator that brings the answer back. Only
 * {@code messages} and {@code chat_completions} translate; the pipeline answers {@code count_tokens} itself for
 * OpenAI-format providers and refuses embeddings for Anthropic-format ones.
 *
 * <p>Pure and synchronous (no I/O; the clock only stamps OpenAI's {@code created}); thread-safe. The answer
 * translators it creates are not: one per answer.
 */
public final class Translator {
    /** The Anthropic API version sent with translated requests: the stable one that accepts every mapped field. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final Json json;
    private final Clock clock;

    public Translator(Json json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * {@code request} (already redacted) in {@code target}'s format.
     *
     * @throws GatewayFailure {@link FailureKind#UNTRANSLATABLE} naming the first field {@code target} cannot express,
     *     unless {@code options} say to drop such fields; {@link FailureKind#INVALID_REQUEST} for a request that
     *     cannot be read as its own format would be (tool-call arguments that are not JSON)
     * @throws IllegalArgumentException for an operation that does not translate, or a target equal to the request's
     *     own format
     */
    public TranslatedRequest request(InboundRequest request, WireFormat target, TranslationOptions options) {
        if (target == request.api()) {
            throw new IllegalArgumentException("a " + target.id() + " request needs no translation");
        }
        ObjectMapper mapper = json.mapper();
        Untranslatable untranslatable = new Untranslatable(target, options.dropUnsupported());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ObjectNode body;
        Operation operation;
        switch (request.operation()) {
            case MESSAGES -> {
                body = new AnthropicToOpenAiRequest(mapper, untranslatable).translate(request.body());
                operation = Operation.CHAT_COMPLETIONS;
            }
            case CHAT_COMPLETIONS -> {
                body = new OpenAiToAnthropicRequest(mapper, untranslatable, options.defaultMaxTokens())
                        .translate(request.body());
                operation = Operation.MESSAGES;
                headers.set("anthropic-version", ANTHROPIC_VERSION);
            }
            default ->
                throw new IllegalArgumentException("the " + request.operation().id() + " operation does not translate");
        }
        // An OpenAI-format stream is asked for its usage chunk (in the body above), so it is no longer the gateway's
        // to add or hide.
        boolean usageAskedFor = target == WireFormat.OPENAI && request.stream();
        InboundRequest translated = new InboundRequest(
                operation, body, json.buffer(body), request.model(), request.stream(), usageAskedFor, null);
        return new TranslatedRequest(translated, headers, untranslatable.dropped(), answer(request, target));
    }

    private AnswerTranslator answer(InboundRequest request, WireFormat upstream) {
        return upstream == WireFormat.OPENAI
                ? new OpenAiToAnthropicStream(json.mapper())
                : new AnthropicToOpenAiStream(
                        json.mapper(), clock.instant().getEpochSecond(), request.wantsUsageChunk());
    }

    static GatewayFailure invalidAnswer() {
        return new GatewayFailure(
                FailureKind.UPSTREAM_INVALID_RESPONSE, "The upstream provider's answer is not valid JSON.");
    }
}
