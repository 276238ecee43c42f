package dev.sovereign.gateway.ingress;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 framing the gateway refuses, each answered with 400 and a closed connection, so that nothing behind the
 * offending bytes is read as a request (request smuggling):
 *
 * <ul>
 *   <li>both {@code Content-Length} and {@code Transfer-Encoding} (RFC 9112 §6.1), which a proxy in front may frame
 *       differently from the gateway. Netty's decoder drops the {@code Content-Length} of such a request before
 *       anyone sees it, so the request is marked ({@link #conflicting}) and refused by the request handler;
 *   <li>obsolete line folding (a header line that starts with a space or tab, RFC 9112 §5.2), which Netty would
 *       join to the previous header, and whitespace before the first line: the request reaches Vert.x failed, and
 *       its invalid-request handler answers (as it does for the header names Netty refuses);
 *   <li>invalid chunked framing: a chunk size that is not hexadecimal, a chunk longer than its size. Vert.x would
 *       drop the connection without a word; the gateway answers 400 in the caller's API format first.
 * </ul>
 *
 * The connection's decoder is replaced, as it is set up, by one that does the above.
 */
public final class StrictFraming {
    /** The mark of a request that came with both framings. */
    static final String MARK = "x-sovereign-framing-conflict";

    private StrictFraming() {}

    /**
     * Puts the strict decoder in place of Vert.x's on a new HTTP/1.x connection (before it has read a byte);
     * {@code errors} writes the 400 bodies of invalid chunked framing.
     */
    public static void install(HttpConnection connection, HttpServerOptions options, ErrorBodies errors) {
        if (!(connection instanceof ConnectionBase base)) return;
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandlerContext decoder = pipeline.context(VertxHttpRequestDecoder.class);
        if (decoder == null || decoder.handler() instanceof StrictDecoder) return;
        pipeline.replace(decoder.name(), decoder.name(), new StrictDecoder(options, errors));
    }

    /** Whether {@code req} came with both Content-Length and Transfer-Encoding. */
    public static boolean conflicting(HttpServerRequest req) {
        return req.headers().contains(MARK);
    }

    /** Why the decoder refused a request's head (the cause of its failed decoder result). */
    public static final class FramingException extends IllegalArgumentException {
        public FramingException(String message) {
            super(message, null);
        }
    }

    private static final class StrictDecoder extends VertxHttpRequestDecoder {
        private final ErrorBodies errors;
        /** Between messages or inside a head: header bytes are checked before Netty reads them. */
        private boolean inHead = true;
        /** Bytes after the reader index already checked (they end at a line boundary unless {@link #lastWasLf}). */
        private int checked;

        private boolean lastWasLf;
        /** Whether any byte of the current head was read yet (a head's first line may follow empty lines). */
        private boolean headStarted;
        /** Once a request was refused, nothing more is read from the connection. */
        private boolean refused;

        private WireFormat api = WireFormat.OPENAI;

        StrictDecoder(HttpServerOptions options, ErrorBodies errors) {
            super(options);
            this.errors = errors;
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(MARK, "content-length and transfer-encoding");
        }

        // The request head's checks in the order RFC 9112 states them, on the bytes as they arrive; kept in one
        // method so that the state carried from one check to the next stays in local variables.
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            int start = buffer.readerIndex();
            int scannedTo = start;
            if (inHead) {
                String problem = null;
                int i = start + checked;
                int end = buffer.writerIndex();
                boolean lf = lastWasLf;
                for (; i < end; i++) {
                    byte b = buffer.getByte(i);
                    if (!headStarted) {
                        if (b == '\r' || b == '\n') continue; // empty lines before a request line are allowed
                        if (b == ' ' || b == '\t') {
                            problem = "The request line starts with whitespace.";
                            break;
                        }
                        headStarted = true;
                    } else if (lf) {
                        if (b == ' ' || b == '\t') {
                            problem = "A header line starts with whitespace (obsolete line folding, RFC 9112 §5.2);"
                                    + " send each header on one line.";
                            break;
                        }
                        if (b == '\r' || b == '\n') {
                            i = end; // the blank line ends the head: the body is not header text
                            break;
                        }
                    }
                    lf = b == '\n';
                }
                if (problem != null) {
                    refuseHead(buffer, out, problem);
                    return;
                }
                scannedTo = Math.min(i, end);
                lastWasLf = lf;
            }
            int before = out.size();
            super.decode(ctx, buffer, out);
            int consumed = buffer.readerIndex() - start;
            checked = Math.max(0, scannedTo - start - consumed);
            for (int k = before; k < out.size(); k++) {
                Object o = out.get(k);
                if (o instanceof HttpRequest r) {
                    inHead = false;
                    api = r.headers().contains("anthropic-version")
                                    || r.headers().contains("x-api-key")
                            ? WireFormat.ANTHROPIC
                            : WireFormat.OPENAI;
                    if (r.decoderResult().isFailure()) refused = true;
                }
                if (o instanceof HttpContent c && c.decoderResult().isFailure()) {
                    for (Object dropped : out.subList(k, out.size())) ReferenceCountUtil.release(dropped);
                    out.subList(k, out.size()).clear();
                    refuseBody(ctx, buffer);
                    return;
                }
                if (o instanceof LastHttpContent) {
                    inHead = true;
                    headStarted = false;
                    checked = 0;
                    lastWasLf = false;
                }
            }
            if (refused) buffer.skipBytes(buffer.readableBytes());
        }

        /** Hands Vert.x a request that failed to decode: its invalid-request handler answers 400 and closes. */
        private void refuseHead(ByteBuf buffer, List<Object> out, String problem) {
            refused = true;
            buffer.skipBytes(buffer.readableBytes());
            DefaultHttpRequest failed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            failed.setDecoderResult(DecoderResult.failure(new FramingException(problem)));
            out.add(failed);
        }

        /**
         * Answers 400 itself and closes: the request's head already went to Vert.x, which would close the connection
         * on a failed chunk without an answer. Written below Vert.x's encoder, as the connection's last bytes.
         */
        private void refuseBody(ChannelHandlerContext ctx, ByteBuf buffer) {
            refused = true;
            buffer.skipBytes(buffer.readableBytes());
            String requestId = Requests.newRequestId();
            Buffer body = errors.body(
                    api,
                    FailureKind.INVALID_REQUEST,
                    "The chunked body is malformed (a chunk size that is not hexadecimal, or a chunk longer than its"
                            + " size); the connection is closed.",
                    requestId);
            byte[] head = ("HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n" + Exchange.REQUEST_ID
                            + ": " + requestId + "\r\nconnection: close\r\ncontent-length: " + body.length()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(head, body.getBytes())).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
