package dev.sovereign.testing.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers in the formats the real providers use. Thread-safe. */
public final class Ids {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    /** Anthropic message id, {@code msg_01...}. */
    public static String message() {
        return random("msg_01", 22);
    }

    /** Anthropic request id, {@code req_011C...}, used in the {@code request-id} header and error bodies. */
    public static String request() {
        return random("req_011C", 20);
    }

    /** Anthropic tool use id, {@code toolu_01...}. */
    public static String toolUse() {
        return random("toolu_01", 22);
    }

    /** OpenAI chat completion id, {@code chatcmpl-...}. */
    public static String chatCompletion() {
        return random("chatcmpl-", 29);
    }

    /** OpenAI tool call id, {@code call_...}. */
    public static String toolCall() {
        return random("call_", 24);
    }

    private static String random(String prefix, int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            out.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return out.toString();
    }
}
