package dev.sovereign.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds values split between consecutive pieces of a conversation's text: {@code "write to jane.doe@exa"} in one
 * content block and {@code "mple.org today"} in the next, or an IBAN cut between two messages. The pieces are the
 * text a model reads in order — the system prompt's text, each message's content and text blocks, the text of tool
 * results — not the fields of a tool's input or other values that merely follow each other in the body. For each pair
 * of consecutive pieces, the end of the first and the start of the second are scanned as one text — the last word of
 * one and the first of the other, with the words beside them that may be groups of the same identifier, within
 * {@link #REACH} characters; a finding that crosses the seam becomes two findings, one over each part, and is counted
 * once. Findings that do not cross the seam were already found in their own segment, and a crossing finding that
 * overlaps one of its category found on either side only lengthens it ({@code "… jane@example.org."} followed by
 * {@code "Le client …"}), and is not a split value.
 *
 * <p>The reach bounds the cost to one short scan per seam, whatever the segments' length, and is longer than every
 * structured identifier (an IBAN written in groups is at most 42 characters, an email rarely longer).
 */
final class JoinedViews {
    static final int REACH = 48;

    private JoinedViews() {}

    static void scan(
            Classifier classifier, List<TextSegment> segments, List<List<Finding>> found, Map<String, Integer> counts) {
        int previous = -1;
        for (int k = 0; k < segments.size(); k++) {
            TextSegment segment = segments.get(k);
            if (segment.form() != TextSegment.Form.TEXT
                    || segment.text().isEmpty()
                    || !isConversationText(segment.path())) continue;
            if (previous >= 0) seam(classifier, segments, found, counts, previous, k);
            previous = k;
        }
    }

    private static void seam(
            Classifier classifier,
            List<TextSegment> segments,
            List<List<Finding>> found,
            Map<String, Integer> counts,
            int a,
            int b) {
        String first = segments.get(a).text();
        String second = segments.get(b).text();
        List<Finding> before = found.get(a);
        List<Finding> after = found.get(b);
        // A value found whole and cut off from the seam by punctuation ("… +33 6 12 34 56 78." then "Thanks") is not
        // part of a split one: the window leaves it out, so that it is not validated again. A value that runs up to
        // the seam, or is separated from it by spaces only, may be the start of a longer one and stays in.
        int from = tailStart(first);
        for (Finding f : before) {
            if (f.end() > from && separated(first, f.end(), first.length())) from = f.end();
        }
        if (from > 0 && from < first.length() && Character.isLowSurrogate(first.charAt(from))) from--;
        int to = headEnd(second);
        for (Finding f : after) {
            if (f.start() < to && separated(second, 0, f.start())) to = f.start();
        }
        if (to > 0 && to < second.length() && Character.isLowSurrogate(second.charAt(to))) to++;
        if (from >= first.length() || to <= 0) return;
        if (!mayCross(first, from, second, to)) return;
        int seam = first.length() - from;
        String joined = first.substring(from) + second.substring(0, to);
        List<Finding> crossing = null;
        for (Finding f : classifier.scan(joined)) {
            if (f.start() < seam
                    && f.end() > seam
                    && !overlaps(before, f.category(), from + f.start(), first.length())
                    && !overlaps(after, f.category(), 0, f.end() - seam)) {
                if (crossing == null) crossing = new ArrayList<>(2);
                crossing.add(f);
            }
        }
        if (crossing == null) return;
        List<Finding> head = new ArrayList<>(found.get(a));
        List<Finding> tail = new ArrayList<>(found.get(b));
        for (Finding f : crossing) {
            String detector = f.detector() + "+joined";
            head.add(new Finding(f.category(), from + f.start(), first.length(), f.confidence(), detector));
            tail.add(new Finding(f.category(), 0, f.end() - seam, f.confidence(), detector));
            counts.merge(f.category(), 1, Integer::sum);
        }
        head.sort(BY_START);
        tail.sort(BY_START);
        found.set(a, List.copyOf(head));
        found.set(b, List.copyOf(tail));
    }

    /**
     * Where the first piece's part of the window starts: its last token (a run without spaces), and the tokens before
     * it while they could be groups of one identifier (they hold a digit, an {@code @}, or only capitals: {@code DE89
     * 3704 0044}, {@code +33 6 12}), within {@link #REACH} characters. Prose before the last word cannot be part of a
     * value split at the seam, so it is not scanned again.
     */
    static int tailStart(String text) {
        int limit = Math.max(0, text.length() - REACH);
        int p = text.length();
        while (p > limit && isSpace(text.charAt(p - 1))) p--;
        while (p > limit && !isSpace(text.charAt(p - 1))) p--;
        while (p > limit) {
            int end = p;
            while (end > limit && isSpace(text.charAt(end - 1))) end--;
            int begin = end;
            while (begin > limit && !isSpace(text.charAt(begin - 1))) begin--;
            if (begin == end || !groupLike(text, begin, end)) break;
            p = begin;
        }
        return p;
    }

    /** Where the second piece's part of the window ends: {@link #tailStart} from the other side. */
    static int headEnd(String text) {
        int limit = Math.min(text.length(), REACH);
        int p = 0;
        while (p < limit && isSpace(text.charAt(p))) p++;
        while (p < limit && !isSpace(text.charAt(p))) p++;
        while (p < limit) {
            int begin = p;
            while (begin < limit && isSpace(text.charAt(begin))) begin++;
            int end = begin;
            while (end < limit && !isSpace(text.charAt(end))) end++;
            if (begin == end || !groupLike(text, begin, end)) break;
            p = end;
        }
        return p;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00a0' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A token that may be one group of an identifier written in groups: a digit, an {@code @}, or capitals only. */
    private static boolean groupLike(String text, int from, int to) {
        boolean capitals = true;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (Character.isDigit(c) || c == '@' || c == '+') return true;
            capitals &= Character.isUpperCase(c);
        }
        return capitals;
    }

    /**
     * Whether a value may cross this seam at all: the pieces meet letter to letter or digit to digit (a word or a
     * number cut in two), or the window holds a digit or an {@code @} (a value with punctuation inside it: an email,
     * an IBAN in groups, a key). Prose that ends a sentence and starts the next ({@code "…next week."}, {@code
     * "Thanks"}) is not scanned again.
     */
    static boolean mayCross(String first, int from, String second, int to) {
        if (Character.isLetterOrDigit(first.charAt(first.length() - 1))
                && Character.isLetterOrDigit(second.charAt(0))) {
            return true;
        }
        return hasDigitOrAt(first, from, first.length()) || hasDigitOrAt(second, 0, to);
    }

    private static boolean hasDigitOrAt(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '@' || Character.isDigit(c)) return true;
        }
        return false;
    }

    /** Whether {@code text[from, to)} holds a character that no value runs across: not a letter, digit or space. */
    private static boolean separated(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '\u00a0') return true;
        }
        return false;
    }

    /**
     * Whether {@code path} is a piece of the text a model reads in order: {@code /system}, {@code /system/N/text},
     * {@code /messages/N/content}, {@code /messages/N/content/M/text}, a tool result's {@code …/content} and its text
     * blocks, an embeddings {@code /input} or {@code /input/N}.
     */
    static boolean isConversationText(String path) {
        // most pieces of a request with tools are under /tools, /metadata, /model: one char tells them apart
        char first = path.length() > 1 ? path.charAt(1) : 0;
        if (first != 's' && first != 'i' && first != 'm') return false;
        if (path.startsWith("/system")) return path.length() == 7 || matches(path, 7, "/#/text");
        if (path.startsWith("/input")) return path.length() == 6 || matches(path, 6, "/#");
        if (!path.startsWith("/messages/")) return false;
        int at = digits(path, 10);
        if (at < 0 || !path.startsWith("/content", at)) return false;
        at += 8;
        return at == path.length()
                || matches(path, at, "/#/text")
                || matches(path, at, "/#/content")
                || matches(path, at, "/#/content/#/text");
    }

    /** Whether {@code path} from {@code at} is exactly {@code shape}, where {@code #} stands for an array index. */
    private static boolean matches(String path, int at, String shape) {
        int p = at;
        for (int k = 0; k < shape.length(); k++) {
            char c = shape.charAt(k);
            if (c == '#') {
                p = digits(path, p);
                if (p < 0) return false;
            } else {
                if (p >= path.length() || path.charAt(p) != c) return false;
                p++;
            }
        }
        return p == path.length();
    }

    /** The end of a run of at least one digit starting at {@code at}, or -1. */
    private static int digits(String path, int at) {
        int p = at;
        while (p < path.length() && path.charAt(p) >= '0' && path.charAt(p) <= '9') p++;
        return p == at ? -1 : p;
    }

    /** Whether a finding of {@code category} overlaps {@code [start, end)}: the crossing one would only lengthen it. */
    private static boolean overlaps(List<Finding> findings, String category, int start, int end) {
        for (Finding f : findings) {
            if (f.start() < end && f.end() > start && f.category().equals(category)) return true;
        }
        return false;
    }

    private static final java.util.Comparator<Finding> BY_START =
            java.util.Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);
}
