package dev.sovereign.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How price entries match model ids: globs ({@code *} any characters, {@code ?} one), case-insensitive, on the id
 * with an Amazon Bedrock inference-profile and vendor prefix removed ({@code eu.anthropic.claude-sonnet-4-5-…} is
 * matched as {@code claude-sonnet-4-5-…}), so one entry covers the Anthropic API, Bedrock and Vertex AI names.
 */
public final class ModelGlob {
    private static final Pattern BEDROCK_PREFIX = Pattern.compile(
            "^(?:(?:us|eu|apac|jp|au|ca|us-gov|global)\\.)?(?:anthropic|meta|mistral|amazon|cohere|openai|deepseek|qwen)\\.");

    private ModelGlob() {}

    /** The id prices are matched on: lower case, without a Bedrock prefix. */
    public static String normalise(String model) {
        return BEDROCK_PREFIX.matcher(model.trim().toLowerCase(Locale.ROOT)).replaceFirst("");
    }

    public static boolean anyMatch(List<String> globs, String model) {
        if (model == null) return false;
        String id = normalise(model);
        for (String g : globs) {
            if (matches(g.toLowerCase(Locale.ROOT), id, 0, 0)) return true;
        }
        return false;
    }

    private static boolean matches(String glob, String text, int g, int t) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int k = t; k <= text.length(); k++) {
                    if (matches(glob, text, g + 1, k)) return true;
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) return false;
            g++;
            t++;
        }
        return t == text.length();
    }

    static boolean within(LocalDate date, LocalDate from, LocalDate to) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
