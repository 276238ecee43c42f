package dev.sovereign.testing.internal;

import java.util.ArrayList;
import java.util.List;

/** Splitting answer text into per-word stream fragments, and the fixed "lorem ipsum" answer. */
public final class Words {

    static final String[] LOREM =
            ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut"
                            + " labore et dolore magna aliqua")
                    .split(" ");

    private Words() {}

    /**
     * Splits {@code text} into fragments of one word each, whitespace kept in front of the word, so
     * the fragments concatenate to exactly {@code text}: {@code "Echo: a  b"} gives {@code ["Echo:",
     * " a", "  b"]}. Leading and trailing whitespace stay on the first and last fragment. Empty text
     * gives no fragments.
     */
    public static List<String> fragments(String text) {
        List<String> fragments = new ArrayList<>();
        int lastWordChar = -1;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                lastWordChar = i;
                break;
            }
        }
        int start = 0;
        boolean seenWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (space && seenWord && i < lastWordChar && !Character.isWhitespace(text.charAt(i - 1))) {
                fragments.add(text.substring(start, i));
                start = i;
            }
            seenWord |= !space;
        }
        if (start < text.length()) {
            fragments.add(text.substring(start));
        }
        return fragments;
    }

    /** {@code n} words of "lorem ipsum ...", cycling, as fragments ({@code "lorem", " ipsum", ...}). */
    public static List<String> lorem(int n) {
        List<String> fragments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String word = LOREM[i % LOREM.length];
            fragments.add(i == 0 ? word : " " + word);
        }
        return fragments;
    }
}
