package dev.sovereign.bench.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usual way to build this: each detector its own {@link java.util.regex} pass over the text (Presidio's model),
 * dictionaries as one case-insensitive alternation per category. Used only as the baseline in the benchmarks; it does
 * not even validate check digits, which flatters it.
 */
public final class NaiveRegexBaseline {
    private final List<Pattern> patterns = new ArrayList<>();

    public NaiveRegexBaseline() {
        String[] regexes = {
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", // email
            "\\+[1-9][0-9 ().-]{6,18}[0-9]", // international phone
            "\\b0[0-9][0-9 .-]{6,14}[0-9]\\b", // national phone
            "\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b", // IPv4
            "\\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}\\b", // IPv6
            "\\b[12] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\\b", // FR NIR
            "\\b[1-9][0-9]{10}\\b", // DE tax id, PESEL, BE
            "\\b[0-9]{8}[A-Z]\\b", // ES DNI
            "\\b[XYZ][0-9]{7}[A-Z]\\b", // ES NIE
            "\\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\\b", // IT CF
            "\\b[0-9]{9}\\b", // BSN, NIF, SSN
            "\\b[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}-[0-9]{3}\\.[0-9]{2}\\b", // BE
            "\\b[0-9]{6}[-+]?[0-9]{4}\\b", // SE, DK
            "\\b[0-9]{6}[-+A][0-9]{3}[0-9A-Y]\\b", // FI
            "\\b[0-9]{4} ?[0-9]{6}\\b", // AT
            "\\b[0-9]{7}[A-W][ABHW]?\\b", // IE
            "\\b[A-CEGHJ-PR-TW-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\\b", // GB NINO
            "\\b[0-9]{3} ?[0-9]{3} ?[0-9]{4}\\b", // NHS
            "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b", // SSN/ITIN
            "\\b(?:[0-9]{4}[ -]?){3}[0-9]{1,4}\\b", // card
            "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", // IBAN
            "\\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\\b", // BIC
            "\\b(?:AT|BE|DE|DK|ES|FI|FR|IT|NL|PL|PT|SE)[A-Z0-9]{8,12}\\b", // VAT
            "\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b", // AWS
            "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b", // GitHub
            "\\bglpat-[A-Za-z0-9_-]{20,}", // GitLab
            "\\bxox[baprs]-[A-Za-z0-9-]{20,}", // Slack
            "\\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,}", // Stripe
            "\\bAIza[A-Za-z0-9_-]{35}", // Google
            "\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}", // Anthropic / OpenAI
            "-----BEGIN [A-Z ]*PRIVATE KEY-----", // PEM
            "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*", // JWT
            "[a-z+]+://[^\\s:/@]+:[^\\s@/]+@[^\\s/]+", // connection string
            "(?i)(?:password|passwd|pwd|secret|token)\\s*[:=]\\s*\\S{8,}", // password assignment
            "(?i)(?:mr|mrs|ms|dr|my name is|je m'appelle|ich heiße|me llamo|mi chiamo|mijn naam is)\\.?\\s+[A-Z][a-z]+", // names
            "\\b[0-9]{1,4}[a-zA-Z]?,? (?:rue|avenue|boulevard|street|road|calle|via|straße|straat)\\b", // addresses
            "(?i)\\b(?:born|né le|geboren|nacido|nato|date of birth)\\D{0,20}[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}", // DOB
        };
        for (String regex : regexes) {
            patterns.add(Pattern.compile(regex));
        }
        for (String special : List.of(
                "health",
                "biometric",
                "genetic",
                "ethnic_origin",
                "political",
                "religion",
                "trade_union",
                "sexual_orientation")) {
            patterns.add(dictionary("/dev/sovereign/classify/special/" + special + ".txt"));
        }
    }

    private static Pattern dictionary(String resource) {
        List<String> terms = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                NaiveRegexBaseline.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String term = line.strip();
                if (!term.isEmpty() && !term.startsWith("#")) {
                    terms.add(
                            term.endsWith("*")
                                    ? Pattern.quote(term.substring(0, term.length() - 1)) + "\\w*"
                                    : Pattern.quote(term));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Pattern.compile("(?iu)\\b(?:" + String.join("|", terms) + ")\\b");
    }

    /** Number of matches of all patterns. */
    public int scan(CharSequence text) {
        int count = 0;
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                count++;
            }
        }
        return count;
    }

    public int patternCount() {
        return patterns.size();
    }
}
