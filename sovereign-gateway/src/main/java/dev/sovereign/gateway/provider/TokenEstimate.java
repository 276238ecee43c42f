package dev.sovereign.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An estimate of the input tokens of an Anthropic Messages request, for upstreams without a
 * {@code count_tokens} endpoint: about four bytes of UTF-8 text per token, the usual rule for
 * BPE tokenizers on English and code, plus a few tokens of framing per message.
 */
public final class TokenEstimate {
    private TokenEstimate() {}

    public static long inputTokens(JsonNode body) {
        long bytes = textBytes(body.get("system")) + textBytes(body.get("messages")) + textBytes(body.get("tools"));
        long messages = body.path("messages").size();
        return Math.max(1, (bytes + 3) / 4 + 4 * messages);
    }

    private static long textBytes(JsonNode node) {
        if (node == null) return 0;
        if (node.isTextual()) return utf8Length(node.asText());
        long total = 0;
        if (node.isContainerNode()) {
            for (JsonNode child : node) total += textBytes(child);
        }
        return total;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
