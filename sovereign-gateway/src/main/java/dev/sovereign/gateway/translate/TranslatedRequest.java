package dev.sovereign.gateway.translate;

import dev.sovereign.gateway.wire.InboundRequest;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * A request translated into its provider's format.
 *
 * @param request the request as the provider's format expresses it, for the provider's adapter
 * @param headers the headers a client of that format would have sent (for an Anthropic-format provider, {@code
 *     anthropic-version}), in place of the client's
 * @param dropped the paths of the fields left out because the provider's format cannot express them (only when
 *     the provider's {@code translation.drop_unsupported} is on), in the order met
 * @param answer brings the provider's answer back into the client's format
 */
public record TranslatedRequest(
        InboundRequest request, MultiMap headers, List<String> dropped, AnswerTranslator answer) {
    public TranslatedRequest {
        dropped = List.copyOf(dropped);
    }
}
