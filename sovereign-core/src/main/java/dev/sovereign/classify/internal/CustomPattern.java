package dev.sovereign.classify.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.sovereign.classify.ClassifierConfigurationException;

/**
 * An organisation's regular expression, run by RE2/J: linear time in the text, so no pattern can hang a request.
 * When the pattern contains a literal that every match must contain, the text is first searched for that literal and
 * the regex runs only if it is there: most texts skip most patterns at the cost of one {@code indexOf}.
 */
final class CustomPattern {
    private final String category;
    private final String detector;
    private final Pattern pattern;
    private final String requiredLiteral;
    private final double confidence;

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
