package dev.sovereign.gateway.sse;

/**
 * An upstream stream that cannot be cut into events: a frame too large, a corrupt or undecodable frame. The message
 * is safe to show a client: it never holds the stream's content.
 */
public final class FramingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public FramingException(String safeMessage) {
        super(safeMessage);
    }
}
