package dev.sovereign.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted misbehaviour for the next request the fake upstream receives, whatever its path.
 *
 * <p>Faults that produce an error body use the native shape of the API the path belongs to
 * (Anthropic for {@code /v1/messages*}, OpenAI for {@code /v1/chat/completions} and {@code
 * /v1/embeddings}, Bedrock for {@code /model/*}: {@code {"message"}} with {@code x-amzn-errortype},
 * so that {@link #rateLimited} is a {@code ThrottlingException} and {@link #overloaded} a {@code
 * ServiceUnavailableException} there; for other paths Anthropic when the request carries {@code
 * anthropic-version}, else OpenAI). On Vertex AI paths a rate limit is Google's 429 {@code
 * RESOURCE_EXHAUSTED}, on Azure paths Azure's 429 with {@code retry-after} and {@code retry-after-ms}, on
 * Mistral paths Mistral's. A fault replaces normal behaviour including authentication and validation.
 *
 * <p>Stream faults ({@link #disconnectAfterEvents}, {@link #stallAfterEvents}, {@link
 * #errorEventAfterEvents}, {@link #bedrockInStream}) count SSE events (frames) — on Bedrock,
 * event-stream chunk frames — from the first one, {@code message_start} or the first chunk; if the stream has fewer events than {@code n}, the fault acts after the last
 * event, before the response ends. On a non-streaming response they act on the whole response, as
 * documented on each factory.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Fault {

    /** What a fault does; exposed for the server's internals and for diagnostics. */
    public enum Kind {
        STATUS,
        RATE_LIMITED,
        OVERLOADED,
        DISCONNECT_AFTER_EVENTS,
        STALL_BEFORE_HEADERS,
        STALL_AFTER_EVENTS,
        ERROR_EVENT_AFTER_EVENTS,
        GARBAGE_AFTER_EVENTS,
        MISTRAL_VALIDATION,
        MISTRAL_ERROR,
        INVALID_REQUEST,
        BEDROCK_ERROR,
        BEDROCK_STREAM_EXCEPTION,
        GOOGLE_ERROR,
        AZURE_CONTENT_FILTER
    }

    private final Kind kind;
    private final int status;
    private final String body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final int events;
    private final BedrockException bedrockException;

    private Fault(Kind kind, int status, String body, Map<String, String> headers, Duration delay, int events) {
        this(kind, status, body, headers, delay, events, null);
    }

    private Fault(
            Kind kind,
            int status,
            String body,
            Map<String, String> headers,
            Duration delay,
            int events,
            BedrockException bedrockException) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
        this.events = events;
        this.bedrockException = bedrockException;
    }

    /**
     * A raw response: this status, this body (sent as is; {@code null} for none) and these headers.
     * {@code content-type} defaults to {@code application/json} unless given.
     */
    public static Fault status(int status, String body, Map<String, String> headers) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be a 3-digit HTTP status, was " + status);
        }
        return new Fault(Kind.STATUS, status, body, Objects.requireNonNullElse(headers, Map.of()), Duration.ZERO, 0);
    }

    /**
     * HTTP 429 in the native shape (Anthropic {@code rate_limit_error}; OpenAI {@code
     * rate_limit_exceeded}), with {@code retry-after} in whole seconds (rounded up), {@code
     * retry-after-ms} and {@code x-should-retry: true}.
     */
    public static Fault rateLimited(Duration retryAfter) {
        requireNonNegative(retryAfter, "retryAfter");
        return new Fault(Kind.RATE_LIMITED, 429, null, Map.of(), retryAfter, 0);
    }

    /** HTTP 529 Anthropic {@code overloaded_error}; on OpenAI paths HTTP 503 {@code server_error}. */
    public static Fault overloaded() {
        return new Fault(Kind.OVERLOADED, 529, null, Map.of(), Duration.ZERO, 0);
    }

    /**
     * Streaming: send {@code n} SSE events, then close the TCP connection without ending the
     * chunked body. Non-streaming: close the connection before sending any byte.
     */
    public static Fault disconnectAfterEvents(int n) {
        requireNonNegative(n);
        return new Fault(Kind.DISCONNECT_AFTER_EVENTS, 0, null, Map.of(), Duration.ZERO, n);
    }

    /** Wait {@code d} before sending anything (status line included), then behave normally. */
    public static Fault stallBeforeHeaders(Duration d) {
        requireNonNegative(d, "d");
        return new Fault(Kind.STALL_BEFORE_HEADERS, 0, null, Map.of(), d, 0);
    }

    /**
     * Streaming: send {@code n} events, pause {@code d}, then continue normally. Non-streaming: pause
     * {@code d} before the response.
     */
    public static Fault stallAfterEvents(int n, Duration d) {
        requireNonNegative(n);
        requireNonNegative(d, "d");
        return new Fault(Kind.STALL_AFTER_EVENTS, 0, null, Map.of(), d, n);
    }

    /**
     * Streaming: after {@code n} events send the in-stream error (Anthropic {@code event: error} with
     * {@code overloaded_error}; OpenAI {@code data: {"error":{...}}}) and end the response.
     * Non-streaming: the equivalent HTTP error (Anthropic 529 {@code overloaded_error}; OpenAI 500
     * {@code server_error}).
     */
    public static Fault errorEventAfterEvents(int n) {
        requireNonNegative(n);
        return new Fault(Kind.ERROR_EVENT_AFTER_EVENTS, 0, null, Map.of(), Duration.ZERO, n);
    }

    /**
     * Streaming: after {@code n} events one event whose data is not JSON ({@link #GARBAGE}), then the rest of the
     * stream as usual, as a broken proxy or a corrupted connection may deliver it. Non-streaming: HTTP 200 with
     * {@link #GARBAGE} as the body.
     */
    public static Fault garbageAfterEvents(int n) {
        requireNonNegative(n);
        return new Fault(Kind.GARBAGE_AFTER_EVENTS, 0, null, Map.of(), Duration.ZERO, n);
    }

    /** What {@link #garbageAfterEvents} sends where JSON belongs. */
    public static final String GARBAGE = "<html><body>upstream proxy error</body></html>";

    /**
     * HTTP 422 with Mistral's validation body {@code {"detail":[{"type","loc","msg","input"}]}},
     * reporting a missing {@code body.messages}.
     */
    public static Fault mistralValidation() {
        return new Fault(Kind.MISTRAL_VALIDATION, 422, null, Map.of(), Duration.ZERO, 0);
    }

    /**
     * An error in Mistral's shape {@code {"object":"error","message","type","param":null,"code"}},
     * e.g. {@code mistralError(429, "rate_limited", "Requests rate limit exceeded", "1300")}.
     */
    public static Fault mistralError(int status, String type, String message, String code) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("type", Objects.requireNonNull(type, "type"));
        fields.put("message", Objects.requireNonNull(message, "message"));
        if (code != null) {
            fields.put("code", code);
        }
        return new Fault(Kind.MISTRAL_ERROR, status, null, fields, Duration.ZERO, 0);
    }

    /**
     * A Google error as Vertex AI sends it for quota, permission and unknown-model failures: {@code
     * {"error":{"code":status,"message","status":googleStatus}}}, e.g. {@code googleError(429, "RESOURCE_EXHAUSTED",
     * "Quota exceeded")}; with {@code wrapped}, inside an array ({@code [{"error":{...}}]}), as Vertex AI also sends
     * it.
     */
    public static Fault googleError(int status, String googleStatus, String message, boolean wrapped) {
        Map<String, String> fields = Map.of(
                "status",
                Objects.requireNonNull(googleStatus, "googleStatus"),
                "message",
                Objects.requireNonNull(message, "message"),
                "wrapped",
                Boolean.toString(wrapped));
        return new Fault(Kind.GOOGLE_ERROR, status, null, fields, Duration.ZERO, 0);
    }

    /**
     * Azure OpenAI's content filter refusing the prompt: HTTP 400 {@code {"error":{"code":"content_filter",
     * "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{...}}}}}, {@code violence} filtered.
     */
    public static Fault azureContentFilter() {
        return new Fault(Kind.AZURE_CONTENT_FILTER, 400, null, Map.of(), Duration.ZERO, 0);
    }

    /** HTTP 400 in the native shape with this message ({@code invalid_request_error}). */
    public static Fault invalidRequest(String message) {
        return new Fault(
                Kind.INVALID_REQUEST, 400, Objects.requireNonNull(message, "message"), Map.of(), Duration.ZERO, 0);
    }

    /**
     * Bedrock answers with this exception: its status, {@code {"message"}} and {@code x-amzn-errortype}. On other
     * paths, the status with an error in the path's shape.
     */
    public static Fault bedrock(BedrockException exception) {
        return new Fault(
                Kind.BEDROCK_ERROR, exception.status(), exception.message(), Map.of(), Duration.ZERO, 0, exception);
    }

    /**
     * Bedrock streaming: after {@code n} chunk frames, an exception frame ({@code :message-type: exception}) naming
     * {@code exception}, then the end of the response. Non-streaming: the error answer of {@link #bedrock}.
     */
    public static Fault bedrockInStream(BedrockException exception, int n) {
        requireNonNegative(n);
        return new Fault(
                Kind.BEDROCK_STREAM_EXCEPTION,
                exception.status(),
                exception.message(),
                Map.of(),
                Duration.ZERO,
                n,
                exception);
    }

    public Kind kind() {
        return kind;
    }

    /** The exception of {@link #bedrock} and {@link #bedrockInStream}; else {@code null}. */
    public BedrockException bedrockException() {
        return bedrockException;
    }

    /** The HTTP status for error faults; 0 for faults that do not choose one. */
    public int status() {
        return status;
    }

    /** The raw body of {@link #status}, the message of {@link #invalidRequest}; else {@code null}. */
    public String body() {
        return body;
    }

    /** Extra headers of {@link #status}; the fields of {@link #mistralError}; else empty. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The stall duration, or the retry-after of {@link #rateLimited}; else zero. */
    public Duration delay() {
        return delay;
    }

    /** The number of events before a stream fault acts; else 0. */
    public int events() {
        return events;
    }

    /** Whether this fault acts inside a streamed response rather than replacing the response. */
    public boolean isStreamFault() {
        return kind == Kind.DISCONNECT_AFTER_EVENTS
                || kind == Kind.STALL_AFTER_EVENTS
                || kind == Kind.ERROR_EVENT_AFTER_EVENTS
                || kind == Kind.GARBAGE_AFTER_EVENTS
                || kind == Kind.BEDROCK_STREAM_EXCEPTION;
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status != 0 ? " status=" + status : "") + (events != 0 ? " events=" + events : "")
                + (delay.isZero() ? "" : " delay=" + delay) + "]";
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("event count must be >= 0, was " + n);
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a non-negative duration, was " + d);
        }
    }
}
