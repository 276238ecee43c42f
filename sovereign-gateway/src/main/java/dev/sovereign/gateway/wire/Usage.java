package dev.sovereign.gateway.wire;

/**
 * Token counts reported by an upstream; {@code -1} where the upstream did not say.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
    public static final Usage UNKNOWN = new Usage(-1, -1, -1, -1);

    public boolean known() {
        return inputTokens >= 0 || outputTokens >= 0;
    }
}
