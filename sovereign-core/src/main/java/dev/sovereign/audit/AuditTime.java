package dev.sovereign.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time bounds as people write them in audit queries: an instant ({@code 2026-11-26T08:00:00Z}), a date
 * ({@code 2026-11-26}, its start in UTC), or an age ({@code 30m}, {@code 24h}, {@code 7d}: that long before now).
 */
public final class AuditTime {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

    private AuditTime() {}

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static Instant parse(String text, Clock clock) {
        String t = text.trim();
        Matcher m = AGE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now(clock).minus(d);
        }
        try {
            if (t.length() == 10)
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                    + "' is not a time: use an instant (2026-11-26T08:00:00Z), a date (2026-11-26) or an age (30m,"
                    + " 24h, 7d)");
        }
    }
}
