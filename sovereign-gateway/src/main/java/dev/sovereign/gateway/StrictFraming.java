package dev.sovereign.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * HTTP/1.1 framing the gateway refuses (RFC 9112 §6.1): a request with both {@code Content-Length} and
 * {@code Transfer-Encoding}, which a proxy in front may frame differently from the gateway (request smuggling).
 * Netty's decoder drops the {@code Content-Length} of such a request before anyone sees it, so the connection's
 * decoder is replaced, as it is set up, by one that also marks the request; {@link #conflicting} reads the mark.
 */
final class StrictFraming {
    /** The mark of a request that came with both framings. */
    static final String MARK = "x-sovereign-framing-conflict";

    private StrictFraming() {}

    /** Puts the marking decoder in place of Vert.x's on a new HTTP/1.x connection (before it has read a byte). */
    static void install(HttpConnection connection, HttpServerOptions options) {
        if (!(connection instanceof ConnectionBase base)) return;
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandlerContext decoder = pipeline.context(VertxHttpRequestDecoder.class);
        if (decoder == null || decoder.handler() instanceof MarkingDecoder) return;
        pipeline.replace(decoder.name(), decoder.name(), new MarkingDecoder(options));
    }

    /** Whether {@code req} came with both Content-Length and Transfer-Encoding. */
    static boolean conflicting(HttpServerRequest req) {
        return req.headers().contains(MARK);
    }

    private static final class MarkingDecoder extends VertxHttpRequestDecoder {
        MarkingDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(MARK, "content-length and transfer-encoding");
        }
    }
}
