package dev.sovereign.gateway.wire;

import java.util.Map;

/**
 * A failure to report to the client. The message is safe: it never contains request or answer text,
 * nor a secret. Thrown by pure stages and carried by failed futures of I/O stages.
 */
public final class GatewayFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final transient Map<String, String> headers;

    public GatewayFailure(FailureKind kind, String safeMessage) {
        this(kind, safeMessage, Map.of(), null);
    }

    public GatewayFailure(FailureKind kind, String safeMessage, Map<String, String> headers, Throwable cause) {
        super(safeMessage, cause, false, false);
        this.kind = kind;
        this.headers = Map.copyOf(headers);
    }

    public FailureKind kind() {
        return kind;
    }

    /** Extra response headers, such as {@code Allow} for a 405. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The failure behind any throwable: itself, or an internal error with a generic message. */
    public static GatewayFailure of(Throwable t) {
        if (t instanceof GatewayFailure f) return f;
        return new GatewayFailure(FailureKind.INTERNAL, "The gateway failed to handle the request.", Map.of(), t);
    }
}
