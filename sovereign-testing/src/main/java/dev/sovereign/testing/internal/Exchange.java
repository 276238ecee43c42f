package dev.sovereign.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One request being answered: its fully read body, the API it speaks and the ways to answer it.
 *
 * <p>A stream fault (see {@link Fault#isStreamFault()}) handed to the exchange is applied by
 * whichever answer the handler gives: {@link #stream} passes it to the {@link SseWriter}; {@link
 * #respond} applies its non-streaming meaning. Confined to the request's event loop.
 */
public final class Exchange {

    private final HttpServerRequest request;
    private final byte[] body;
    private final ApiShape shape;
    private final String requestId;
    private final UpstreamState state;
    private final Vertx vertx;
    private Fault streamFault;
    private JsonNode json;
    private String parseError;
    private boolean parsed;

    public Exchange(HttpServerRequest request, byte[] body, UpstreamState state, Vertx vertx) {
        this.request = request;
        this.body = body;
        this.state = state;
        this.vertx = vertx;
        this.shape = ApiShape.of(request.path(), request.headers());
        this.requestId = shape == ApiShape.BEDROCK ? java.util.UUID.randomUUID().toString() : Ids.request();
    }

    public String path() {
        return request.path();
    }

    /** The raw request body; callers must not modify it. */
    public byte[] body() {
        return body;
    }

    public String method() {
        return request.method().name();
    }

    /** A request header, or {@code null}. */
    public String header(String name) {
        return request.getHeader(name);
    }

    /** Every value of a request header, in arrival order. */
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    /** The path as it came on the wire, percent-encoding kept, without the query. */
    public String rawPath() {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    public ApiShape shape() {
        return shape;
    }

    public String requestId() {
        return requestId;
    }

    public UpstreamState state() {
        return state;
    }

    public Vertx vertx() {
        return vertx;
    }

    void setStreamFault(Fault fault) {
        this.streamFault = fault;
    }

    /** The body parsed as JSON, or {@code null} when it is empty or malformed (see {@link #parseError}). */
    public JsonNode json() {
        if (!parsed) {
            parsed = true;
            if (body.length == 0) {
                parseError = "request body is empty";
            } else {
                try {
                    json = Json.MAPPER.readTree(body);
                } catch (JsonProcessingException e) {
                    parseError = "request body is not valid JSON: " + e.getOriginalMessage();
                } catch (IOException e) {
                    parseError = "request body is not valid JSON";
                }
            }
        }
        return json;
    }

    /** The body decoded as UTF-8 (a form, for the token endpoint). */
    public String bodyAsString() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The raw query string, or {@code null}. */
    public String query() {
        return request.query();
    }

    /** Why {@link #json()} returned {@code null}. */
    public String parseError() {
        json();
        return parseError;
    }

    /** Answers with a JSON body, honouring a pending stream fault in its non-streaming meaning. */
    public void respond(int status, Buffer body) {
        respond(status, body, Map.of());
    }

    /** As {@link #respond(int, Buffer)}, with extra headers (a {@code content-type} among them wins). */
    public void respond(int status, Buffer body, Map<String, String> headers) {
        Fault fault = streamFault;
        streamFault = null;
        if (fault == null) {
            write(status, body, headers);
            return;
        }
        switch (fault.kind()) {
            case DISCONNECT_AFTER_EVENTS -> closeConnection();
            case STALL_AFTER_EVENTS -> {
                if (fault.delay().isZero()) {
                    write(status, body, headers);
                } else {
                    vertx.setTimer(UpstreamState.toTimerMillis(fault.delay()), t -> write(status, body, headers));
                }
            }
            case BEDROCK_STREAM_EXCEPTION -> bedrockError(fault.bedrockException());
            case GARBAGE_AFTER_EVENTS -> write(200, Buffer.buffer(Fault.GARBAGE), headers);
            case ERROR_EVENT_AFTER_EVENTS -> {
                if (shape == ApiShape.BEDROCK) {
                    bedrockError(dev.sovereign.testing.BedrockException.SERVICE_UNAVAILABLE);
                } else if (shape.anthropicFormat()) {
                    anthropicError(529, "overloaded_error", "Overloaded");
                } else {
                    openAiError(
                            500,
                            "The server had an error while processing your request. Sorry about that!",
                            "server_error",
                            null,
                            null);
                }
            }
            default -> throw new IllegalStateException("not a stream fault: " + fault);
        }
    }

    /** An Anthropic-shaped error. */
    public void anthropicError(int status, String type, String message) {
        respond(status, ErrorBodies.anthropic(type, message, requestId));
    }

    /** A Bedrock error answer: the exception's status, {@code {"message"}} and {@code x-amzn-errortype}. */
    public void bedrockError(dev.sovereign.testing.BedrockException exception) {
        bedrockError(exception.status(), exception.errorType(), exception.message());
    }

    /** A Bedrock error answer with this status, exception name and message. */
    public void bedrockError(int status, String errorType, String message) {
        respond(
                status,
                Json.buffer(Json.object().put("message", message)),
                Map.of("x-amzn-errortype", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
    }

    /** An OpenAI-shaped error. */
    public void openAiError(int status, String message, String type, String param, String code) {
        respond(status, ErrorBodies.openAi(message, type, param, code));
    }

    /** HTTP 400 {@code invalid_request_error} in this exchange's shape. */
    public void invalidRequest(String message, String param, String code) {
        if (shape == ApiShape.BEDROCK) {
            bedrockError(400, "ValidationException", message);
        } else if (shape.anthropicFormat()) {
            anthropicError(400, "invalid_request_error", param == null ? message : param + ": " + message);
        } else {
            openAiError(400, message, "invalid_request_error", param, code);
        }
    }

    /** HTTP 404 in this exchange's shape. */
    public void notFound() {
        if (shape == ApiShape.BEDROCK) {
            bedrockError(404, "UnknownOperationException", "Unknown operation " + method() + " " + path());
        } else if (shape.anthropicFormat()) {
            anthropicError(404, "not_found_error", "Not Found");
        } else {
            openAiError(404, "Invalid URL (" + method() + " " + path() + ")", "invalid_request_error", null, null);
        }
    }

    /** Streams these SSE frames (see {@link SseWriter}); {@code errorFrame} is the in-stream error. */
    public void stream(List<Buffer> frames, Buffer errorFrame) {
        Fault fault = streamFault;
        streamFault = null;
        new SseWriter(this, frames, errorFrame, fault, "text/event-stream; charset=utf-8", Map.of()).start();
    }

    /**
     * Streams Bedrock event-stream frames as {@code application/vnd.amazon.eventstream}; a {@link
     * Fault#bedrockInStream} fault ends it with its exception frame, an error-event fault with a {@code
     * serviceUnavailableException}.
     */
    public void streamEventStream(List<Buffer> frames, Map<String, String> headers) {
        Fault fault = streamFault;
        streamFault = null;
        dev.sovereign.testing.BedrockException exception = fault != null && fault.bedrockException() != null
                ? fault.bedrockException()
                : dev.sovereign.testing.BedrockException.SERVICE_UNAVAILABLE;
        new SseWriter(
                        this,
                        frames,
                        EventStreamFrames.exception(exception),
                        fault,
                        EventStreamFrames.CONTENT_TYPE,
                        headers)
                .start();
    }

    HttpServerResponse response() {
        return request.response();
    }

    /** Closes the TCP connection at once, whatever was sent. */
    public void closeConnection() {
        request.connection().close();
    }

    /** Sends a response now: no fault, no delay. */
    void write(int status, Buffer body, Map<String, String> headers) {
        HttpServerResponse response = request.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status);
        response.putHeader("content-type", "application/json");
        response.putHeader(requestIdHeader(), requestId);
        headers.forEach(response::putHeader);
        response.end(body);
    }

    String requestIdHeader() {
        return switch (shape) {
            case ANTHROPIC, VERTEX -> "request-id";
            case OPENAI, AZURE, MISTRAL -> "x-request-id";
            case BEDROCK -> "x-amzn-requestid";
        };
    }
}
