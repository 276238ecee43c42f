package dev.sovereign.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.resilience.AttemptFailure;
import dev.sovereign.gateway.sse.FrameSplitter;
import dev.sovereign.gateway.sse.FramingException;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.translate.AnswerTranslator;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Usage;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.function.Consumer;

/**
 * One forwarded attempt ({@link Forwarder#forward}): the upstream exchange on the event loop's pool with its three
 * timers (connect, first byte, idle), the answer relayed to the client (streamed frame by frame, or whole), and every
 * failure turned into the client's error or handed to the attempt's {@link Forwarder.FailureGate}.
 */
final class ForwardedCall {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Forwarder.class);
    private static final int MAX_ERROR_BODY = 1 << 20;
    private static final int MAX_FRAME = 16 << 20;

    private final Vertx vertx;
    private final Json json;
    private final AnswerReading answers;
    private final long maxResponseBytes;
    final Exchange exchange;
    final InboundRequest request;
    final String provider;
    final Timeouts timeouts;
    final UpstreamRequest upstream;
    final AnswerRestorer restorer;
    final AnswerTranslator translator;
    final Forwarder.FailureGate gate;
    /** The format the upstream answers in. */
    final WireFormat upstreamApi;

    final Promise<Outcome> done = Promise.promise();
    private final Consumer<SseFrame> toClient = this::toClient;
    HttpClientRequest upstreamRequest;
    final CallTimer timer;
    Buffer batch;
    HttpClientResponse streamResponse;
    long firstByteNanos;
    Usage usage = Usage.UNKNOWN;

    ForwardedCall(
            Vertx vertx,
            Json json,
            AnswerReading answers,
            long maxResponseBytes,
            Exchange exchange,
            InboundRequest request,
            String provider,
            Timeouts timeouts,
            UpstreamRequest upstream,
            AnswerRestorer restorer,
            AnswerTranslator translator,
            Forwarder.FailureGate gate) {
        this.vertx = vertx;
        this.json = json;
        this.answers = answers;
        this.maxResponseBytes = maxResponseBytes;
        this.exchange = exchange;
        this.provider = provider;
        this.gate = gate;
        this.request = request;
        this.timeouts = timeouts;
        this.upstream = upstream;
        this.restorer = restorer;
        this.translator = translator;
        this.upstreamApi = translator == null ? request.api() : translator.upstream();
        this.timer = new CallTimer(vertx, this::fail);
    }

    /**
     * Where the request goes, taken from the already parsed URI: what {@code setAbsoluteURI} would set (host, port,
     * TLS, path and query) without printing the URI and parsing it again as a URL for every request.
     */
    static RequestOptions target(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RequestOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    void start(HttpClient client) {
        exchange.onClientGone(this::clientGone);
        RequestOptions options = target(upstream.uri())
                .setMethod(HttpMethod.POST)
                .setHeaders(upstream.headers())
                .setConnectTimeout(timeouts.connect().toMillis());
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                fail(UpstreamFailures.connect(ar.cause(), provider, upstream, timeouts));
                return;
            }
            upstreamRequest = ar.result();
            if (exchange.clientGone()) {
                clientGone();
                return;
            }
            timer.deadline(timeouts.firstByte().toMillis(), () -> UpstreamFailures.firstByteTimeout(timeouts));
            upstreamRequest.send(upstream.body()).onComplete(rar -> {
                timer.cancel();
                if (rar.failed()) {
                    fail(UpstreamFailures.exchange(rar.cause()));
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
        boolean stream = upstream.answers().isStream(response.getHeader("content-type"));
        if (request.stream() && response.statusCode() == 200 && stream) {
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
        RelayedHeaders.copy(response.headers(), out);
        out.setChunked(true);
        StreamReader reader = answers.streamReader(upstreamApi, upstream.hideUsageChunk());
        // Frames are relayed as they arrive, but the frames of all chunks decoded from one socket read
        // leave in one write: the write is queued behind the read on the event loop, so a burst of
        // events costs one flush instead of one per event.
        streamResponse = response;
        FrameSplitter splitter = upstream.answers()
                .splitter(
                        translator == null
                                ? frame -> {
                                    requireWellFormed(frame);
                                    if (reader.accept(frame)) toClient(frame);
                                }
                                : translatedFrames(reader),
                        MAX_FRAME);
        timer.idle(timeouts);
        response.handler(chunk -> {
            if (done.future().isComplete()) return;
            timer.activity();
            try {
                splitter.feed(chunk);
            } catch (FramingException e) {
                usage = reader.usage();
                fail(new GatewayFailure(FailureKind.UPSTREAM_INVALID_RESPONSE, e.getMessage()));
            }
        });
        response.exceptionHandler(t -> {
            usage = reader.usage();
            fail(UpstreamFailures.exchange(t));
        });
        response.endHandler(v -> {
            timer.cancel();
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

    /**
     * A frame whose data is not JSON (nor OpenAI's {@code [DONE]}) is not what the API defines: it ends the
     * stream with an error event instead of reaching the client.
     */
    void requireWellFormed(SseFrame frame) {
        String data = frame.data();
        if (data == null || data.equals("[DONE]")) return;
        if (!json.wellFormed(data)) {
            throw new FramingException("The upstream provider sent a stream event that is not JSON.");
        }
    }

    /**
     * The splitter's sink for a translated stream: the upstream's reader sees every frame (the translator, not
     * the reader, decides what the client receives), then the translator, then the restorer.
     */
    Consumer<SseFrame> translatedFrames(StreamReader reader) {
        return frame -> {
            requireWellFormed(frame);
            reader.accept(frame);
            translator.frame(frame, toClient);
        };
    }

    /** Adds a frame for the client (its pseudonyms restored) to the batch the next flush writes. */
    void toClient(SseFrame frame) {
        if (batch == null) {
            batch = Buffer.buffer(frame.length() * 4);
            vertx.runOnContext(v -> flushBatch());
        }
        if (restorer == null) frame.appendTo(batch);
        else restorer.frame(frame, batch);
    }

    void relayBody(HttpClientResponse response) {
        int status = response.statusCode();
        long limit = status >= 400 ? MAX_ERROR_BODY : maxResponseBytes;
        Buffer body = Buffer.buffer();
        timer.idle(timeouts);
        response.handler(chunk -> {
            if (done.future().isComplete()) return;
            timer.activity();
            if (body.length() + chunk.length() > limit) {
                fail(new GatewayFailure(
                        FailureKind.UPSTREAM_INVALID_RESPONSE,
                        "The upstream provider's answer exceeds " + limit + " bytes."));
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(t -> fail(UpstreamFailures.exchange(t)));
        response.endHandler(v -> {
            timer.cancel();
            if (done.future().isComplete()) return;
            if (status >= 400) {
                relayError(response, status, body.getBytes());
            } else {
                relaySuccess(response, status, body);
            }
        });
    }

    /** A whole error answer: taken over by another attempt, or put into the client's format. */
    private void relayError(HttpClientResponse response, int status, byte[] bytes) {
        AnswerFormat.ErrorMeaning meaning = upstream.answers().error(status, response.headers());
        int clientStatus = meaning == null ? status : meaning.status();
        // A provider that states its errors in its own shape (Vertex, Mistral) says what they mean.
        ProviderError stated = upstream.errors().read(status, bytes);
        int answered = stated == null ? clientStatus : stated.status();
        String failureKey = stated == null ? "upstream." + clientStatus : stated.key();
        if (takenOver(AttemptFailure.response(answered, failureKey, response.headers(), java.time.Instant.now()))) {
            done.tryComplete(Outcome.failed(answered, failureKey, false));
            return;
        }
        HttpServerResponse out = exchange.response();
        out.setStatusCode(answered);
        RelayedHeaders.copy(response.headers(), out);
        Buffer payload = stated == null
                ? answers.normalisedError(
                        request.api(),
                        upstreamApi,
                        clientStatus,
                        bytes,
                        exchange.requestId(),
                        meaning == null ? null : meaning.anthropicType())
                : answers.statedError(request.api(), stated, bytes, exchange.requestId());
        out.putHeader("content-type", "application/json");
        out.putHeader(Exchange.ERROR_KEY, failureKey);
        firstByteNanos = System.nanoTime();
        out.end(payload);
        done.tryComplete(new Outcome(answered, usage, firstByteNanos, failureKey, false, false));
    }

    /** A whole answer: its usage read, translated and restored when the attempt says so. */
    private void relaySuccess(HttpClientResponse response, int status, Buffer body) {
        byte[] bytes = body.getBytes();
        HttpServerResponse out = exchange.response();
        out.setStatusCode(status);
        RelayedHeaders.copy(response.headers(), out);
        String contentType = response.getHeader("content-type");
        // Only the usage object is read into a tree; the rest of the answer is checked, not built.
        Json.Answer answer = json.readAnswer(bytes, "usage");
        if (!answer.object()) {
            fail(new GatewayFailure(
                    FailureKind.UPSTREAM_INVALID_RESPONSE,
                    "The upstream provider answered HTTP " + status
                            + " with a body that is not the JSON object its API defines."));
            return;
        }
        JsonNode usageNode = answer.field();
        usage = answers.usageOf(upstreamApi, usageNode);
        if (translator != null) {
            try {
                bytes = translator.body(bytes);
            } catch (GatewayFailure f) {
                fail(f);
                return;
            }
            contentType = "application/json";
        }
        Buffer payload = restorer == null
                ? (translator == null ? body : Buffer.buffer(bytes))
                : Buffer.buffer(restorer.body(bytes));
        if (contentType != null) out.putHeader("content-type", contentType);
        firstByteNanos = System.nanoTime();
        out.end(payload);
        done.tryComplete(new Outcome(status, usage, firstByteNanos, null, false, false));
    }

    /** Whether the gate takes over a failure the client has seen nothing of. */
    boolean takenOver(AttemptFailure failure) {
        return gate != null
                && !exchange.clientGone()
                && !exchange.response().headWritten()
                && batch == null
                && gate.takeOver(failure);
    }

    void fail(GatewayFailure failure) {
        timer.cancel();
        if (done.future().isComplete()) return;
        if (failure.kind().retryable()
                && failure.kind() != FailureKind.UPSTREAM_INVALID_RESPONSE
                && takenOver(AttemptFailure.transport(failure.kind().key()))) {
            // Complete first: resetting the upstream request below re-enters this call through its handlers.
            done.complete(Outcome.failed(failure.kind().status(), failure.kind().key(), false));
            if (upstreamRequest != null) upstreamRequest.reset();
            return;
        }
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
        timer.cancel();
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
}
