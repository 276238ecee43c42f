package dev.sovereign.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The Transform stage's body edits shared by adapters whose upstream speaks the inbound format: the
 * upstream model name, and the usage chunk of OpenAI streams. Unknown fields are preserved; when
 * nothing changes, the client's bytes go upstream untouched.
 */
public final class BodyRewriter {
    private final Json json;

    public BodyRewriter(Json json) {
        this.json = json;
    }

    /** True when the gateway must ask an OpenAI-format upstream for the usage chunk itself. */
    public static boolean needsUsageChunk(InboundRequest request) {
        return request.api() == WireFormat.OPENAI && request.stream() && !request.wantsUsageChunk();
    }

    /** Passes {@code anthropic-version} and {@code anthropic-beta} through untouched, when the client sent them. */
    /** The client's headers that reach an Anthropic-format provider (and so are classified with the body). */
    public static final java.util.List<String> FORWARDED_CLIENT_HEADERS =
            java.util.List.of("anthropic-version", "anthropic-beta");

    public static void copyAnthropicHeaders(MultiMap from, MultiMap to) {
        String version = from.get("anthropic-version");
        if (version != null) to.set("anthropic-version", version);
        String beta = from.get("anthropic-beta");
        if (beta != null) to.set("anthropic-beta", beta);
    }

    public Buffer body(InboundRequest request, String upstreamModel) {
        boolean renamed = !upstreamModel.equals(request.model());
        boolean usage = needsUsageChunk(request);
        if (!renamed && !usage) return request.raw();
        ObjectNode copy = request.body().objectNode();
        copy.setAll(request.body());
        if (renamed) copy.put("model", upstreamModel);
        if (usage) {
            ObjectNode options = copy.objectNode();
            if (request.body().get("stream_options") instanceof ObjectNode existing) options.setAll(existing);
            options.put("include_usage", true);
            copy.set("stream_options", options);
        }
        return json.buffer(copy);
    }
}
