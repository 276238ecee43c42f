package dev.sovereign.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.Exchange;
import dev.sovereign.gateway.api.InboundRequest;
import dev.sovereign.gateway.api.Json;
import dev.sovereign.gateway.api.UpstreamErrors;
import dev.sovereign.gateway.api.anthropic.AnthropicStreamReader;
import dev.sovereign.gateway.api.openai.OpenAiStreamReader;
import dev.sovereign.gateway.failure.FailureKind;
import dev.sovereign.gateway.failure.GatewayFailure;
import dev.sovereign.gateway.sse.SseSplitter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Provider and Egress stages: sends a prepared request upstream and relays the answer to the client
 * as it comes.
 *
 * <p>Design: a streamed answer is cut into complete server-sent events and each is written to the
 * client as soon as it is whole, so nothing is buffered beyond one event and a failure can always be
 * reported as a well-formed in-stream error event. Backpressure flows from the client socket to the
 * upstream socket (pause/resume). Three timers guard the exchange: connect (in the client options),
 * first byte (request sent → response headers) and idle (silence between two chunks). A client that
 * disconnects resets the upstream request. Confined to the exchange's event loop.
 */
public final class Forwarder {
    private static final int MAX_ERROR_BODY = 1 << 20;
    private static final int MAX_FRAME = 16 << 20;
    private static final String[] RELAYED_HEADERS = {
        "retry-after", "retry-after-ms", "x-should-retry", "request-id", "x-request-id", "openai-processing-ms"
    };
    private static final String[] RELAYED_PREFIXES = {"anthropic-ratelimit-", "x-ratelimit-"};

    private final Vertx vertx;
    private final Json json;
    private final UpstreamErrors upstreamErrors;
    private final long maxResponseBytes;

    public Forwarder(Vertx vertx, Json json, UpstreamErrors upstreamErrors, long maxResponseBytes) {
        this.vertx = vertx;
        this.json = json;
        this.upstreamErrors = upstreamErrors;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Completes when the client has its whole answer (or its error); never fails. */
    public Future<Outcome> forward(
            Exchange exchange, InboundRequest request, HttpClient client, Timeouts timeouts, UpstreamRequest upstream) {
        return forward(exchange, request, client, timeouts, upstream, null);
    }

    /**
     * As {@link #forward(Exchange, InboundRequest, HttpClient, Timeouts, UpstreamRequest)}, with pseudonymized values
     * put back into the answer by {@code restorer} ({@code null}: the answer passes as it comes).
     */
    public Future<Outcome> forward(
            Exchange exchange,
            InboundRequest request,
            HttpClient client,
            Timeouts timeouts,
            UpstreamRequest upstream,
            AnswerRestorer restorer) {
        Call call = new Call(exchange, request, timeouts, upstream, restorer);
        call.start(client);
        return call.done.future();
    }

    private final class Call {
        final Exchange exchange;
        final InboundRequest request;
        final Timeouts timeouts;
        final UpstreamRequest upstream;
        final AnswerRestorer restorer;
        final Promise<Outcome> done = Promise.promise();
        HttpClientRequest upstreamRequest;
        long timer = -1;
        long lastActivityNanos;
        Buffer batch;
        HttpClientResponse streamResponse;
        long firstByteNanos;
        Usage usage = Usage.UNKNOWN;

        Call(
                Exchange exchange,
                InboundRequest request,
                Timeouts timeouts,
                UpstreamRequest upstream,
                AnswerRestorer restorer) {
            this.exchange = exchange;
            this.request = request;
            this.timeouts = timeouts;
            this.upstream = upstream;
            this.restorer = restorer;
        }

        void start(HttpClient client) {
            exchange.onClientGone(this::clientGone);
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(upstream.uri().toString())
                    .setHeaders(upstream.headers())
                    .setConnectTimeout(timeouts.connect().toMillis());
            client.request(options).onComplete(ar -> {
                if (ar.failed()) {
                    fail(connectFailure(ar.cause()));
                    return;
                }
                upstreamRequest = ar.result();
                if (exchange.clientGone()) {
                    clientGone();
                    return;
                }
                armTimer(timeouts.firstByte().toMillis(), this::firstByteTimeout);
                upstreamRequest.send(upstream.body()).onComplete(rar -> {
                    cancelTimer();
                    if (rar.failed()) {
                        fail(exchangeFailure(rar.cause()));
                    } else {
                        onResponse(rar.result());
                    }
                });
            });
        }

        void onResponse(HttpClientResponse response) {
            if (exchange.clientGone()) {
                clientGone();
                return;
            }
            String contentType = response.getHeader("content-type");
            boolean eventStream =
                    contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            if (request.stream() && response.statusCode() == 200 && eventStream) {
                relayStream(response);
            } else {
                relayBody(response);
            }
        }

        void relayStream(HttpClientResponse response) {
            HttpServerResponse out = exchange.response();
            out.setStatusCode(200);
            out.putHeader("content-type", "text/event-stream; charset=utf-8");
            out.putHeader("cache-control", "no-cache");
            copyHeaders(response.headers(), out);
            out.setChunked(true);
            StreamReader reader = request.api() == WireFormat.ANTHROPIC
                    ? new AnthropicStreamReader(json)
                    : new OpenAiStreamReader(json, upstream.hideUsageChunk());
            // Frames are relayed as they arrive, but the frames of all chunks decoded from one socket read
            // leave in one write: the write is queued behind the read on the event loop, so a burst of
            // events costs one flush instead of one per event.
            streamResponse = response;
            SseSplitter splitter = new SseSplitter(
                    frame -> {
                        if (reader.accept(frame)) {
                            if (batch == null) {
                                batch = Buffer.buffer(frame.length() * 4);
                                vertx.runOnContext(v -> flushBatch());
                            }
                            if (restorer == null) frame.appendTo(batch);
                            else restorer.frame(frame, batch);
                        }
                    },
                    MAX_FRAME);
            armIdleTimer();
            response.handler(chunk -> {
                if (done.future().isComplete()) return;
                lastActivityNanos = System.nanoTime();
                try {
                    splitter.feed(chunk);
                } catch (IllegalStateException e) {
                    usage = reader.usage();
                    fail(new GatewayFailure(
                            FailureKind.UPSTREAM_INVALID_RESPONSE,
                            "The upstream provider sent an event larger than the gateway accepts."));
                }
            });
            response.exceptionHandler(t -> {
                usage = reader.usage();
                fail(exchangeFailure(t));
            });
            response.endHandler(v -> {
                cancelTimer();
                usage = reader.usage();
                if (done.future().isComplete()) return;
                flushBatch();
                if (reader.upstreamError() != null) {
                    out.end();
                    done.tryComplete(
                            new Outcome(200, usage, firstByteNanos, "upstream." + reader.upstreamError(), false, true));
                } else if (!reader.complete()) {
                    fail(new GatewayFailure(
                            FailureKind.UPSTREAM_DISCONNECTED,
                            "The upstream provider ended the stream before the answer was complete."));
                } else {
                    out.end();
                    done.tryComplete(new Outcome(200, usage, firstByteNanos, null, false, true));
                }
            });
        }

        void relayBody(HttpClientResponse response) {
            int status = response.statusCode();
            long limit = status >= 400 ? MAX_ERROR_BODY : maxResponseBytes;
            Buffer body = Buffer.buffer();
            armIdleTimer();
            response.handler(chunk -> {
                if (done.future().isComplete()) return;
                lastActivityNanos = System.nanoTime();
                if (body.length() + chunk.length() > limit) {
                    fail(new GatewayFailure(
                            FailureKind.UPSTREAM_INVALID_RESPONSE,
                            "The upstream provider's answer exceeds " + limit + " bytes."));
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.exceptionHandler(t -> fail(exchangeFailure(t)));
            response.endHandler(v -> {
                cancelTimer();
                if (done.future().isComplete()) return;
                HttpServerResponse out = exchange.response();
                out.setStatusCode(status);
                copyHeaders(response.headers(), out);
                String contentType = response.getHeader("content-type");
                byte[] bytes = body.getBytes();
                String errorKey = null;
                Buffer payload;
                int answered = status;
                if (status >= 400) {
                    ProviderError stated = upstream.errors().read(status, bytes);
                    if (stated == null) {
                        payload = upstreamErrors.normalise(request.api(), status, bytes, exchange.requestId());
                        errorKey = "upstream." + status;
                    } else {
                        payload = upstreamErrors.body(request.api(), stated, bytes, exchange.requestId());
                        errorKey = stated.key();
                        answered = stated.status();
                        out.setStatusCode(answered);
                    }
                    out.putHeader("content-type", "application/json");
                    out.putHeader(Exchange.ERROR_KEY, errorKey);
                } else {
                    payload = restorer == null ? body : Buffer.buffer(restorer.body(bytes));
                    if (contentType != null) out.putHeader("content-type", contentType);
                    // Only the usage object is read; the rest of the answer is skipped, not parsed into a tree.
                    JsonNode usageNode = json.topLevelField(bytes, "usage");
                    usage = request.api() == WireFormat.ANTHROPIC
                            ? AnthropicStreamReader.usageOf(usageNode)
                            : OpenAiStreamReader.usageOf(usageNode);
                }
                firstByteNanos = System.nanoTime();
                out.end(payload);
                done.tryComplete(new Outcome(answered, usage, firstByteNanos, errorKey, false, false));
            });
        }

        void fail(GatewayFailure failure) {
            cancelTimer();
            if (done.future().isComplete()) return;
            flushBatch();
            // Complete first: resetting the upstream request below re-enters this call through its handlers.
            boolean streaming = exchange.response().headWritten();
            done.complete(new Outcome(
                    streaming ? 200 : failure.kind().status(),
                    usage,
                    firstByteNanos,
                    failure.kind().key(),
                    false,
                    streaming));
            exchange.fail(failure);
            if (upstreamRequest != null) upstreamRequest.reset();
        }

        void clientGone() {
            cancelTimer();
            if (done.future().isComplete()) return;
            done.complete(new Outcome(
                    499,
                    usage,
                    firstByteNanos,
                    "client.disconnected",
                    true,
                    exchange.response().headWritten()));
            if (upstreamRequest != null) upstreamRequest.reset();
        }

        void armTimer(long ms, Supplier<GatewayFailure> onExpiry) {
            cancelTimer();
            timer = vertx.setTimer(ms, id -> {
                timer = -1;
                fail(onExpiry.get());
            });
        }

        /** Writes the frames gathered since the last write, if any; keeps the upstream paced to the client. */
        void flushBatch() {
            Buffer pending = batch;
            if (pending == null) return;
            batch = null;
            HttpServerResponse out = exchange.response();
            if (exchange.clientGone() || out.ended() || out.closed()) return;
            if (firstByteNanos == 0) firstByteNanos = System.nanoTime();
            out.write(pending);
            if (out.writeQueueFull() && streamResponse != null) {
                HttpClientResponse upstreamResponse = streamResponse;
                upstreamResponse.pause();
                out.drainHandler(d -> upstreamResponse.resume());
            }
        }

        /**
         * Guards the silence between chunks. Chunks only stamp {@link #lastActivityNanos}; the timer
         * re-arms itself for the remaining time when it fires early, so a fast stream costs one timer per
         * idle period rather than one per chunk.
         */
        void armIdleTimer() {
            lastActivityNanos = System.nanoTime();
            checkIdleIn(timeouts.idle().toMillis());
        }

        private void checkIdleIn(long ms) {
            cancelTimer();
            timer = vertx.setTimer(Math.max(1, ms), id -> {
                timer = -1;
                long silentMs = (System.nanoTime() - lastActivityNanos) / 1_000_000;
                long idleMs = timeouts.idle().toMillis();
                if (silentMs >= idleMs) fail(idleTimeout());
                else checkIdleIn(idleMs - silentMs);
            });
        }

        void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        GatewayFailure firstByteTimeout() {
            return new GatewayFailure(
                    FailureKind.UPSTREAM_TIMEOUT,
                    "The upstream provider did not answer within "
                            + timeouts.firstByte().toMillis() + " ms.");
        }

        GatewayFailure idleTimeout() {
            return new GatewayFailure(
                    FailureKind.UPSTREAM_TIMEOUT,
                    "The upstream provider sent nothing for " + timeouts.idle().toMillis() + " ms.");
        }

        GatewayFailure connectFailure(Throwable t) {
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("timeout") || message.contains("timed out")) {
                return new GatewayFailure(
                        FailureKind.UPSTREAM_TIMEOUT,
                        "The upstream provider could not be reached within "
                                + timeouts.connect().toMillis() + " ms.");
            }
            return new GatewayFailure(FailureKind.UPSTREAM_UNREACHABLE, "The upstream provider could not be reached.");
        }

        GatewayFailure exchangeFailure(Throwable t) {
            return new GatewayFailure(
                    FailureKind.UPSTREAM_DISCONNECTED,
                    "The connection to the upstream provider was lost.",
                    Map.of(),
                    t);
        }
    }

    static void copyHeaders(MultiMap from, HttpServerResponse out) {
        for (String name : RELAYED_HEADERS) {
            String value = from.get(name);
            if (value != null) out.putHeader(name, value);
        }
        for (Map.Entry<String, String> h : from) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (String prefix : RELAYED_PREFIXES) {
                if (name.startsWith(prefix)) out.putHeader(name, h.getValue());
            }
        }
    }
}
