package dev.sovereign.classify.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.sovereign.classify.ClassifierConfigurationException;

/**
 * An organisation's regular expression, run by RE2/J: linear time in the text, so no pattern can hang a request.
 *
 * <p>Most patterns never run over the whole text. When the first chars of every match are known ({@link RegexPrefix},
 * e.g. {@code ACME-\d{6}} or {@code \b[A-Z]{2}\d{6}\b}), {@link PatternSet} tries the pattern only at positions
 * whose chars fit, anchored there, and RE2/J stops as soon as no thread survives. Otherwise, when the pattern contains
 * a literal that every match must contain, the text is first searched for that literal and the regex runs only if it
 * is there. Only a pattern with neither runs over every text.
 */
final class CustomPattern {
    final String category;
    final String detector;
    private final Pattern pattern;
    /** The pattern after one arbitrary char, to match anchored one char early so \b and ^ see the real context. */
    private final Pattern shifted;

    private final String requiredLiteral;
    final double confidence;
    /** The known first chars of every match when they reject most text positions, else null. */
    final RegexPrefix prefix;

    CustomPattern(String name, String regex, double confidence, String source, int line) {
        this.category = "custom." + name;
        this.detector = "regex:" + name;
        this.confidence = confidence;
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ClassifierConfigurationException(
                    source, line, "pattern '" + name + "' is not valid RE2 syntax: " + e.getDescription(), e);
        }
        this.requiredLiteral = requiredLiteral(regex);
        RegexPrefix known = RegexPrefix.of(regex);
        this.prefix = known != null && selective(known) ? known : null;
        this.shifted = prefix == null ? null : Pattern.compile("(?s:.)(?:" + regex + ")");
    }

    /**
     * Whether one of the first three positions excludes most lower-case letters (prose is mostly lower case), so
     * that most positions of a text fail the prefix within a char or two.
     */
    private static boolean selective(RegexPrefix prefix) {
        for (int k = 0; k < Math.min(3, prefix.sets.length); k++) {
            RegexPrefix.CharSet set = prefix.sets[k];
            int lower = 0;
            for (char c = 'a'; c <= 'z'; c++) {
                lower += set.contains(c) ? 1 : 0;
            }
            if (lower < 13 && !set.contains(' ')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of the match that starts exactly at {@code at}, or -1: RE2/J's leftmost-first match anchored at
     * {@code at}, seeing the char before it for {@code \b}, {@code ^} and the like. {@code window} is reused.
     */
    int matchAt(Window window, int at) {
        // RE2/J keeps stepping to the end of its input even after an anchored match has failed, so the window ends
        // one char after the longest possible match (two chars per code point for surrogate pairs): beyond that
        // nothing can change the result, and a failed try costs the length of the pattern, not of the text.
        int limit = prefix.maxLength < 0 ? Integer.MAX_VALUE : at + 2 * prefix.maxLength + 2;
        Matcher m;
        if (at == 0) {
            window.range(0, limit);
            m = pattern.matcher(window);
        } else {
            window.range(at - 1, limit);
            m = shifted.matcher(window);
        }
        return m.lookingAt() ? window.offset + m.end() : -1;
    }

    /** A view of the text from an offset to its end, so that RE2/J can anchor a match there without a copy. */
    static final class Window implements CharSequence {
        private final CharSequence text;
        int offset;
        private int end;

        Window(CharSequence text) {
            this.text = text;
        }

        void range(int start, int limit) {
            offset = start;
            end = Math.min(text.length(), limit);
        }

        @Override
        public int length() {
            return end - offset;
        }

        @Override
        public char charAt(int index) {
            return text.charAt(offset + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(offset + start, offset + end);
        }

        @Override
        public String toString() {
            return text.subSequence(offset, end).toString();
        }
    }

    void scan(Scan scan) {
        if (requiredLiteral != null && scan.text.toString().indexOf(requiredLiteral) < 0) {
            return;
        }
        Matcher m = pattern.matcher(scan.text);
        while (m.find()) {
            if (m.end() > m.start()) {
                scan.candidates.add(new Candidate(
                        null, category, detector, m.start(), m.end(), confidence, confidence, 0, false, null));
            }
        }
    }

    /**
     * The longest run of plain chars (at least 3) at the top level of a pattern without alternation, not made
     * optional by a following quantifier; null when there is none or when the pattern has flags.
     */
    static String requiredLiteral(String regex) {
        if (regex.startsWith("(?")) {
            return null;
        }
        String best = null;
        StringBuilder run = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            char literal = 0;
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(++i);
                if (!Character.isLetterOrDigit(e)) {
                    literal = e;
                }
            } else if (c == '|' && depth == 0) {
                return null;
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && "^$.*+?{}".indexOf(c) < 0) {
                literal = c;
            }
            if (literal != 0 && depth == 0) {
                boolean optional = i + 1 < regex.length() && "?*{".indexOf(regex.charAt(i + 1)) >= 0;
                if (!optional) {
                    run.append(literal);
                    continue;
                }
            }
            if (best == null || run.length() > best.length()) {
                best = run.toString();
            }
            run.setLength(0);
        }
        if (best == null || run.length() > best.length()) {
            best = run.toString();
        }
        return best.length() >= 3 ? best : null;
    }
}
