package dev.sovereign.gateway.wire;

/**
 * How an upstream exchange ended, for metrics, the access log and the completion record.
 *
 * @param status the HTTP status the client received
 * @param firstByteNanos nanoTime when the first answer byte reached the client, or 0
 * @param errorKey a stable key when the exchange failed (gateway or upstream error), else {@code null}
 * @param cancelled the client went away before the end
 */
public record Outcome(
        int status, Usage usage, long firstByteNanos, String errorKey, boolean cancelled, boolean streamed) {

    /** A request that ended before any answer: refused by the gateway, or abandoned by its client. */
    public static Outcome failed(int status, String errorKey, boolean cancelled) {
        return new Outcome(status, Usage.UNKNOWN, 0, errorKey, cancelled, false);
    }
}
