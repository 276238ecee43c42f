package dev.sovereign.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplicedTextNodeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Serialises {@code node} inside an object, as a request body is, and reads the string back. */
    static String roundTrip(com.fasterxml.jackson.databind.JsonNode node) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.set("a", node);
        body.put("b", 1);
        byte[] bytes = JSON.writeValueAsBytes(body);
        ObjectNode back = (ObjectNode) JSON.readTree(bytes);
        assertThat(back.get("b").asInt()).isEqualTo(1);
        return back.get("a").textValue();
    }

    static String splice(String text, int[] ranges, String[] replacements) {
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        for (int k = 0; k < replacements.length; k++) {
            sb.append(text, copied, ranges[2 * k]).append(replacements[k]);
            copied = ranges[2 * k + 1];
        }
        return sb.append(text.substring(copied)).toString();
    }

    @Test
    void writesTheSameJsonAsTheJoinedString() throws Exception {
        String text = "Mail \"jane@example.org\" or\ncall +33 6 12 34 56 78 \\ 😀 end";
        int[] ranges = {6, 22, 32, 49};
        String[] replacements = {"⟦EMAIL_1⟧", "⟦PHONE_1⟧"};
        SplicedTextNode node = new SplicedTextNode(text, ranges, replacements);
        String expected = splice(text, ranges, replacements);
        assertThat(roundTrip(node)).isEqualTo(expected);
        assertThat(JSON.writeValueAsString(node)).isEqualTo(JSON.writeValueAsString(TextNode.valueOf(expected)));
        assertThat(node.textValue()).isEqualTo(expected);
        assertThat(node.length()).isEqualTo(expected.length());
        assertThat(node.isTextual()).isTrue();
        // Once read, it serialises from the joined string, the same way.
        assertThat(roundTrip(node)).isEqualTo(expected);
    }

    @Test
    void replacementsAtTheEdgesAndEmptyStretches() throws Exception {
        String text = "abcdef";
        int[] ranges = {0, 2, 2, 4, 4, 6};
        String[] replacements = {"X", "", "⟦Z_1⟧"};
        assertThat(roundTrip(new SplicedTextNode(text, ranges, replacements))).isEqualTo("X⟦Z_1⟧");
        assertThat(roundTrip(new SplicedTextNode(text, new int[0], new String[0])))
                .isEqualTo(text);
    }

    @Test
    void longTextsWithSurrogatePairsAcrossTheGeneratorsChunksSurvive() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(20_000);
            while (sb.length() < len) {
                switch (random.nextInt(6)) {
                    case 0 -> sb.append("😀"); // a surrogate pair
                    case 1 -> sb.append('"');
                    case 2 -> sb.append("é");
                    case 3 -> sb.append('\n');
                    default -> sb.append((char) ('a' + random.nextInt(26)));
                }
            }
            String text = sb.toString();
            int n = random.nextInt(6);
            int[] ranges = new int[2 * n];
            String[] replacements = new String[n];
            int at = 0;
            for (int k = 0; k < n; k++) {
                int start = Math.min(text.length(), at + random.nextInt(4000));
                int end = Math.min(text.length(), start + random.nextInt(30));
                // Never cut a surrogate pair: findings are whole values.
                if (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) start--;
                if (end > 0 && end < text.length() && Character.isLowSurrogate(text.charAt(end))) end++;
                end = Math.max(start, end);
                ranges[2 * k] = start;
                ranges[2 * k + 1] = end;
                replacements[k] = random.nextBoolean() ? "⟦EMAIL_" + k + "⟧" : "😀x😀";
                at = end;
            }
            String expected = splice(text, ranges, replacements);
            assertThat(roundTrip(new SplicedTextNode(text, ranges, replacements)))
                    .as("round %d", round)
                    .isEqualTo(expected);
        }
    }
}
