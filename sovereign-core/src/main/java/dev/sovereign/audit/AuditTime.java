package dev.sovereign.audit;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time bounds as people write them in audit queries (the admin API and the CLI): an instant
 * ({@code 2026-11-26T08:00:00Z}, or with an offset), a date in UTC ({@code 2026-11-26}), or an age counted back from
 * now ({@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}).
 */
public final class AuditTime {
    /** The accepted forms, for messages. */
    public static final String FORMS =
            "an instant (2026-11-01T10:00:00Z), a date (2026-11-01, UTC) or an age (30m, 24h, 7d)";

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

    private AuditTime() {}

    /** Whether a date stands for the start of its day (a lower bound) or its end (an upper bound: the whole day). */
    public enum DateAs {
        START_OF_DAY,
        END_OF_DAY
    }

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static Instant parse(String text, Clock clock) {
        return parse(text, clock, DateAs.START_OF_DAY);
    }

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static Instant parse(String text, Clock clock, DateAs dateAs) {
        String t = text.trim();
        Matcher age = AGE.matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return Instant.now(clock).minus(d);
        }
        try {
            if (t.length() == 10) {
                LocalDate date = LocalDate.parse(t);
                return (dateAs == DateAs.END_OF_DAY ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "' is not a time: use " + FORMS);
        }
    }
}
