package dev.sovereign.cli.audit;

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
 * A point in time given on the command line: an ISO-8601 instant ({@code 2026-11-01T10:00:00Z}, or with an
 * offset), a date taken in UTC ({@code 2026-11-01}), or an age counted back from the clock ({@code 30m},
 * {@code 24h}, {@code 7d}).
 */
final class TimeArgument {
    static final String FORMS = "an instant (2026-11-01T10:00:00Z), a date (2026-11-01, UTC) or an age (30m, 24h, 7d)";

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

    /** Whether a date stands for the start of its day or for the end of it (the start of the next day). */
    enum DateAs {
        START_OF_DAY,
        END_OF_DAY
    }

    private TimeArgument() {}

    /**
     * @param option the option's name, for the message
     * @throws CommandFailure when {@code text} is none of the accepted forms
     */
    static Instant parse(String option, String text, Clock clock, DateAs dateAs) {
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
            return clock.instant().minus(d);
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
            throw new CommandFailure(option + ": '" + text + "' is not " + FORMS);
        }
    }
}
