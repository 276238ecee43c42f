package dev.sovereign.gateway.provider.bedrock;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Claude on AWS Bedrock ({@code bedrock-runtime}): Anthropic Messages requests go to {@code
 * /model/{modelId}/invoke}, or {@code /invoke-with-response-stream} when the client streams, with the model id (a
 * Bedrock model id or an inference profile: {@code eu.anthropic.…}, {@code global.anthropic.…}) percent-encoded in
 * the path and the body rewritten by {@link BedrockRequestBody}. Requests carry the headers the AWS SDKs send and
 * are signed with SigV4 or carry a Bedrock API key ({@link BedrockAuthorizer}). Answers are read by {@link
 * BedrockAnswers}: JSON, or an AWS event stream re-emitted as Anthropic server-sent events.
 *
 * <p>Bedrock serves only the Anthropic format. {@code count_tokens} is answered by the gateway's estimate: Bedrock's
 * {@code CountTokens} takes bare foundation-model ids only, refuses inference profiles, and does not count for every
 * Claude model. Immutable and thread-safe; {@link #close} stops the credentials refresh.
 */
public final class BedrockAdapter implements ProviderAdapter, AutoCloseable {
    private final ProviderConfig config;
    private final Json json;
    private final BedrockAuthorizer authorizer;
    private final BedrockAnswers answers;
    private final String base;

    public BedrockAdapter(ProviderConfig config, Json json, BedrockAuthorizer authorizer) {
        this.config = config;
        this.json = json;
        this.authorizer = authorizer;
        this.answers = new BedrockAnswers(json);
        this.base = config.endpoint().toString();
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    /** Where this provider's credentials come from; never a secret. */
    public String credentials() {
        return authorizer.describe();
    }

    @Override
    public UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders) {
        if (request.api() != WireFormat.ANTHROPIC) {
            throw new GatewayFailure(
                    FailureKind.FORMAT_UNSUPPORTED,
                    "Provider '" + config.id() + "' (Bedrock) serves Anthropic-format requests only.");
        }
        URI uri = URI.create(base + "/model/" + encode(upstreamModel)
                + (request.stream() ? "/invoke-with-response-stream" : "/invoke"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        if (request.stream()) {
            headers.set("accept", BedrockAnswers.EVENT_STREAM);
            headers.set("x-amzn-bedrock-accept", "application/json");
        } else {
            headers.set("accept", "application/json");
        }
        byte[] body = BedrockRequestBody.of(request, clientHeaders, json);
        authorizer.authorize(uri, headers, body);
        return new UpstreamRequest(uri, headers, Buffer.buffer(body), false, answers);
    }

    /** A path segment: every character but unreserved ones percent-encoded ({@code :} becomes {@code %3A}). */
    static String encode(String modelId) {
        return URLEncoder.encode(modelId, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    @Override
    public void close() {
        authorizer.close();
    }
}
