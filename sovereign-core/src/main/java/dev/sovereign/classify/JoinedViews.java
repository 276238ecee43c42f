package dev.sovereign.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds values split between consecutive pieces of a conversation's text: {@code "write to jane.doe@exa"} in one
 * content block and {@code "mple.org today"} in the next, or an IBAN cut between two messages. The pieces are the
 * text a model reads in order — the system prompt's text, each message's content and text blocks, the text of tool
 * results — not the fields of a tool's input or other values that merely follow each other in the body. For each pair
 * of consecutive pieces, the last {@link #REACH} characters of the first and the first {@code REACH} of the second are
 * scanned as one text; a finding that crosses the seam becomes two findings, one over each part, and is counted
 * once. Findings that do not cross the seam were already found in their own segment, and a crossing finding that
 * overlaps one of its category found on either side only lengthens it ({@code "… jane@example.org."} followed by
 * {@code "Le client …"}), and is not a split value.
 *
 * <p>The reach bounds the cost to one short scan per seam, whatever the segments' length, and is longer than every
 * structured identifier (an IBAN written in groups is at most 42 characters, an email rarely longer).
 */
final class JoinedViews {
    static final int REACH = 64;

    /** Where the text a model reads in order sits in both APIs' bodies (strings and text blocks, tool results). */
    private static final Pattern CONVERSATION_TEXT = Pattern.compile(
            "/system(/\\d+/text)?|/messages/\\d+/content(/\\d+/(text|content(/\\d+/text)?))?|/input(/\\d+)?|/prompt");

    private JoinedViews() {}

    static void scan(
            Classifier classifier, List<TextSegment> segments, List<List<Finding>> found, Map<String, Integer> counts) {
        int previous = -1;
        for (int k = 0; k < segments.size(); k++) {
            TextSegment segment = segments.get(k);
            if (segment.form() != TextSegment.Form.TEXT
                    || segment.text().isEmpty()
                    || !CONVERSATION_TEXT.matcher(segment.path()).matches()) continue;
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
        int from = Math.max(0, first.length() - REACH);
        if (from > 0 && Character.isLowSurrogate(first.charAt(from))) from--;
        int to = Math.min(second.length(), REACH);
        if (to < second.length() && Character.isLowSurrogate(second.charAt(to))) to++;
        int seam = first.length() - from;
        String joined = first.substring(from) + second.substring(0, to);
        List<Finding> crossing = null;
        List<Finding> before = found.get(a);
        List<Finding> after = found.get(b);
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
