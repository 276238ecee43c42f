package dev.sovereign.gateway.provider;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.InboundRequest;
import io.vertx.core.MultiMap;

/**
 * One upstream provider's wire protocol. The {@link Forwarder} does the HTTP exchange; an adapter says
 * what to send: the address, the headers the upstream needs, its credentials and the body. A new
 * provider is one adapter plus its wire-format tests. An adapter sees requests only in a format it serves
 * ({@link #upstreamFormat}): the pipeline translates the others before {@link #prepare}. Implementations are
 * immutable and thread-safe.
 */
public interface ProviderAdapter {
    ProviderConfig config();

    /** True when this upstream serves requests of this format without translation. */
    default boolean serves(WireFormat format) {
        return config().speaks(format);
    }

    /**
     * True when this upstream answers embeddings, an OpenAI-format operation the Anthropic format has no
     * equivalent for, so it is never translated.
     */
    default boolean servesEmbeddings() {
        return serves(WireFormat.OPENAI);
    }

    /**
     * The format a request made in the {@code inbound} format is sent upstream in: the same when this upstream
     * serves it natively, otherwise the format the gateway translates it into (the first this upstream serves).
     */
    default WireFormat upstreamFormat(WireFormat inbound) {
        if (serves(inbound)) return inbound;
        for (WireFormat format : WireFormat.values()) {
            if (serves(format)) return format;
        }
        throw new IllegalStateException("provider '" + config().id() + "' serves no format");
    }

    /**
     * Builds the upstream request for {@code request}, sent as {@code upstreamModel}, copying the client
     * headers the upstream needs from {@code clientHeaders} and adding this provider's credentials.
     */
    UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders);
}
