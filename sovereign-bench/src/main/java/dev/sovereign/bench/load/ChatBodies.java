package dev.sovereign.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * OpenAI chat-completion request bodies of an exact size in bytes, for load tests: a system and a
 * user message of plain English filler (no e-mail addresses, numbers or names, so no classifier
 * finds personal data in them). Deterministic: the same arguments give the same bytes.
 *
 * <p>{@code main} prints one body to stdout, for tools such as wrk that read it from a file:
 * {@code ChatBodies --bytes 2048 --model gpt-4o-mini [--stream]}.
 */
public final class ChatBodies {

    private static final String[] WORDS = {
        "the",
        "gateway",
        "forwards",
        "each",
        "request",
        "to",
        "a",
        "provider",
        "that",
        "policy",
        "allows",
        "and",
        "streams",
        "answer",
        "back",
        "as",
        "it",
        "comes",
        "while",
        "audit",
        "log",
        "keeps",
        "decision"
    };

    private ChatBodies() {}

    /**
     * A body of exactly {@code bytes} bytes.
     *
     * @throws IllegalArgumentException when {@code bytes} is smaller than the JSON skeleton
     */
    public static byte[] chat(String model, boolean stream, int bytes) {
        String head = "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":256,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a concise assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"";
        String tail = "\"}]}";
        int room = bytes - head.length() - tail.length();
        if (room < 1) {
            throw new IllegalArgumentException("bytes must be at least " + (head.length() + tail.length() + 1));
        }
        StringBuilder text = new StringBuilder(room);
        for (int i = 0; text.length() < room; i++) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(WORDS[i % WORDS.length]);
        }
        text.setLength(room);
        if (text.charAt(room - 1) == ' ') {
            text.setCharAt(room - 1, '.');
        }
        return (head + text + tail).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse(args, java.util.Set.of("--bytes", "--model"), java.util.Set.of("--stream"));
        byte[] body =
                chat(flags.string("--model", "gpt-4o-mini"), flags.on("--stream"), flags.integer("--bytes", 2048));
        System.out.write(body, 0, body.length);
        System.out.flush();
    }
}
