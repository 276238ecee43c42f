package dev.sovereign.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations of configuration files: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (write a whole number and a unit: 250ms, 30s, 5m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0 && ms > 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
