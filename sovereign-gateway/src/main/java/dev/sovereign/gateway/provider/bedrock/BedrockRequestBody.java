package dev.sovereign.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;

/**
 * An Anthropic Messages body as Bedrock takes it: {@code "anthropic_version": "bedrock-2023-05-31"} added, {@code
 * model} (it is in the path) and {@code stream} (it is the operation) removed, and the client's {@code
 * anthropic-beta} header moved into the body as the {@code anthropic_beta} list. Every other field is kept as the
 * client sent it. Stateless.
 */
public final class BedrockRequestBody {
    public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private BedrockRequestBody() {}

    public static byte[] of(InboundRequest request, MultiMap clientHeaders, Json json) {
        ObjectNode body = request.body().objectNode();
        body.put("anthropic_version", ANTHROPIC_VERSION);
        request.body().properties().forEach(e -> {
            String name = e.getKey();
            if (!name.equals("model") && !name.equals("stream") && !name.equals("anthropic_version")) {
                body.set(name, e.getValue());
            }
        });
        ArrayNode betas = body.arrayNode();
        for (String header : clientHeaders.getAll("anthropic-beta")) {
            for (String beta : header.split(",")) {
                if (!beta.isBlank()) betas.add(beta.trim());
            }
        }
        if (!betas.isEmpty()) body.set("anthropic_beta", betas);
        return json.buffer(body).getBytes();
    }
}
