package dev.sovereign.gateway.provider;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.api.InboundRequest;
import io.vertx.core.MultiMap;

/**
 * One upstream provider's wire protocol. The {@link Forwarder} does the HTTP exchange; an adapter says
 * what to send: the address, the headers the upstream needs, its credentials and the body. A new
 * provider is one adapter plus its wire-format tests. Implementations are immutable and thread-safe.
 */
public interface ProviderAdapter {
    ProviderConfig config();

    /** True when this upstream serves requests of this format without translation. */
    default boolean serves(WireFormat format) {
        return config().speaks(format);
    }

    /**
     * Builds the upstream request for {@code request}, sent as {@code upstreamModel}, copying the client
     * headers the upstream needs from {@code clientHeaders} and adding this provider's credentials.
     */
    UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders);
}
